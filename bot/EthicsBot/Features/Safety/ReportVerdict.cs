namespace EthicsBot.Features.Safety;

/// <summary>The screen's decision on one message, with what decided it.</summary>
public sealed record ReportVerdict(ReportAction Action, double Probability, IReadOnlyList<string> Signals)
{
    /// <summary>
    /// The message's sentence vector, which the search by meaning reuses rather than encoding the message again. It lives
    /// only as long as the turn; like the message, it is never stored.
    /// </summary>
    public float[]? Vector { get; init; }

    /// <summary>True for the handoff and for the banner: the message is treated as a report for privacy.</summary>
    public bool TreatAsReport => Action != ReportAction.Answer;
}
