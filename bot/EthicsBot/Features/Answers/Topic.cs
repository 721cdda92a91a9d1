using System.Text.Json.Serialization;

namespace EthicsBot.Features.Answers;

/// <summary>A topic staff ask about, the words that name it in a question, and the words a Code uses when it has a rule on it.</summary>
public sealed record Topic(
    [property: JsonPropertyName("topic")] string Name,
    [property: JsonPropertyName("question")] IReadOnlyList<string> QuestionWords,
    [property: JsonPropertyName("code")] IReadOnlyList<string> CodeWords);
