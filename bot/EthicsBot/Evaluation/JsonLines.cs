using System.Text.Json;
using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Evaluation;

/// <summary>Reads JSON-lines evaluation sets; a bad line stops the run and names its line number.</summary>
public static class JsonLines
{
    public static IReadOnlyList<T> Read<T>(string path, Func<JsonElement, int, T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (!File.Exists(path))
            throw new InvalidDataException($"{path}: no such file.");
        var cases = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: line {number} is not valid JSON ({e.Message.Split('.')[0]}).");
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"{path}: line {number} is not a JSON object.");
                try
                {
                    cases.Add(parse(document.RootElement, number));
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"{path}: line {number}: {e.Message}");
                }
            }
        }
        if (cases.Count == 0)
            throw new InvalidDataException($"{path}: the set has no lines.");
        return cases;
    }

    public static string RequiredString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new InvalidDataException($"\"{name}\" must be a non-empty string.");

    public static RetrievalCase ParseRetrievalCase(JsonElement element, int line)
    {
        var org = RequiredString(element, "org");
        if (!DocumentMetadata.OrganizationIdPattern().IsMatch(org))
            throw new InvalidDataException($"\"org\" is not an organisation id: \"{org}\".");
        var question = RequiredString(element, "question");
        if (!element.TryGetProperty("expected", out var expected) || expected.ValueKind != JsonValueKind.Array || expected.GetArrayLength() == 0
            || expected.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new InvalidDataException("\"expected\" must be a non-empty array of clause ids.");
        return new RetrievalCase(line, org, question, expected.EnumerateArray().Select(e => e.GetString()!).ToList()) { Lang = OptionalLang(element) };
    }

    /// <summary>An optional <c>"lang"</c>, lower case; null when absent or blank.</summary>
    public static string? OptionalLang(JsonElement element) =>
        element.TryGetProperty("lang", out var l) && l.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(l.GetString())
            ? l.GetString()!.Trim().ToLowerInvariant() : null;
}
