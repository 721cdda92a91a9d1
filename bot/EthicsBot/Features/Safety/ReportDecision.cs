namespace EthicsBot.Features.Safety;

/// <summary>Whether a message sounds like a report of misconduct, and the rule signals that decided it.</summary>
public sealed record ReportDecision(bool IsReport, IReadOnlyList<string> Signals);
