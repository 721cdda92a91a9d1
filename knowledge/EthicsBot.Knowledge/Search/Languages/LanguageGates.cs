namespace EthicsBot.Knowledge.Search.Languages;

/// <summary>
/// A language's "not covered" gate from its own data: each bank question is searched with itself held out of the
/// bank, each everyday office question with itself held out of the everyday list (once per organisation). The gate is
/// the score that best separates the two (most bank questions let through plus most everyday ones stopped).
/// </summary>
internal static class LanguageGates
{
    public static LanguageGate Measure(BankIndex index, Func<string, string, int, List<(Documents.Clause Clause, double Score)>> scores)
    {
        var bank = new List<double>();
        int first = 0, three = 0;
        for (var i = 0; i < index.OwnCount; i++)
        {
            var (clause, question) = index.Questions[i];
            var ranked = scores(question, clause.Organization, i);
            var rank = ranked.FindIndex(s => s.Clause.Id == clause.Id);
            first += rank == 0 ? 1 : 0;
            three += rank is >= 0 and < 3 ? 1 : 0;
            bank.Add(ranked.Count > 0 ? ranked[0].Score : 0);
        }
        var organizations = index.Questions.Select(q => q.Clause.Organization).Distinct(StringComparer.Ordinal).ToList();
        var everyday = new List<double>();
        for (var j = 0; j < index.EverydayCount; j++)
            foreach (var organization in organizations)
            {
                var ranked = scores(index.EverydayQuestion(j), organization, index.Questions.Count + j);
                everyday.Add(ranked.Count > 0 ? ranked[0].Score : 0);
            }
        var threshold = BestThreshold(bank, everyday);
        var n = Math.Max(1, bank.Count);
        return new LanguageGate(Math.Round(threshold, 4), Share(bank, s => s >= threshold), Share(everyday, s => s < threshold),
            Math.Round(first / (double)n, 4), Math.Round(three / (double)n, 4));
    }

    private static double BestThreshold(List<double> bank, List<double> everyday)
    {
        if (bank.Count == 0)
            return 0;
        if (everyday.Count == 0)
            return bank.Min();
        // Candidates halfway between neighbouring scores; each judged by the share let through plus the share stopped.
        var sorted = bank.Concat(everyday).Distinct().Order().ToList();
        var best = (Threshold: sorted[0], Value: double.MinValue);
        for (var i = 1; i < sorted.Count; i++)
        {
            var t = (sorted[i - 1] + sorted[i]) / 2;
            var value = bank.Count(s => s >= t) / (double)bank.Count + (everyday.Count(s => s < t) / (double)everyday.Count);
            if (value > best.Value)
                best = (t, value);
        }
        return best.Threshold;
    }

    private static double Share(List<double> scores, Func<double, bool> test) =>
        scores.Count == 0 ? 0 : Math.Round(scores.Count(test) / (double)scores.Count, 4);
}
