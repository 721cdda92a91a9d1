using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace EthicsBot.Knowledge.Search.Languages;

/// <summary>
/// Lucene.NET's analyzer for a language (its stop words and stemmer), by ISO 639-1 code. A language Lucene has no
/// analyzer for here gets the standard one (words, lower case): its bank still works, on whole words.
/// </summary>
public static class LanguageAnalyzers
{
    public static Analyzer For(string language) => language switch
    {
        "fr" => new FrenchAnalyzer(LuceneVersion.LUCENE_48),
        "es" => new SpanishAnalyzer(LuceneVersion.LUCENE_48),
        "pt" => new PortugueseAnalyzer(LuceneVersion.LUCENE_48),
        "ar" => new ArabicAnalyzer(LuceneVersion.LUCENE_48),
        _ => new StandardAnalyzer(LuceneVersion.LUCENE_48),
    };
}
