using EthicsBot.Knowledge;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Azure;
using EthicsBot.Knowledge.Search.Lucene;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.Options;

namespace EthicsBot.Cli;

/// <summary><c>ingest [--target local|azure]</c>: parse every Code (stopping at the first bad one) and build the index.</summary>
internal static class IngestCommand
{
    public const string DefaultLocalIndexPath = "data/lucene-index";

    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "target" }, new HashSet<string>());
        if (arguments.Positional.Count > 0)
            throw new UsageException($"ingest takes no words, only --target (got \"{arguments.Positional[0]}\").");
        var settings = context.Services.GetRequiredService<IOptions<SearchSettings>>().Value;
        var target = arguments.Value("target") ?? (settings.Provider == SearchProvider.Azure ? "azure" : "local");
        if (target is not ("local" or "azure"))
            throw new UsageException($"--target must be local or azure, not \"{target}\".");

        var sources = context.Services.GetRequiredService<KnowledgeSources>();
        var documents = sources.LoadDocuments();
        var synonyms = context.Services.GetRequiredService<SynonymList>();
        foreach (var document in documents)
            await context.Out.WriteLineAsync($"{Path.GetFileName(document.Path)}: {document.Metadata.Organization}, \"{document.Metadata.Title}\", {document.Clauses.Count} clauses").ConfigureAwait(false);
        await context.Out.WriteLineAsync($"{Path.GetFileName(sources.SynonymsPath)}: {synonyms.SolrLines.Count} synonym rules").ConfigureAwait(false);
        var clauses = documents.SelectMany(d => d.Clauses).ToList();

        if (target == "local")
        {
            var path = string.IsNullOrWhiteSpace(settings.Lucene.IndexPath) ? DefaultLocalIndexPath : settings.Lucene.IndexPath;
            using var index = LuceneClauseIndex.OpenOrBuild(path, sources.Fingerprint(), () => clauses, synonyms, forceRebuild: true);
            await context.Out.WriteLineAsync($"Lucene index built at {Path.GetFullPath(path)}: {index.ClauseCount} clauses.").ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(settings.Lucene.IndexPath))
                await context.Out.WriteLineAsync($"The bot builds its index in memory unless Search:Lucene:IndexPath (env Search__Lucene__IndexPath) names this folder.").ConfigureAwait(false);
            return 0;
        }

        var azureOptions = context.Services.GetRequiredService<IOptions<AzureSearchOptions>>().Value;
        var problems = azureOptions.Problems();
        if (problems.Count > 0)
        {
            await context.Error.WriteLineAsync("error: " + string.Join("\nerror: ", problems)).ConfigureAwait(false);
            return 1;
        }
        var count = await context.Services.GetRequiredService<AzureSearchIndex>().IngestAsync(clauses).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Azure AI Search index \"{azureOptions.IndexName}\" at {azureOptions.Endpoint}: {count} clauses uploaded.").ConfigureAwait(false);
        return 0;
    }
}
