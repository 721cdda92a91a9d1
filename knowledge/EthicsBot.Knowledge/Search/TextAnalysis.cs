using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace EthicsBot.Knowledge.Search;

/// <summary>
/// The one way text is turned into search terms, for the index, the queries, the synonym list and sentence picking:
/// standard tokens, possessives dropped, English stop words and question words removed, lower case, Porter stems.
/// </summary>
public static class TextAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Words that carry a question's form rather than its topic ("can I…", "am I allowed…", "what does the code say…").
    private static readonly string[] QuestionWords =
    [
        "i", "me", "my", "mine", "we", "us", "our", "you", "your", "can", "could", "may", "might", "must", "shall",
        "should", "would", "do", "does", "did", "am", "is", "are", "was", "were", "be", "been", "have", "has", "had",
        "what", "which", "who", "whom", "how", "when", "where", "why", "okay", "ok", "allowed", "permitted", "rule",
        "rules", "say", "says", "tell", "about", "need", "want", "any", "get", "know", "please", "someone", "somebody",
        "something", "anything", "also", "just", "really", "still", "it", "its", "this", "that", "these", "those",
        "there", "here", "from", "with", "him", "her", "his", "hers", "he", "she", "they", "them", "their",
    ];

    public static CharArraySet StopWords { get; } = BuildStopWords();

    public static Analyzer Analyzer { get; } = Create(removeStopWords: true);

    /// <summary>The same without stop-word removal: how synonym rules are matched, so "asked me to" means that, not "ask".</summary>
    public static Analyzer PhraseAnalyzer { get; } = Create(removeStopWords: false);

    private static Analyzer Create(bool removeStopWords) => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        if (removeStopWords)
            stream = new StopFilter(Version, stream, StopWords);
        stream = new LowerCaseFilter(Version, stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    /// <summary>The stems of <paramref name="text"/>, in order; with <paramref name="keepStopWords"/>, every word's stem.</summary>
    public static List<string> Terms(string text, bool keepStopWords = false)
    {
        var terms = new List<string>();
        using var stream = (keepStopWords ? PhraseAnalyzer : Analyzer).GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    // Case-sensitive on purpose: "it" and "It" are stop words, "IT" (information technology) is a topic.
    private static CharArraySet BuildStopWords()
    {
        var set = new CharArraySet(Version, 256, ignoreCase: false);
        foreach (var word in EnglishAnalyzer.DefaultStopSet.Select(w => w.ToString()!).Concat(QuestionWords))
        {
            set.Add(word);
            set.Add(char.ToUpperInvariant(word[0]) + word[1..]);
        }
        return set.AsReadOnly();
    }
}
