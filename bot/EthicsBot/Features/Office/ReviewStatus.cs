namespace EthicsBot.Features.Office;

public static class ReviewStatus
{
    public const string Open = "open";
    public const string Answered = "answered";
    /// <summary>Marked as not needing an answer.</summary>
    public const string Dismissed = "dismissed";
}
