using System.Text.RegularExpressions;
using EthicsBot.Knowledge.Documents;
using Microsoft.Extensions.AI;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>
/// Chooses by meaning with the sentence encoder (the local MiniLM, or whichever stands behind the interface): a
/// candidate scores the cosine of its closest sentence to the text, which is how the search quotes a clause too.
/// </summary>
public sealed partial class MeaningChooser(IEmbeddingGenerator<string, Embedding<float>> generator) : IClauseChooser
{
    [GeneratedRegex(@"(?<=[.;:!?])\s+|\n")]
    private static partial Regex SentenceBreak();

    public async Task<int> ChooseAsync(string text, IReadOnlyList<Clause> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var sentences = candidates
            .SelectMany((c, i) => SentenceBreak().Split(c.Text).Where(s => s.Trim().Length > 0).Select(s => (Index: i, Text: s.Trim())))
            .ToList();
        var inputs = sentences.Select(s => s.Text).Prepend(text).ToList();
        var vectors = await generator.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        var question = vectors[0].Vector.Span.ToArray();
        var scores = new double[candidates.Count];
        Array.Fill(scores, double.NegativeInfinity);
        for (var s = 0; s < sentences.Count; s++)
            scores[sentences[s].Index] = Math.Max(scores[sentences[s].Index], Cosine(question, vectors[s + 1].Vector.Span));
        return WordingChooser.Closest(scores, minMargin: 1e-9);
    }

    private static double Cosine(float[] a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
