using System.Text.Json;
using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Evaluation;

/// <summary>
/// One line of an answer set: <c>{"org","question","kind":"answer"|"not_covered","expected":[first-clause ids],
/// "quote":"verbatim fragment"|[fragments],"form":"gift"|"conflict"|"outside"|"acknowledgement"|"none"}</c>.
/// <c>kind</c> may be left out when <c>expected</c> says it (<c>["none"]</c> is not covered, as in the retrieval
/// sets, which can so be read as answer sets); a part left out (<c>quote</c>, <c>form</c>) is not judged.
/// </summary>
public sealed record AnswerCase(int Line, string Organization, string Question, string Kind, IReadOnlyList<string> Expected)
{
    public const string Answer = "answer";
    public const string NotCovered = "not_covered";
    public const string NoForm = "none";

    /// <summary>Verbatim fragments of the sentence the answer must quote: any one of them shown is right.</summary>
    public IReadOnlyList<string> Quotes { get; init; } = [];

    /// <summary>The form the answer must offer (<see cref="NoForm"/> for none), or null when the line does not say.</summary>
    public string? Form { get; init; }

    public bool ExpectsAnswer => Kind == Answer;

    public static AnswerCase Parse(JsonElement element, int line)
    {
        var org = JsonLines.RequiredString(element, "org");
        if (!DocumentMetadata.OrganizationIdPattern().IsMatch(org))
            throw new InvalidDataException($"\"org\" is not an organisation id: \"{org}\".");
        var question = JsonLines.RequiredString(element, "question");
        var expected = Strings(element, "expected") ?? throw new InvalidDataException("\"expected\" must be an array of clause ids.");
        var clauses = expected.Where(e => e != "none").ToList();
        var kind = element.TryGetProperty("kind", out _) ? JsonLines.RequiredString(element, "kind") : clauses.Count == 0 ? NotCovered : Answer;
        if (kind is not (Answer or NotCovered))
            throw new InvalidDataException($"\"kind\" must be \"{Answer}\" or \"{NotCovered}\", not \"{kind}\".");
        if (kind == Answer && clauses.Count == 0)
            throw new InvalidDataException("an answer needs the clause ids that may come first in \"expected\".");
        var quotes = element.TryGetProperty("quote", out var q) && q.ValueKind == JsonValueKind.String
            ? [q.GetString()!]
            : Strings(element, "quote") ?? [];
        // A not-covered line has nothing to quote: an empty "quote" says so, as leaving it out does.
        if (kind == NotCovered && quotes is [""])
            quotes = [];
        if (quotes.Any(string.IsNullOrWhiteSpace))
            throw new InvalidDataException("\"quote\" must be a non-empty string or an array of them.");
        var form = element.TryGetProperty("form", out _) ? JsonLines.RequiredString(element, "form") : null;
        return new AnswerCase(line, org, question, kind, clauses) { Quotes = quotes, Form = form };
    }

    private static List<string>? Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(e => e.GetString()!)]
            : null;
}
