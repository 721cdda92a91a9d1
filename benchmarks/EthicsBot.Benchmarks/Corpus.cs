using EthicsBot.Knowledge;
using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search;

namespace EthicsBot.Benchmarks;

/// <summary>The real Codes, a synthetic corpus of any size made from their sentences, and staff-style questions.</summary>
internal static class Corpus
{
    public static KnowledgeSources Sources { get; } = new(Path.Combine(Testing.RepositoryRoot.Path, "knowledge"));

    public static IReadOnlyList<Clause> Real { get; } = Sources.LoadClauses();

    public static SynonymList Synonyms { get; } = Sources.LoadSynonyms();

    /// <summary>Questions asked of every corpus, in staff words (the shared dev set's wording style, not its lines).</summary>
    public static readonly string[] Questions =
    [
        "Can I accept a gift from a supplier?", "Can I have a side job on weekends?", "A journalist called me, what do I say?",
        "My brother bids on our tender", "Can I run for mayor?", "Someone offered me a bribe", "Is bullying prohibited?",
        "Can I use the office car for personal trips?", "Will I be protected if I report fraud?", "Who does the code apply to?",
        "Can I date a beneficiary?", "What do I do with a small present of nominal value?",
    ];

    /// <summary>
    /// <paramref name="count"/> clauses of one organisation ("synth": every clause passes the filter, the worst case),
    /// each a real title over three to six real sentences, drawn with a fixed seed.
    /// </summary>
    public static IReadOnlyList<Clause> Synthetic(int count)
    {
        var random = new Random(42);
        var sentences = Real.SelectMany(c => SentencePicker.Sentences(c.Text)).ToArray();
        var titles = Real.Select(c => c.Title).Distinct().ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var text = string.Join(" ", Enumerable.Range(0, random.Next(3, 7)).Select(_ => sentences[random.Next(sentences.Length)]));
            return new Clause($"synth-{i / 100 + 1}.{i % 100 + 1}", "synth", $"{i / 100 + 1}.{i % 100 + 1}", titles[random.Next(titles.Length)], text, [], "Synthetic Code", i);
        }).ToList();
    }
}
