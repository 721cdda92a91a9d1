using System.Text.Json.Serialization;

namespace EthicsBot.Features.Answers;

/// <summary>
/// A topic staff ask about, the words that name it in a question, and the words a Code uses when it has a rule on it;
/// <see cref="Things"/>: lexicon categories whose things, given from outside, also ask about it (a bottle of whisky from
/// a supplier is a gifts question).
/// </summary>
public sealed record Topic(
    [property: JsonPropertyName("topic")] string Name,
    [property: JsonPropertyName("question")] IReadOnlyList<string> QuestionWords,
    [property: JsonPropertyName("code")] IReadOnlyList<string> CodeWords)
{
    [JsonPropertyName("things")] public IReadOnlyList<string> Things { get; init; } = [];
}
