namespace EthicsBot.Features.Office;

/// <summary>Why a question is in the review queue.</summary>
public static class ReviewSource
{
    /// <summary>The asker sent it to the ethics office (not-covered reply, or "Ask the ethics office").</summary>
    public const string Asked = "asked";
    /// <summary>The asker rated the answer 👎 and agreed to share the question.</summary>
    public const string Unhelpful = "unhelpful";
}
