using System.Text.Encodings.Web;
using System.Text.Json;
using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Revisions;
using EthicsBot.Knowledge.Search.Semantic;

namespace EthicsBot.Cli;

/// <summary>A revision compared and every reference followed: what <c>revise</c> prints and writes.</summary>
internal sealed record RevisionOutcome(
    RevisionReport Report,
    KnowledgeDocument InUse,
    KnowledgeDocument Revised,
    RemappedBank Bank,
    IReadOnlyList<FaqRemap> Faq,
    IReadOnlyList<FormRemap> Forms)
{
    // Files people read and review: indented, and letters such as ’ or é as they are (these are not HTML).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Line = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <c>revision.json</c>, <c>questions/&lt;org&gt;.jsonl</c> and the forms that changed; returns the paths.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string folder)
    {
        var org = Report.Organization;
        var written = new List<string>();
        async Task Write(string relative, string content)
        {
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, content).ConfigureAwait(false);
            written.Add(path);
        }
        await Write("revision.json", JsonSerializer.Serialize(Summary(), Indented) + "\n").ConfigureAwait(false);
        // A question's answer goes with it where its words are still one sentence of the revised clause; elsewhere the reviewer names it again.
        var sentences = Revised.Clauses.ToDictionary(c => c.Id, c => Knowledge.Search.SentencePicker.Sentences(c.Text), StringComparer.Ordinal);
        var bank = Bank.Bank.Select(q => $"{{\"clause\": {JsonSerializer.Serialize(q.Clause, Line)}, \"question\": {JsonSerializer.Serialize(q.Question, Line)}{(q.TellsOfMisconduct ? ", \"tells\": true" : "")}" +
            $"{(q.Answer is { } answer && sentences.GetValueOrDefault(q.Clause) is { } split && BankQuestion.NamesOneOf(answer, split) ? $", \"answer\": {JsonSerializer.Serialize(answer, Line)}" : "")}}}");
        await Write(Path.Combine("questions", org + ".jsonl"), string.Join("\n", bank) + "\n").ConfigureAwait(false);
        foreach (var form in Forms.Where(f => f.Moved.Count > 0))
            await Write(Path.Combine("forms", org, form.File), form.Revised.ToJsonString(Indented) + "\n").ConfigureAwait(false);
        return written;
    }

    private Dictionary<string, object?> Summary() => new()
    {
        ["organization"] = Report.Organization,
        ["inUse"] = Version(InUse),
        ["revised"] = Version(Revised),
        ["changes"] = Report.Changes.Where(c => c.Kind != ChangeKind.Unchanged).ToList(),
        ["unchanged"] = Report.Changes.Count(c => c.Kind == ChangeKind.Unchanged),
        ["added"] = Report.Added,
        ["removed"] = Report.Removed,
        ["bankForOffice"] = Bank.ForOffice.Select(q => new { clause = q.Clause, question = q.Question }).ToList(),
        ["faq"] = Faq.Where(f => f.Changed).ToList(),
        ["forms"] = Forms.Where(f => f.Moved.Count > 0 || f.ForOffice.Count > 0).ToList(),
    };

    private static object Version(KnowledgeDocument document) => new
    {
        file = Path.GetFileName(document.Path),
        title = document.Metadata.Title,
        version = document.Metadata.Version,
        date = document.Metadata.Date,
    };
}
