using System.Text.Json.Serialization;
using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Search.Azure;

/// <summary>A clause as stored in the Azure AI Search index. Field names are the index schema.</summary>
public sealed class ClauseDocument
{
    [JsonPropertyName("key")] public string Key { get; set; } = "";
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("organization")] public string Organization { get; set; } = "";
    [JsonPropertyName("number")] public string Number { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("links")] public IList<string> Links { get; set; } = [];
    [JsonPropertyName("documentTitle")] public string DocumentTitle { get; set; } = "";
    [JsonPropertyName("order")] public int Order { get; set; }

    /// <summary>The sentence vector of the title and text (when the index has a vector field); never read back.</summary>
    [JsonPropertyName("contentVector")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<float>? ContentVector { get; set; }

    /// <summary>What is encoded for <see cref="ContentVector"/>.</summary>
    public static string VectorText(Clause clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        return $"{clause.Title}. {clause.Text}";
    }

    /// <summary>Document keys allow only letters, digits, '_', '-' and '=': "iom-5.49" is stored as "iom-5_49".</summary>
    public static string KeyFor(string clauseId) =>
        new(clauseId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' ? c : '_').ToArray());

    public static ClauseDocument From(Clause clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        return new()
        {
            Key = KeyFor(clause.Id),
            Id = clause.Id,
            Organization = clause.Organization,
            Number = clause.Number,
            Title = clause.Title,
            Text = clause.Text,
            Links = clause.Links.ToList(),
            DocumentTitle = clause.DocumentTitle,
            Order = clause.Order,
        };
    }

    public Clause ToClause() => new(Id, Organization, Number, Title, Text, Links.ToArray(), DocumentTitle, Order);
}
