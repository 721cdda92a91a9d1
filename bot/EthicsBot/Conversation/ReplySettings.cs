namespace EthicsBot.Conversation;

/// <summary>
/// How answers are paced in the chat, configuration section <c>Bot</c> (beside the protocol's own settings, which
/// EthicsBot.Teams reads from the same section).
/// </summary>
public sealed class ReplySettings
{
    public const string Section = "Bot";

    /// <summary>The longest <see cref="TypingAfter"/> may be: Teams shows a typing indicator for a few seconds only.</summary>
    public static readonly TimeSpan MaxTypingAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// "…is typing" is shown only when the answer is not ready this long after the message arrived: a fast answer is
    /// one send to the connector, a slow one (a language model, a slow search) shows typing first. 0 shows it at once.
    /// </summary>
    public TimeSpan TypingAfter { get; set; } = TimeSpan.FromMilliseconds(400);
}
