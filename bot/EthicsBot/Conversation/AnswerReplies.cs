using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Conversation;

/// <summary>
/// What goes back to a message: the handoff card for a report, or the answer card (with the form's button when the
/// organisation has that form), recording for the insights what the answer was about, never the question.
/// </summary>
public sealed partial class AnswerReplies(ClauseCatalog clauses, AnswerEventWriter answerEvents, TimeProvider time, ILogger<EthicsTeamsBot> logger)
{
    /// <summary>The handoff card; nothing of the message goes with it.</summary>
    public Task SendHandoffAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var protection = clauses.Find(organization.Whistleblower.ProtectionClause)?.Title ?? "protection of reporters";
        return CardReplies.SendCardAsync(turn, BotCards.Handoff(organization, protection), "How to report misconduct", cancellationToken);
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

    // Only the organisation, the kind and the clause ids: never the question, which may identify the asker.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered for {Organization}: {Kind} citing {Clauses}")]
    private static partial void LogAnswered(ILogger logger, string organization, string kind, string clauses);
}
