using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Options;

namespace EthicsBot.Conversation;

/// <summary>
/// What goes back to a message: the handoff card for a report, or the answer card (with the form's button when the
/// organisation has that form), recording for the insights what the answer was about, never the question; and the
/// typing indicator while an answer is slow in coming.
/// </summary>
public sealed partial class AnswerReplies(ClauseCatalog clauses, AnswerEventWriter answerEvents, TimeProvider time, IOptions<ReplySettings> settings,
    ILogger<EthicsTeamsBot> logger)
{
    /// <summary>Now, on the clock <see cref="AnswerWithTypingAsync"/> measures from (when a message arrived).</summary>
    public long Timestamp() => time.GetTimestamp();

    /// <summary>
    /// The answer <paramref name="answering"/> works out, with "…is typing" sent first only when it is not ready within
    /// <c>Bot:TypingAfter</c> of <paramref name="arrived"/>. A fast answer then goes out alone, one round trip to the
    /// connector, instead of waiting behind the typing indicator's; a slow one (a language model, a slow search) shows
    /// typing while it is worked out. Typing is never sent once the answer is ready, so it never follows the answer: the
    /// connector client puts sends to a conversation on the wire in the order they were made.
    /// </summary>
    public async Task<Answer> AnswerWithTypingAsync(TurnContext turn, long arrived, Func<CancellationToken, Task<Answer>> answering, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(answering);
        var wait = settings.Value.TypingAfter - time.GetElapsedTime(arrived);
        if (wait <= TimeSpan.Zero)
        {
            turn.StartTyping(cancellationToken);
            return await answering(cancellationToken).ConfigureAwait(false);
        }
        using var typing = new TypingTimer(turn, wait, time, cancellationToken);
        return await answering(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The handoff card in the message's language (as the screen read it), else in that of Teams' locale; nothing of
    /// the message goes with it.
    /// </summary>
    public Task SendHandoffAsync(TurnContext turn, OrganizationProfile organization, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return CardReplies.SendCardAsync(turn, HandoffCard(clauses, organization, language ?? turn.Activity.Locale), "How to report misconduct", cancellationToken);
    }

    /// <summary>The handoff card, naming the clause that protects reporters (the bot's and <c>ask</c>'s).</summary>
    public static AdaptiveCard HandoffCard(ClauseCatalog clauses, OrganizationProfile organization, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(organization);
        var protection = clauses.Find(organization.Whistleblower.ProtectionClause)?.Title ?? "protection of reporters";
        return BotCards.Handoff(organization, protection, language);
    }

    public async Task SendAnswerAsync(TurnContext turn, string question, Answer answer, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(organization);
        if (answer.Kind == Answer.SmallTalkKind)
        {
            await turn.SendAsync(turn.Activity.CreateReply(answer.Text), cancellationToken).ConfigureAwait(false);
            return;
        }
        var answerId = Guid.NewGuid().ToString("N");
        // For the log and the insights: what the answer was about, never the question; nothing at all of a message
        // that may be a report (the banner's middle band). The event is written behind the reply, in batches.
        if (!answer.ReportBanner)
        {
            LogAnswered(logger, organization.Id, answer.Kind, string.Join(",", answer.Clauses.Select(c => c.Id)));
            answerEvents.Record(new AnswerEvent(answerId, organization.Id, time.GetUtcNow(), answer.Kind,
                answer.Clauses.Count > 0 ? answer.Clauses[0].Id : null, answer.Faq is not null));
        }
        var card = BotCards.Answer(answer, answerId, question, organization);
        await CardReplies.SendCardAsync(turn, card, answer.Kind == Answer.AnswerKind ? "Answer from the Code" : "Not clearly covered by the Code", cancellationToken,
            aiGenerated: answer.Grounded is not null).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the typing indicator when its time comes, unless disposed first (the answer is ready). Firing and disposing
    /// take one lock, so once disposed, typing has either been handed to the connector client (ahead of the answer) or
    /// never will be. A timer on the clock, not a task awaited beside the answer: an answer worked out without yielding
    /// (a long search on the turn's thread) still gets its typing indicator in time.
    /// </summary>
    private sealed class TypingTimer : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly TurnContext _turn;
        private readonly CancellationToken _cancellationToken;
        private readonly ITimer _timer;
        private bool _done;

        public TypingTimer(TurnContext turn, TimeSpan after, TimeProvider time, CancellationToken cancellationToken)
        {
            _turn = turn;
            _cancellationToken = cancellationToken;
            _timer = time.CreateTimer(static state => ((TypingTimer)state!).Fire(), this, after, Timeout.InfiniteTimeSpan);
        }

        private void Fire()
        {
            lock (_gate)
            {
                if (_done)
                    return;
                _done = true;
                _turn.StartTyping(_cancellationToken);
            }
        }

        public void Dispose()
        {
            lock (_gate)
                _done = true;
            _timer.Dispose();
        }
    }

    // Only the organisation, the kind and the clause ids: never the question, which may identify the asker.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered for {Organization}: {Kind} citing {Clauses}")]
    private static partial void LogAnswered(ILogger logger, string organization, string kind, string clauses);
}
