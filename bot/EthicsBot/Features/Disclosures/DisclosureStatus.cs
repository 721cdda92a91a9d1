namespace EthicsBot.Features.Disclosures;

/// <summary>Where a disclosure stands with the ethics office.</summary>
public static class DisclosureStatus
{
    public const string Submitted = "submitted";
    public const string Acknowledged = "acknowledged";
    public const string Approved = "approved";
    public const string Declined = "declined";

    /// <summary>Every status, in the order a disclosure goes through them.</summary>
    public static IReadOnlyList<string> All { get; } = [Submitted, Acknowledged, Approved, Declined];

    public static bool IsFinal(string status) => status is Approved or Declined;

    /// <summary>Whether the ethics office may decide this (acknowledged, approved or declined).</summary>
    public static bool IsDecision([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? status) => status is Acknowledged or Approved or Declined;

    /// <summary>What the office hears when it sends something else as a decision.</summary>
    public static string NotADecision(string? status) => $"'{status}' is not a decision: acknowledged, approved or declined.";

    public static string Describe(string status) => status switch
    {
        Submitted => "Submitted, waiting for the ethics office",
        Acknowledged => "Acknowledged by the ethics office",
        Approved => "Approved",
        Declined => "Declined",
        _ => status,
    };
}
