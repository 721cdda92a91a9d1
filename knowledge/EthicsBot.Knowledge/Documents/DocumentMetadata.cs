using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EthicsBot.Knowledge.Documents;

/// <summary>What the bot needs to know about a delivered Code: kept beside it as <c>&lt;file&gt;.meta.json</c>.</summary>
public sealed partial record DocumentMetadata(
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("sourceUrl")] string? SourceUrl)
{
    private static readonly JsonSerializerOptions Json = new() { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Organisation ids are lower-case letters, digits and dashes: they end up in clause ids and search filters.</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    public static partial Regex OrganizationIdPattern();

    public static string MetadataPathFor(string documentPath) =>
        Path.Combine(Path.GetDirectoryName(documentPath) ?? ".", Path.GetFileNameWithoutExtension(documentPath) + ".meta.json");

    /// <summary>Reads and checks the metadata of a document; any problem names the file.</summary>
    public static DocumentMetadata Load(string documentPath)
    {
        var path = MetadataPathFor(documentPath);
        if (!File.Exists(path))
            throw new KnowledgeException(documentPath, $"its metadata file {Path.GetFileName(path)} is missing");
        DocumentMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<DocumentMetadata>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new KnowledgeException(path, $"it is not valid JSON ({e.Message})");
        }
        if (metadata is null)
            throw new KnowledgeException(path, "it is empty");
        if (string.IsNullOrWhiteSpace(metadata.Organization) || !OrganizationIdPattern().IsMatch(metadata.Organization))
            throw new KnowledgeException(path, $"\"organization\" must be a lower-case id such as \"iom\", not \"{metadata.Organization}\"");
        if (string.IsNullOrWhiteSpace(metadata.Title))
            throw new KnowledgeException(path, "\"title\" is missing");
        if (metadata.SourceUrl is not null && !Uri.TryCreate(metadata.SourceUrl, UriKind.Absolute, out _))
            throw new KnowledgeException(path, $"\"sourceUrl\" is not an absolute URL: {metadata.SourceUrl}");
        return metadata;
    }
}
