using System.Text.Json;
using System.Text.RegularExpressions;
using EthicsBot.Knowledge;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Knowledge;

namespace EthicsBot.Features.Answers;

/// <summary>
/// Which topics an organisation's Codes have no rule of their own on (<c>knowledge/topics.json</c>): the IMS Code never
/// speaks of gifts, so a gift question there is answered from the closest clause with that said plainly, rather than
/// as if the clause were a gift rule.
/// </summary>
public sealed partial class TopicCoverage
{
    /// <summary>Each topic with its question words as whole-word patterns, built once rather than on every answer.</summary>
    private readonly IReadOnlyList<(string Name, Regex[] Asked, IReadOnlyList<string> Things)> _topics;
    private readonly Dictionary<string, HashSet<string>> _uncovered;
    private readonly ThingLexicon _lexicon;

    public TopicCoverage(IReadOnlyList<Topic> topics, ClauseCatalog catalog, ThingLexicon? lexicon = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _lexicon = lexicon ?? ThingLexicon.Empty;
        _topics = [.. topics.Select(t => (t.Name, t.QuestionWords.Select(w => new Regex($@"\b{Regex.Escape(w)}\b")).ToArray(), t.Things))];
        _uncovered = catalog.All.GroupBy(c => c.Organization, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var text = string.Join("\n", g.Select(c => $"{c.Title} {c.Text}")).ToLowerInvariant();
            return topics.Where(t => !t.CodeWords.Any(w => text.Contains(w, StringComparison.Ordinal))).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        }, StringComparer.Ordinal);
    }

    public static TopicCoverage Load(string path, ClauseCatalog catalog, ThingLexicon? lexicon = null)
    {
        if (!File.Exists(path))
            return new TopicCoverage([], catalog, lexicon);
        try
        {
            return new TopicCoverage(JsonSerializer.Deserialize<List<Topic>>(File.ReadAllText(path)) ?? [], catalog, lexicon);
        }
        catch (JsonException)
        {
            throw new KnowledgeException(path, "not a JSON list of {\"topic\", \"question\": [words], \"code\": [words]}");
        }
    }

    /// <summary>
    /// The topic the question asks about that the organisation's Codes have no rule on, if any. None when the question
    /// asks whom the Code binds ("I'm a freelance trainer contracted by IMS. Does the Code apply to me?"): the Code's
    /// scope answers it, whatever the asker's work is called — unless the asker puts their own case ("…if I run for city council?").
    /// </summary>
    public string? NoRuleOn(string question, string organization)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!_uncovered.TryGetValue(organization, out var uncovered) || uncovered.Count == 0 || (AsksWhomTheCodeBinds().IsMatch(question) && !PutsOwnCase().IsMatch(question)))
            return null;
        var asked = $" {question.ToLowerInvariant()} ";
        var given = _lexicon.GivenFromOutside(question);
        foreach (var (name, words, things) in _topics)
            if (uncovered.Contains(name) && (words.Any(word => word.IsMatch(asked)) || things.Intersect(given, StringComparer.Ordinal).Any()))
                return name;
        return null;
    }

    [GeneratedRegex(@"\b(code|standards|rules)( of (ethics|conduct))?( also)? (appl(y|ies)|cover|covers|bind|binds) (to |for )?(me|us|consultants?|freelancers?|contractors?|interns?|volunteers?|trainers?|board members?|partners?|suppliers?|vendors?|them)\b|\b(appl(y|ies)|applicable) (to|for) (me|us)( also| too| as well)?\b|\b(do|must|should) (i|we|they) (also )?(follow|sign|sign up to|comply with|abide by) (the |our |your |this )?(code|standards|rules)\b|\b(am i|are we|are they) (also )?(bound|covered) by\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksWhomTheCodeBinds();

    /// <summary>The asker's own case put to the Code ("Does the Code apply to me if I run for city council?"): the topic still counts.</summary>
    [GeneratedRegex(@"\b(if|when|while) (i|we)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PutsOwnCase();
}
