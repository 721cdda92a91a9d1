using System.Globalization;
using EthicsBot.Features.Answers;
using EthicsBot.Knowledge;
using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Revisions;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace EthicsBot.Cli;

/// <summary>
/// <c>revise --org ORG --code FILE [--out DIR]</c>: compares a revised Code (a text export or PDF with its
/// <c>.meta.json</c>) with the organisation's Code in use and prints what changed, clause by clause, and where the
/// question bank, the office's FAQ entries and the forms' clause references go. With <c>--out</c> it writes the
/// remapped bank and forms and <c>revision.json</c> (the mapping, and what the office must decide); it changes
/// nothing in the knowledge folder or the stores: the office reviews the output and puts it in place with the Code.
/// </summary>
internal static class ReviseCommand
{
    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "org", "code", "out" }, new HashSet<string>());
        if (arguments.Positional.Count > 0)
            throw new UsageException($"revise takes no words, only --org, --code and --out (got \"{arguments.Positional[0]}\").");
        var org = arguments.Value("org") ?? throw new UsageException("revise needs --org, the organisation whose Code is revised.");
        var file = arguments.Value("code") ?? throw new UsageException("revise needs --code, the revised Code's file.");
        var sources = context.Services.GetRequiredService<KnowledgeSources>();
        var inUse = sources.LoadDocuments().FirstOrDefault(d => d.Metadata.Organization == org)
                    ?? throw new KnowledgeException(sources.SourcesPath, $"it holds no Code of the organisation \"{org}\"");
        var revised = KnowledgeLoader.LoadDocument(Path.GetFullPath(file));
        if (revised.Metadata.Organization != org)
            throw new KnowledgeException(DocumentMetadata.MetadataPathFor(file), $"it names the organisation \"{revised.Metadata.Organization}\", not \"{org}\"");

        var report = CodeRevision.Compare(inUse.Clauses, revised.Clauses);
        var remapper = new ReferenceRemapper(report, new MeaningChooser(context.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()));
        var knowledge = context.Services.GetRequiredService<IOptions<KnowledgeSettings>>().Value.ResolvedPath;
        var bank = QuestionBank.Load(Path.Combine(knowledge, "questions"), context.Services.GetRequiredService<ClauseCatalog>().All)
            .Where(q => report.ChangeOf(q.Clause) is not null).ToList();
        var outcome = new RevisionOutcome(
            report, inUse, revised,
            await remapper.RemapBankAsync(bank, CancellationToken.None).ConfigureAwait(false),
            await RemapFaqAsync(context, org, remapper).ConfigureAwait(false),
            await RevisedForms.RemapAsync(Path.Combine(knowledge, "forms", org), remapper).ConfigureAwait(false));
        await RevisionPrinter.PrintAsync(outcome, context.Out).ConfigureAwait(false);
        if (arguments.Value("out") is { } outDir)
        {
            var written = await outcome.WriteAsync(outDir).ConfigureAwait(false);
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"\nwrote {string.Join(", ", written)}")).ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task<IReadOnlyList<FaqRemap>> RemapFaqAsync(CommandContext context, string org, ReferenceRemapper remapper)
    {
        var entries = await context.Services.GetRequiredService<IFaqStore>().FaqAsync(org, CancellationToken.None).ConfigureAwait(false);
        var result = new List<FaqRemap>();
        foreach (var entry in entries.Where(e => !e.Withdrawn))
        {
            var remapped = await remapper.RemapAsync(entry.Clauses, entry.Question + "\n" + entry.Answer, CancellationToken.None).ConfigureAwait(false);
            result.Add(new FaqRemap(entry.Id, entry.Question, entry.Clauses, remapped.Clauses, remapped.ForOffice));
        }
        return result;
    }
}
