namespace EthicsBot.Knowledge.Search;

/// <summary>
/// The words staff use mapped to the words the Codes use, kept as data in <c>knowledge/synonyms.txt</c> in the Solr
/// synonym format that Azure AI Search also reads: <c>present, gift</c> (equivalent) or <c>side job, moonlighting =&gt;
/// outside employment</c> (one way). The embedded index expands queries with it; Azure gets it as a synonym map.
/// </summary>
public sealed class SynonymList
{
    private readonly List<Rule> _rules;

    /// <summary>Each rule's index by the first word of its left side: a query looks up its own words, not every rule.</summary>
    private readonly Dictionary<string, List<int>> _byFirstWord;

    private SynonymList(List<Rule> rules, IReadOnlyList<string> solrLines)
    {
        _rules = rules;
        SolrLines = solrLines;
        _byFirstWord = rules.Select((rule, index) => (rule, index)).GroupBy(r => r.rule.From[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.index).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The rules as written (comments and blank lines dropped), for an Azure AI Search synonym map.</summary>
    public IReadOnlyList<string> SolrLines { get; }

    public int Count => _rules.Count;

    public static SynonymList Empty { get; } = new([], []);

    /// <summary>One alternative wording a query gets: its terms (stems) and the weight it counts with.</summary>
    public sealed record Expansion(IReadOnlyList<string> Terms, float Weight);

    private sealed record Rule(IReadOnlyList<string> From, IReadOnlyList<IReadOnlyList<string>> To);

    public static SynonymList Load(string path)
    {
        if (!File.Exists(path))
            throw new KnowledgeException(path, "the synonym list is missing");
        return Parse(File.ReadAllLines(path), path);
    }

    public static SynonymList Parse(IEnumerable<string> lines, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var rules = new List<Rule>();
        var kept = new List<string>();
        var lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var sides = line.Split("=>");
            if (sides.Length > 2)
                throw new KnowledgeException(sourceName, $"line {lineNumber} has more than one \"=>\"");
            var left = Phrases(sides[0], sourceName, lineNumber, keepStopWords: true);
            var right = Phrases(sides.Length == 2 ? sides[1] : sides[0], sourceName, lineNumber, keepStopWords: false);
            if (left.Count == 0 || right.Count == 0 || (sides.Length == 1 && left.Count < 2))
                throw new KnowledgeException(sourceName, $"line {lineNumber} needs two or more phrases (\"a, b\" or \"a => b\")");
            foreach (var from in left)
            {
                var fromTerms = TextAnalysis.Terms(string.Join(' ', from), keepStopWords: false);
                var to = right.Where(r => !r.SequenceEqual(fromTerms)).ToList();
                if (to.Count > 0)
                    rules.Add(new Rule(from, to));
            }
            kept.Add(line);
        }
        return new SynonymList(rules, kept);
    }

    // Left sides keep their stop words (they are matched against every word of the question); right sides are
    // search terms, analysed like the Codes.
    private static List<IReadOnlyList<string>> Phrases(string side, string sourceName, int lineNumber, bool keepStopWords)
    {
        var phrases = new List<IReadOnlyList<string>>();
        foreach (var phrase in side.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var terms = TextAnalysis.Terms(phrase, keepStopWords);
            if (terms.Count == 0)
                throw new KnowledgeException(sourceName, $"line {lineNumber}: \"{phrase}\" has no words a search could use (only stop words)");
            phrases.Add(terms);
        }
        return phrases;
    }

    /// <summary>
    /// The other wordings of what the query says, for every rule whose left side occurs in the query's words
    /// (every word's stem, stop words kept, as a contiguous run). Longer matches weigh more: "side job" is surer than "job".
    /// </summary>
    public IReadOnlyList<Expansion> Expand(IReadOnlyList<string> queryWords, IReadOnlyList<string> queryTerms, float weight)
    {
        ArgumentNullException.ThrowIfNull(queryWords);
        ArgumentNullException.ThrowIfNull(queryTerms);
        var result = new List<Expansion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = queryWords.Distinct(StringComparer.Ordinal).SelectMany(w => _byFirstWord.GetValueOrDefault(w) ?? []).Order();
        foreach (var rule in candidates.Select(i => _rules[i]))
        {
            if (!Contains(queryWords, rule.From))
                continue;
            foreach (var to in rule.To)
            {
                if (Contains(queryTerms, to) || !seen.Add(string.Join(' ', to)))
                    continue;
                result.Add(new Expansion(to, weight * (rule.From.Count > 1 ? 1.15f : 1f)));
            }
        }
        return result;
    }

    private static bool Contains(IReadOnlyList<string> terms, IReadOnlyList<string> run)
    {
        for (var i = 0; i + run.Count <= terms.Count; i++)
        {
            var match = true;
            for (var j = 0; j < run.Count && match; j++)
                match = terms[i + j] == run[j];
            if (match)
                return true;
        }
        return false;
    }
}
