namespace EthicsBot.Features.Safety;

/// <summary>The screen's decision on one message, with what decided it.</summary>
public sealed record ReportVerdict(ReportAction Action, double Probability, IReadOnlyList<string> Signals)
{
    /// <summary>
    /// The message's sentence vector, which the search by meaning reuses rather than encoding the message again. It lives
    /// only as long as the turn; like the message, it is never stored.
    /// </summary>
    public float[]? Vector { get; init; }

    /// <summary>The language the screen read the message in (ISO 639-1), when it is one the screen was trained on.</summary>
    public string? Language => Languages.Count > 0 ? Languages[0] : null;

    /// <summary>Every language the screen's identifier found the whole message may be in (code-switched text has two), likeliest first.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The message is, with confidence, in a language the screen was not trained on: it gets at least the banner.</summary>
    public bool Unfamiliar { get; init; }

    /// <summary>True for the handoff and for the banner: the message is treated as a report for privacy.</summary>
    public bool TreatAsReport => Action != ReportAction.Answer;
}
