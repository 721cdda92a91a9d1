using System.Text.Json;
using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Search.Semantic;

/// <summary>One reviewed staff question and the clause that answers it.</summary>
public sealed record BankQuestion(string Clause, string Question);

/// <summary>
/// The question bank (<c>knowledge/questions/&lt;org&gt;.jsonl</c>, lines <c>{"clause","question"}</c>): for each clause,
/// questions staff ask that it answers, in their own words. Reviewed like the Codes; a line naming a clause the Codes
/// do not have stops the load, naming the file and line.
/// </summary>
public static class QuestionBank
{
    public static IReadOnlyList<BankQuestion> Load(string folder, IReadOnlyCollection<Clause> clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        if (!Directory.Exists(folder))
            return [];
        var ids = clauses.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var bank = new List<BankQuestion>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                string? clause, question;
                try
                {
                    using var json = JsonDocument.Parse(line);
                    clause = json.RootElement.TryGetProperty("clause", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    question = json.RootElement.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
                }
                catch (JsonException)
                {
                    throw new KnowledgeException($"{file} line {number}: not a JSON object.");
                }
                if (string.IsNullOrWhiteSpace(clause) || string.IsNullOrWhiteSpace(question))
                    throw new KnowledgeException($"{file} line {number}: needs \"clause\" and \"question\".");
                if (!ids.Contains(clause))
                    throw new KnowledgeException($"{file} line {number}: \"{clause}\" is not a clause of the Codes.");
                bank.Add(new BankQuestion(clause, question.Trim()));
            }
        }
        return bank;
    }
}
