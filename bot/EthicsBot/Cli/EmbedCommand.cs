using EthicsBot.Hosting;
using EthicsBot.Knowledge.Embeddings;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace EthicsBot.Cli;

/// <summary>
/// <c>embed [--out FILE]</c>: encodes every clause title and sentence and every bank question and writes the vector
/// file the search by meaning reads (default: the knowledge folder's <c>vectors/semantic.bin</c>). Run it after a
/// Code or the question bank changes; the bot encodes at start (slower) when the file does not match.
/// </summary>
internal static class EmbedCommand
{
    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "out" }, new HashSet<string>());
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
        return 0;
    }
}
