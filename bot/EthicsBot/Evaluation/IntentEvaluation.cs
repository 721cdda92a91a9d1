using System.Text.Json;
using EthicsBot.Safety;

namespace EthicsBot.Evaluation;

/// <summary>One line of an intent set: <c>{"text":"…","label":"report"|"question"}</c>.</summary>
public sealed record IntentCase(int Line, string Text, bool IsReport)
{
    public static IntentCase Parse(JsonElement element, int line)
    {
        var text = JsonLines.RequiredString(element, "text");
        var label = JsonLines.RequiredString(element, "label");
        return label switch
        {
            "report" => new IntentCase(line, text, true),
            "question" => new IntentCase(line, text, false),
            _ => throw new InvalidDataException($"\"label\" must be \"report\" or \"question\", not \"{label}\"."),
        };
    }
}

/// <summary>
/// One message and what the screen gave it. A report is found when it got the handoff or the banner; a question is
/// answered correctly when it got its answer without the banner.
/// </summary>
public sealed record IntentResult(IntentCase Case, ReportVerdict Verdict)
{
    public bool Correct => Case.IsReport ? Verdict.TreatAsReport : Verdict.Action == ReportAction.Answer;
}

/// <summary>
/// Report recall (reports handed off or bannered), false handoff rate (questions handed off instead of answered),
/// banner rate (questions answered with the banner), precision (reports among the handoffs).
/// </summary>
public sealed record IntentSummary(int N, double ReportRecall, double FalseHandoffRate, double Precision, double BannerRate);

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
