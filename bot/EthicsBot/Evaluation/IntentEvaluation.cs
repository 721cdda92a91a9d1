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

public sealed record IntentResult(IntentCase Case, ReportDecision Decision)
{
    public bool Correct => Case.IsReport == Decision.IsReport;
}

/// <summary>Report recall (reports handed off), false handoff rate (questions handed off) and precision.</summary>
public sealed record IntentSummary(int N, double ReportRecall, double FalseHandoffRate, double Precision);

public static class IntentEvaluation
{
    public static IReadOnlyList<IntentResult> Run(IEnumerable<IntentCase> cases) =>
        cases.Select(c => new IntentResult(c, ReportDetector.Detect(c.Text))).ToList();

    public static IntentSummary Summarize(IReadOnlyList<IntentResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var reports = results.Count(r => r.Case.IsReport);
        var questions = results.Count - reports;
        var handedOff = results.Count(r => r.Decision.IsReport);
        var caught = results.Count(r => r.Case.IsReport && r.Decision.IsReport);
        var falseHandoffs = handedOff - caught;
        return new IntentSummary(
            results.Count,
            reports == 0 ? 1 : Math.Round((double)caught / reports, 4),
            questions == 0 ? 0 : Math.Round((double)falseHandoffs / questions, 4),
            handedOff == 0 ? 1 : Math.Round((double)caught / handedOff, 4));
    }
}
