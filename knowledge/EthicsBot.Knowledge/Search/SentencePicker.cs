using System.Text.RegularExpressions;

namespace EthicsBot.Knowledge.Search;

/// <summary>Picks the sentences of a clause that speak to the question, so an answer can quote them.</summary>
public static partial class SentencePicker
{
    // A sentence ends at . ! ? followed by a capital, an opening bracket or quote, or at a line break (list items).
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}(“""\[•])|\n")]
    private static partial Regex SentenceBoundary();

    public static IReadOnlyList<string> Sentences(string text) =>
        SentenceBoundary().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>
    /// Up to <paramref name="max"/> sentences, returned in the clause's order: the best-matching one and any other that
    /// matches at least half as well. The first sentence when none matches.
    /// </summary>
    public static IReadOnlyList<string> Pick(string text, IReadOnlyDictionary<string, float> termWeights, int max = 2)
    {
        ArgumentNullException.ThrowIfNull(termWeights);
        var sentences = Sentences(text);
        if (sentences.Count == 0)
            return [];
        var scored = sentences
            .Select((sentence, index) =>
            {
                var terms = TextAnalysis.Terms(sentence).ToHashSet(StringComparer.Ordinal);
                var score = terms.Sum(t => termWeights.TryGetValue(t, out var w) ? w : 0f);
                return (sentence, index, score);
            })
            .Where(s => s.score > 0)
            .ToList();
        var best = scored.Count == 0 ? 0 : scored.Max(s => s.score);
        var picked = scored
            .Where(s => s.score >= best / 2)
            .OrderByDescending(s => s.score)
            .ThenBy(s => s.index)
            .Take(max)
            .OrderBy(s => s.index)
            .Select(s => s.sentence)
            .ToList();
        return picked.Count > 0 ? picked : [sentences[0]];
    }
}
