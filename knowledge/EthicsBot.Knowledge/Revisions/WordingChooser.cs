using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>
/// Chooses by shared words (TF-IDF cosine over the candidates): no model needed, but blind to a question that says in
/// its own words what the clause says in the Code's ("my boss yells at me" against "verbal abuse").
/// </summary>
public sealed class WordingChooser : IClauseChooser
{
    public Task<int> ChooseAsync(string text, IReadOnlyList<Clause> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var space = new TermSpace(candidates.Select(c => c.Text));
        var question = space.Vector(text);
        var scores = candidates.Select(c => question.Cosine(space.Vector(c.Text))).ToList();
        return Task.FromResult(Closest(scores, minMargin: 1e-9));
    }

    /// <summary>The index of the highest score when it beats every other by <paramref name="minMargin"/>, else -1.</summary>
    internal static int Closest(IReadOnlyList<double> scores, double minMargin)
    {
        if (scores.Count == 0)
            return -1;
        var best = 0;
        for (var i = 1; i < scores.Count; i++)
            if (scores[i] > scores[best])
                best = i;
        var runnerUp = scores.Where((_, i) => i != best).DefaultIfEmpty(double.NegativeInfinity).Max();
        return scores[best] > 0 && scores[best] - runnerUp >= minMargin ? best : -1;
    }
}
