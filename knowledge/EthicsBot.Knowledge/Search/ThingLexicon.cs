using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EthicsBot.Knowledge.Search;

/// <summary>
/// The concrete things staff name, mapped to the Code's categories (<c>knowledge/lexicon.json</c>): staff write "a
/// bottle of whisky", "dinner at a restaurant", "a medal", the Codes say gift, hospitality, honour. With the givers
/// from outside (a supplier, a ministry, a family we help), the phrases that tell of something given ("gave me",
/// "offered to pay for my") and the insiders' words that tell of something else (my manager, for work, my family).
/// A question naming a thing given from outside is also searched as the Code would put it (<see cref="InCodeWords"/>).
/// </summary>
public sealed partial class ThingLexicon
{
    private readonly List<(Category Category, Regex Words)> _categories;
    private readonly Regex? _givers;
    private readonly Regex? _giving;
    private readonly Regex? _insiders;
    private readonly Regex? _fromGiver;

    public sealed record Category(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("say")] string Say,
        [property: JsonPropertyName("words")] IReadOnlyList<string> Words);

    private sealed record Data(
        [property: JsonPropertyName("categories")] IReadOnlyList<Category>? Categories,
        [property: JsonPropertyName("givers")] IReadOnlyList<string>? Givers,
        [property: JsonPropertyName("giving")] IReadOnlyList<string>? Giving,
        [property: JsonPropertyName("insiders")] IReadOnlyList<string>? Insiders);

    public ThingLexicon(IReadOnlyList<Category> categories, IReadOnlyList<string> givers, IReadOnlyList<string> giving, IReadOnlyList<string> insiders)
    {
        ArgumentNullException.ThrowIfNull(categories);
        _categories = [.. categories.Where(c => c.Words.Count > 0).Select(c => (c, Words(c.Words)!))];
        (_givers, _giving, _insiders) = (Words(givers), Words(giving), Words(insiders));
        _fromGiver = _givers is null ? null
            : new Regex($@"(?<![\w'])from\s+(?:(?:a|an|the|our|my|one|some|their|his|her|its|that|this)\s+)?(?:[\w-]+\s+){{0,2}}{_givers}", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    public static ThingLexicon Empty { get; } = new([], [], [], []);

    public IReadOnlyList<Category> Categories => [.. _categories.Select(c => c.Category)];

    /// <summary>The lexicon in <paramref name="path"/>; none (every question searched as asked) when the file is missing.</summary>
    public static ThingLexicon Load(string path)
    {
        if (!File.Exists(path))
            return Empty;
        Data? data;
        try
        {
            data = JsonSerializer.Deserialize<Data>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new KnowledgeException(path, $"not a lexicon: {e.Message}");
        }
        if (data?.Categories is not { } categories || categories.Any(c => string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Say) || c.Words is null))
            throw new KnowledgeException(path, "needs \"categories\": [{\"name\", \"say\", \"words\": […]}]");
        return new ThingLexicon(categories, data.Givers ?? [], data.Giving ?? [], data.Insiders ?? []);
    }

    /// <summary>The categories of the things the question names ("gift" for "a bottle of whisky").</summary>
    public IReadOnlyList<string> CategoriesIn(string question)
    {
        var text = Normalize(question);
        return [.. _categories.Where(c => c.Words.IsMatch(text)).Select(c => c.Category.Name)];
    }

    /// <summary>
    /// The categories of the things the question tells were given or offered from outside ("a supplier sent me a bottle
    /// of whisky": gift); none when it names no giver or giving, or speaks of the asker's own side (my manager, for work).
    /// </summary>
    /// <remarks>
    /// A giver and a thing are not enough: the asker must receive ("a supplier sent me", "can I keep…", "a watch from
    /// the governor"). "The police at the checkpoint want 20 USD to let our camera pass" and "a TV journalist wants a
    /// comment" name a giver and a thing, and nothing is given to the asker.
    /// </remarks>
    public IReadOnlyList<string> GivenFromOutside(string question) =>
        (SaysGiven(question) || (NamesGiver(question) && Receives(question))) && !NamesInsider(question) ? CategoriesIn(question) : [];

    /// <summary>
    /// The asker receives or is to keep something: a verb of accepting or of giving done (gave, sent, left, paid), or a
    /// thing "from" one of the givers. Not "give", "pay", "bring", "take the camera through" or "want": the asker giving,
    /// or a giver asking.
    /// </summary>
    private bool Receives(string question)
    {
        var text = Normalize(question);
        return Accepting().IsMatch(text) || _fromGiver?.IsMatch(text) == true;
    }

    [GeneratedRegex(@"(?<![\w'])(accept\w*|keep|keeps|keeping|kept|receiv\w*|got|take (it|them|this|that|the gift)|took|brought|won|gave|given|handed|sent|offered|presented|left(?!\s+over)|dropped|paid (for )?(my|me|us|our)|pa(ys|ying) (for )?(my|me|us|our))(?![\w'])", RegexOptions.CultureInvariant)]
    private static partial Regex Accepting();

    /// <summary>Whether the question names someone from outside who gives (a supplier, a ministry, a beneficiary).</summary>
    public bool NamesGiver(string question) => _givers?.IsMatch(Normalize(question)) == true;

    /// <summary>Whether the question tells of something given or offered to the asker ("gave me", "invited us", "paid for my").</summary>
    public bool SaysGiven(string question) => _giving?.IsMatch(Normalize(question)) == true;

    /// <summary>Whether the question speaks of the asker's own side (their manager, their family, work equipment).</summary>
    public bool NamesInsider(string question) => _insiders?.IsMatch(Normalize(question)) == true;

    /// <summary>
    /// The question as the Code would put it, when it tells of a concrete thing given or offered from outside and names
    /// none of the insiders: "Can I accept a gift from a supplier?" for "A supplier sent me a bottle of whisky last
    /// week, can I keep it?" (the thing's category and the giver, or "given to me" when only the giving is said);
    /// otherwise null. A question already in the Code's words ("a gift from a supplier") is left as it is.
    /// </summary>
    public string? InCodeWords(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = Normalize(question);
        if (NamesInsider(question))
            return null;
        var thing = _categories
            .SelectMany(c => c.Words.Matches(text).Where(m => !c.Category.Say.Contains(m.Value, StringComparison.Ordinal) && !m.Value.StartsWith(c.Category.Name, StringComparison.Ordinal))
                .Select(m => (m.Index, c.Category)))
            .OrderBy(t => t.Index).Select(t => t.Category).FirstOrDefault();
        var giver = _givers?.Match(text) is { Success: true } found ? found.Value : null;
        if (thing is null || (giver is null && _giving?.IsMatch(text) != true))
            return null;
        return giver is null ? $"Can I accept {thing.Say} given to me?" : $"Can I accept {thing.Say} from a {giver}?";
    }

    /// <summary>Lower case with one kind of apostrophe: the same length as the question, so positions carry over.</summary>
    private static string Normalize(string text) => text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'');

    private static Regex? Words(IReadOnlyList<string> words)
    {
        var alternatives = words.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length).Select(Regex.Escape).ToList();
        return alternatives.Count == 0 ? null
            : new Regex($@"(?<![\w'])(?:{string.Join("|", alternatives).Replace("\\ ", "\\s+", StringComparison.Ordinal)})(?![\w'])", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
