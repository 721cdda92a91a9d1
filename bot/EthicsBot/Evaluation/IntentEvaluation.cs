using EthicsBot.Features.Safety;

namespace EthicsBot.Evaluation;

public static class IntentEvaluation
{
    public static async Task<IReadOnlyList<IntentResult>> RunAsync(ReportScreen screen, IEnumerable<IntentCase> cases)
    {
        ArgumentNullException.ThrowIfNull(screen);
        var results = new List<IntentResult>();
        foreach (var c in cases)
            results.Add(new IntentResult(c, await screen.ScreenAsync(c.Text).ConfigureAwait(false)));
        return results;
    }

    public static IntentSummary Summarize(IReadOnlyList<IntentResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var reports = results.Count(r => r.Case.IsReport);
        var questions = results.Count - reports;
        var caught = results.Count(r => r.Case.IsReport && r.Verdict.TreatAsReport);
        var handedOff = results.Count(r => r.Verdict.Action == ReportAction.Handoff);
        var reportsHandedOff = results.Count(r => r.Case.IsReport && r.Verdict.Action == ReportAction.Handoff);
        var falseHandoffs = results.Count(r => !r.Case.IsReport && r.Verdict.Action == ReportAction.Handoff);
        var banners = results.Count(r => !r.Case.IsReport && r.Verdict.Action == ReportAction.Banner);
        return new IntentSummary(
            results.Count,
            reports == 0 ? 1 : Math.Round((double)caught / reports, 4),
            questions == 0 ? 0 : Math.Round((double)falseHandoffs / questions, 4),
            handedOff == 0 ? 1 : Math.Round((double)reportsHandedOff / handedOff, 4),
            questions == 0 ? 0 : Math.Round((double)banners / questions, 4));
    }
}
