using EthicsBot.Knowledge.Search.Semantic;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>Clause references after a revision: the revised clauses they now cite, and those left for the office.</summary>
/// <param name="Clauses">The revised ids, in the order of the references, without repeats.</param>
/// <param name="ForOffice">Ids in use that could not be followed (removed, restructured, or a split part that could
/// not be told): the ethics office decides where they go.</param>
public sealed record RemappedReference(IReadOnlyList<string> Clauses, IReadOnlyList<string> ForOffice);

/// <summary>The question bank after a revision: the questions that follow their clause (<paramref name="Moved"/> of
/// them to another id), and those for the office.</summary>
public sealed record RemappedBank(IReadOnlyList<BankQuestion> Bank, IReadOnlyList<BankQuestion> ForOffice, int Moved);

/// <summary>
/// Moves references to clauses in use (bank questions, FAQ entries, forms) onto the revised clauses of a
/// <see cref="RevisionReport"/>. A kept, renumbered or merged clause has one place to go; the parts of a split clause
/// are chosen between by the text that cites it (a bank question, a FAQ entry's question and answer); a reference with
/// no text of its own (a form's clause list) goes to every part. Ids of another organisation pass unchanged.
/// </summary>
public sealed class ReferenceRemapper(RevisionReport report, IClauseChooser chooser)
{
    public async Task<RemappedReference> RemapAsync(IEnumerable<string> clauseIds, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clauseIds);
        var clauses = new List<string>();
        var forOffice = new List<string>();
        foreach (var id in clauseIds)
        {
            var change = report.ChangeOf(id);
            if (change is null)
                clauses.Add(id);
            else if (change.Kind is ChangeKind.Removed or ChangeKind.Restructured)
                forOffice.Add(id);
            else if (change.Kind != ChangeKind.Split || text is null)
                clauses.AddRange(change.New);
            else if (await ChoosePartAsync(change, text, cancellationToken).ConfigureAwait(false) is { } part)
                clauses.Add(part);
            else
                forOffice.Add(id);
        }
        return new RemappedReference(clauses.Distinct(StringComparer.Ordinal).ToList(), forOffice);
    }

    public async Task<RemappedBank> RemapBankAsync(IEnumerable<BankQuestion> bank, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bank);
        var kept = new List<BankQuestion>();
        var forOffice = new List<BankQuestion>();
        var moved = 0;
        foreach (var question in bank)
        {
            var remapped = await RemapAsync([question.Clause], question.Question, cancellationToken).ConfigureAwait(false);
            if (remapped.Clauses.Count == 1)
            {
                kept.Add(question with { Clause = remapped.Clauses[0] });
                moved += remapped.Clauses[0] == question.Clause ? 0 : 1;
            }
            else
                forOffice.Add(question);
        }
        return new RemappedBank(kept, forOffice, moved);
    }

    private async Task<string?> ChoosePartAsync(ClauseChange split, string text, CancellationToken cancellationToken)
    {
        var parts = split.New.Select(id => report.Revised.First(c => c.Id == id)).ToList();
        var index = await chooser.ChooseAsync(text, parts, cancellationToken).ConfigureAwait(false);
        return index < 0 ? null : parts[index].Id;
    }
}
