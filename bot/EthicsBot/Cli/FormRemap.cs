using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EthicsBot.Cli;

/// <summary>A disclosure form with its clause references moved to the revised Code, and those the office must place.</summary>
internal sealed record FormRemap(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("moved")] IReadOnlyList<string> Moved,
    [property: JsonPropertyName("forOffice")] IReadOnlyList<string> ForOffice,
    [property: JsonIgnore] JsonNode Revised);
