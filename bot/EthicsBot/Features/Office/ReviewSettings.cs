namespace EthicsBot.Features.Office;

/// <summary>Configuration section <c>Review</c>.</summary>
public sealed class ReviewSettings
{
    public const string Section = "Review";

    /// <summary>Open questions shown per page.</summary>
    public int PageSize { get; set; } = 5;

    /// <summary>Review items, answer events and feedback older than this are deleted.</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>
    /// Entra object ids of data-protection officers: they may erase a person's data in every organisation (the
    /// <c>erase</c> command and its confirmation, in any chat with the bot), whether or not they belong to an ethics
    /// office, and nothing else. An ethics office member erases only in the organisations whose office they belong to.
    /// </summary>
    public IList<string> DataProtectionOfficers { get; set; } = [];

    public bool IsDataProtectionOfficer(string? aadObjectId) =>
        !string.IsNullOrWhiteSpace(aadObjectId) && DataProtectionOfficers.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);
}
