using System.Text.Json;

namespace EthicsBot.Evaluation;

/// <summary>
/// One line of an intent set: <c>{"text":"…","label":"report"|"question"}</c>, with an optional <c>"lang"</c>
/// (an ISO 639-1 code) for the figures per language.
/// </summary>
public sealed record IntentCase(int Line, string Text, bool IsReport)
{
    /// <summary>The language the line is written in, when the set says; the figures are also given per language.</summary>
    public string? Lang { get; init; }

    public static IntentCase Parse(JsonElement element, int line)
    {
        var text = JsonLines.RequiredString(element, "text");
        var label = JsonLines.RequiredString(element, "label");
        var lang = JsonLines.OptionalLang(element);
        return label switch
        {
            "report" => new IntentCase(line, text, true) { Lang = lang },
            "question" => new IntentCase(line, text, false) { Lang = lang },
            _ => throw new InvalidDataException($"\"label\" must be \"report\" or \"question\", not \"{label}\"."),
        };
    }
}
