using EthicsBot.Features.Safety;

namespace EthicsBot.Evaluation;

/// <summary>
/// One message and what the screen gave it. A report is found when it got the handoff or the banner; a question is
/// answered correctly when it got its answer without the banner.
/// </summary>
public sealed record IntentResult(IntentCase Case, ReportVerdict Verdict)
{
    public bool Correct => Case.IsReport ? Verdict.TreatAsReport : Verdict.Action == ReportAction.Answer;
}
