namespace EthicsBot.Features.Disclosures;

/// <summary>Where a disclosure stands with the ethics office.</summary>
public static class DisclosureStatus
{
    public const string Submitted = "submitted";
    public const string Acknowledged = "acknowledged";
    public const string Approved = "approved";
    public const string Declined = "declined";

    public static bool IsFinal(string status) => status is Approved or Declined;

    public static string Describe(string status) => status switch
    {
        Submitted => "Submitted, waiting for the ethics office",
        Acknowledged => "Acknowledged by the ethics office",
        Approved => "Approved",
        Declined => "Declined",
        _ => status,
    };
}
