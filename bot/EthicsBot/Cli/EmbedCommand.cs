using EthicsBot.Hosting;
using EthicsBot.Knowledge.Embeddings;
using EthicsBot.Knowledge.Search.Languages;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace EthicsBot.Cli;

/// <summary>
/// <c>embed [--out FILE] [--neighbours FILE] [--gates FILE]</c>: encodes every clause title and sentence and every bank
/// question and writes the vector file the search by meaning reads (default: the knowledge folder's
/// <c>vectors/semantic.bin</c>); encodes the report corpus's English lines and the everyday questions for the report
/// screen's second opinion (default: <c>intent/neighbours.bin</c>); then measures each other language's "not covered"
/// gate on its bank and writes them with their fingerprints (default: <c>questions/languages/gates.json</c>). Run it after a Code or a question bank changes; the bot encodes and
/// measures at start (slower) what no longer matches.
/// </summary>
internal static class EmbedCommand
{
    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "out", "gates", "neighbours" }, new HashSet<string>());
        if (arguments.Positional.Count != 0)
            throw new UsageException("embed takes no positional arguments.");
        var knowledge = context.Services.GetRequiredService<IOptions<KnowledgeSettings>>().Value;
        var hybrid = context.Services.GetRequiredService<IOptions<SearchSettings>>().Value.Hybrid;
        var output = arguments.Value("out") ?? KnowledgeExtensions.VectorsPath(hybrid, knowledge);
        var (entries, _) = KnowledgeExtensions.VectorPlan(context.Services.GetRequiredService<ClauseCatalog>(), knowledge);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var vectors = await SemanticVectors.EncodeAsync(entries, MiniLmEmbeddingGenerator.ModelId,
            context.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()).ConfigureAwait(false);
        vectors.Save(output);
        await context.Out.WriteLineAsync($"encoded {entries.Count} texts ({entries.Count(e => e.Kind == VectorKind.Question && e.Clause != SemanticVectors.EverydayClause)} bank questions, {entries.Count(e => e.Clause == SemanticVectors.EverydayClause)} everyday ones) in {started.Elapsed.TotalSeconds:0.0} s; wrote {output}").ConfigureAwait(false);
        var (examples, _, shippedPath) = Features.Safety.SafetyServices.NeighboursPlan(knowledge);
        var neighboursPath = arguments.Value("neighbours") ?? shippedPath;
        started.Restart();
        var neighbours = await SemanticVectors.EncodeAsync(examples, MiniLmEmbeddingGenerator.ModelId,
            context.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()).ConfigureAwait(false);
        neighbours.Save(neighboursPath);
        await context.Out.WriteLineAsync($"encoded {examples.Count} report-corpus and everyday texts in {started.Elapsed.TotalSeconds:0.0} s; wrote {neighboursPath}").ConfigureAwait(false);
        var languages = context.Services.GetRequiredService<LanguageBankSearch>();
        if (languages.Languages.Count > 0)
        {
            var gates = arguments.Value("gates") ?? Path.Combine(knowledge.ResolvedPath, "questions", "languages", ShippedGates.FileName);
            started.Restart();
            ShippedGates.Write(gates, [.. languages.Languages.Select(l => (l, languages.Fingerprint(l), languages.MeasureGate(l)))]);
            await context.Out.WriteLineAsync($"measured the gates of {string.Join(", ", languages.Languages)} in {started.Elapsed.TotalSeconds:0.0} s; wrote {gates}").ConfigureAwait(false);
        }
        return 0;
    }
}
