using System.Text.Json;
using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Search.Semantic;

/// <summary>
/// One reviewed staff question and the clause that answers it. <see cref="TellsOfMisconduct"/> marks a question that
/// also tells of someone's misconduct ("my boss takes 10 % from suppliers, is that allowed?", line <c>"tells": true</c>):
/// it still finds its clause, but the report screen never learns it as a harmless question.
/// </summary>
public sealed record BankQuestion(string Clause, string Question)
{
    public bool TellsOfMisconduct { get; init; }

    /// <summary>
    /// Words of the clause's sentence that answers this question (line <c>"answer"</c>, verbatim from the Code), so the
    /// answer quotes the sentence a careful reader points to; null when the line names none.
    /// </summary>
    public string? Answer { get; init; }

    /// <summary>Whether <paramref name="sentence"/> is the one <see cref="Answer"/> names (spacing aside).</summary>
    public static bool Names(string? answer, string sentence) =>
        answer is not null && Spaced(sentence).Contains(Spaced(answer), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="answer"/> is words of one of <paramref name="sentences"/>.</summary>
    public static bool NamesOneOf(string answer, IEnumerable<string> sentences) => sentences.Any(s => Names(answer, s));

    /// <summary>Runs of white space as one space, so the Code's line breaks do not count.</summary>
    public static string Spaced(string text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>
/// The question bank (<c>knowledge/questions/&lt;org&gt;.jsonl</c>, lines <c>{"clause","question"}</c> and an optional
/// <c>"tells": true</c>): for each clause,
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
        var sentences = clauses.GroupBy(c => c.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)SentencePicker.Sentences(g.First().Text), StringComparer.Ordinal);
        return [.. Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(file => LoadFile(file, ids, sentences))];
    }

    /// <summary>
    /// One bank file; <paramref name="ids"/> the clause ids of the Codes; <paramref name="sentences"/>, when given, each
    /// clause's sentences (<see cref="SentencePicker.Sentences"/>), one of which a line's <c>"answer"</c> must be words of.
    /// </summary>
    public static IReadOnlyList<BankQuestion> LoadFile(string file, IReadOnlySet<string> ids, IReadOnlyDictionary<string, IReadOnlyList<string>>? sentences = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bank = new List<BankQuestion>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            string? clause, question, answer;
            bool? tells;
            try
            {
                using var json = JsonDocument.Parse(line);
                clause = json.RootElement.TryGetProperty("clause", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                question = json.RootElement.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
                tells = !json.RootElement.TryGetProperty("tells", out var t) ? false
                    : t.ValueKind is JsonValueKind.True or JsonValueKind.False ? t.GetBoolean() : null;
                answer = !json.RootElement.TryGetProperty("answer", out var a) ? null
                    : a.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(a.GetString()) ? a.GetString()!.Trim()
                    : throw new KnowledgeException($"{file} line {number}: \"answer\" must be words of the clause.");
            }
            catch (JsonException)
            {
                throw new KnowledgeException($"{file} line {number}: not a JSON object.");
            }
            if (string.IsNullOrWhiteSpace(clause) || string.IsNullOrWhiteSpace(question))
                throw new KnowledgeException($"{file} line {number}: needs \"clause\" and \"question\".");
            if (!ids.Contains(clause))
                throw new KnowledgeException($"{file} line {number}: \"{clause}\" is not a clause of the Codes.");
            if (tells is null)
                throw new KnowledgeException($"{file} line {number}: \"tells\" must be true or false.");
            if (answer is not null && sentences?.GetValueOrDefault(clause) is { } split && !BankQuestion.NamesOneOf(answer, split))
                throw new KnowledgeException($"{file} line {number}: the answer \"{answer}\" is not words of one sentence of {clause}.");
            bank.Add(new BankQuestion(clause, question.Trim()) { TellsOfMisconduct = tells.Value, Answer = answer });
        }
        return bank;
    }

    /// <summary>
    /// Everyday office questions no Code answers (<c>knowledge/everyday.jsonl</c>, lines <c>{"about","question"}</c>):
    /// leave, pay, benefits, IT, travel logistics, facilities, HR procedure. A question closer to these than to any
    /// clause's bank questions is less likely covered by the Code (<see cref="HybridWeights.Everyday"/>). None when the
    /// file is missing.
    /// </summary>
    public static IReadOnlyList<string> LoadEveryday(string path)
    {
        if (!File.Exists(path))
            return [];
        var questions = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                questions.Add(json.RootElement.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(q.GetString())
                    ? q.GetString()!.Trim()
                    : throw new KnowledgeException($"{path} line {number}: needs \"question\"."));
            }
            catch (JsonException)
            {
                throw new KnowledgeException($"{path} line {number}: not a JSON object.");
            }
        }
        return questions;
    }
}
