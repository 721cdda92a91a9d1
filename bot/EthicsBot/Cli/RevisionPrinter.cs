using EthicsBot.Knowledge.Revisions;

namespace EthicsBot.Cli;

/// <summary>Prints a revision for the ethics office: what changed clause by clause, then where the references went.</summary>
internal static class RevisionPrinter
{
    public static async Task PrintAsync(RevisionOutcome outcome, TextWriter output)
    {
        var report = outcome.Report;
        await output.WriteLineAsync($"{outcome.InUse.Metadata.Title}: version in use {outcome.InUse.Metadata.Version ?? "(none)"} ({Path.GetFileName(outcome.InUse.Path)}), revision {outcome.Revised.Metadata.Version ?? "(none)"} ({Path.GetFileName(outcome.Revised.Path)})").ConfigureAwait(false);
        var unchanged = report.Changes.Count(c => c.Kind == ChangeKind.Unchanged);
        await output.WriteLineAsync($"\nWhat changed, clause by clause ({unchanged} clauses unchanged):").ConfigureAwait(false);
        foreach (var change in report.Changes.Where(c => c.Kind != ChangeKind.Unchanged))
            await output.WriteLineAsync(Line(change, outcome)).ConfigureAwait(false);

        var bank = outcome.Bank;
        await output.WriteLineAsync($"\nQuestion bank: {bank.Bank.Count} questions follow their clause ({bank.Moved} to a new id), {bank.ForOffice.Count} for the office:").ConfigureAwait(false);
        foreach (var question in bank.ForOffice)
            await output.WriteLineAsync($"  {question.Clause}  {question.Question}").ConfigureAwait(false);

        await output.WriteLineAsync($"\nFAQ entries: {outcome.Faq.Count} published, {outcome.Faq.Count(f => f.Changed)} to update:").ConfigureAwait(false);
        foreach (var faq in outcome.Faq.Where(f => f.Changed))
            await output.WriteLineAsync($"  {faq.Id}  [{string.Join(", ", faq.Clauses)}] -> [{string.Join(", ", faq.RevisedClauses)}]{Office(faq.ForOffice)}  {faq.Question}").ConfigureAwait(false);

        await output.WriteLineAsync("\nForms:").ConfigureAwait(false);
        foreach (var form in outcome.Forms)
        {
            var what = form.Moved.Concat(form.ForOffice.Select(f => "for the office: " + f)).ToList();
            await output.WriteLineAsync($"  {form.File}: {(what.Count == 0 ? "unchanged" : string.Join("; ", what))}").ConfigureAwait(false);
        }
    }

    private static string Line(ClauseChange change, RevisionOutcome outcome)
    {
        var title = change.New.Count > 0
            ? outcome.Revised.Clauses.First(c => c.Id == change.New[0]).Title
            : outcome.InUse.Clauses.First(c => c.Id == change.Old[0]).Title;
        var ids = $"{string.Join(" + ", change.Old)} -> {string.Join(" + ", change.New)}".Trim();
        var similarity = change.Similarity > 0 ? $" (similarity {change.Similarity:0.00})" : "";
        var office = change.NeedsOffice ? "  [the office decides]" : "";
        return $"  {ids,-32} {change.Kind.ToString().ToLowerInvariant(),-12} {title}{similarity}{office}";
    }

    private static string Office(IReadOnlyList<string> ids) => ids.Count == 0 ? "" : $" (for the office: {string.Join(", ", ids)})";
}
