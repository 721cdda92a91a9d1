using System.Text.Json.Serialization;

namespace EthicsBot.Features.Answers;

/// <summary>A FAQ entry the ethics office published: its question, its answer and the clauses it rests on.</summary>
public sealed record OfficeAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("clauses")] IReadOnlyList<string> Clauses);
