namespace EthicsBot.Features.Answers;

/// <summary>The model's answer, or why the extractive answer is shown instead.</summary>
public sealed record GroundedResult(GroundedText? Written, string? Fallback)
{
    public const string TimedOut = "the language model took too long";
    public const string Throttled = "the language model is busy (throttled)";
    public const string Unavailable = "the language model is unavailable";
    public const string Invalid = "the answer the language model wrote did not pass the checks";
}
