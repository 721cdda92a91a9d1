using System.Text.Json;

namespace EthicsBot.Evaluation;

/// <summary>One line of an intent set: <c>{"text":"…","label":"report"|"question"}</c>.</summary>
public sealed record IntentCase(int Line, string Text, bool IsReport)
{
    public static IntentCase Parse(JsonElement element, int line)
    {
        var text = JsonLines.RequiredString(element, "text");
        var label = JsonLines.RequiredString(element, "label");
        return label switch
        {
            "report" => new IntentCase(line, text, true),
            "question" => new IntentCase(line, text, false),
            _ => throw new InvalidDataException($"\"label\" must be \"report\" or \"question\", not \"{label}\"."),
        };
    }
}
