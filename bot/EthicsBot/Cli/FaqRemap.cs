using System.Text.Json.Serialization;

namespace EthicsBot.Cli;

/// <summary>A published FAQ entry's clauses before and after a revision, for the office to apply on the desk.</summary>
internal sealed record FaqRemap(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("clauses")] IReadOnlyList<string> Clauses,
    [property: JsonPropertyName("revisedClauses")] IReadOnlyList<string> RevisedClauses,
    [property: JsonPropertyName("forOffice")] IReadOnlyList<string> ForOffice)
{
    [JsonIgnore]
    public bool Changed => !Clauses.SequenceEqual(RevisedClauses) || ForOffice.Count > 0;
}
