using System.Text.Json;

namespace EthicsBot.Shared.Localization;

/// <summary>
/// The cards' fixed text in each language: one JSON file per language in <c>Resources/Cards</c> (<c>en.json</c>,
/// <c>fr.json</c>…), read once. Adding a language is adding its file. A language without a file gets English.
/// </summary>
public sealed class CardLanguages
{
    private readonly Dictionary<string, JsonStringLocalizer> _languages;

    public CardLanguages(string folder)
    {
        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        var read = files.ToDictionary(f => Path.GetFileNameWithoutExtension(f), Read, StringComparer.Ordinal);
        if (!read.TryGetValue("en", out var english))
            throw new InvalidDataException($"{Path.Combine(folder, "en.json")}: the cards' English text is missing.");
        English = new JsonStringLocalizer("en", english, null);
        _languages = read.ToDictionary(r => r.Key, r => r.Key == "en" ? English : new JsonStringLocalizer(r.Key, r.Value, English), StringComparer.Ordinal);
    }

    /// <summary>The files shipped beside the bot.</summary>
    public static CardLanguages Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "Resources", "Cards"));

    public JsonStringLocalizer English { get; }

    /// <summary>The languages with a file, in order.</summary>
    public IReadOnlyList<string> Languages => [.. _languages.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The text for <paramref name="language"/> (an ISO 639-1 code, or a Teams locale such as <c>fr-FR</c>, whose
    /// language part is used); English when null or without a file.
    /// </summary>
    public JsonStringLocalizer For(string? language)
    {
        var code = language?.Split('-', '_')[0].Trim().ToLowerInvariant();
        return code is not null && _languages.TryGetValue(code, out var found) ? found : English;
    }

    private static Dictionary<string, string> Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path}: not a JSON object of texts.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a JSON object of texts (line {e.LineNumber + 1}).");
        }
    }
}
