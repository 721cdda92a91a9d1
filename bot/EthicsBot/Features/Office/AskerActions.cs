using EthicsBot.Features.Answers;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Cards;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Office;

/// <summary>
/// The asker's buttons under an answer: 👍/👎 (feedback for the insights; after a 👎 the offer to share the question)
/// and "ask the ethics office" (the question joins the review queue). A question that may be a report never reaches
/// the queue: it came back from our own card and is screened once more. The one exception is the banner band when the
/// asker confirmed, with the banner's own button, that the message is a question to keep for the office.
/// </summary>
public sealed class AskerActions(IOfficeStore store, ReportScreen screen, TimeProvider time) : ICardActions
{
    public void Register(CardActionRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.On<FeedbackData>(BotCards.Verbs.Feedback, FeedbackAsync);
        router.On<AskOfficeData>(BotCards.Verbs.AskEthicsOffice, AskAsync);
    }

    private async Task<InvokeResponse> FeedbackAsync(CardAction<FeedbackData> action, CancellationToken cancellationToken)
    {
        var (data, organization) = (action.Data, action.Organization);
        if (data.AnswerId is not { } answerId || data.Helpful is not { } helpful)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "Feedback needs the answer id and a yes or no.");
        await store.RecordFeedbackAsync(new AnswerFeedback(answerId, organization.Id, data.Clauses, helpful, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (helpful)
            return AdaptiveCardInvoke.Message("Thanks for your feedback.");
        // 👎: the question goes to the ethics office only if the asker agrees, with the button below.
        if (data.Question is { } unhelpful && await screen.MayPassOnAsync(unhelpful, cancellationToken).ConfigureAwait(false))
            await CardReplies.SendCardAsync(action.Turn, BotCards.OfferToShare(answerId, unhelpful, data.Clauses, organization), "Share your question with the ethics office?", cancellationToken).ConfigureAwait(false);
        return AdaptiveCardInvoke.Message("Thanks for telling me.");
    }

    private async Task<InvokeResponse> AskAsync(CardAction<AskOfficeData> action, CancellationToken cancellationToken)
    {
        var (data, organization) = (action.Data, action.Organization);
        if (data.AnswerId is not { } id || data.Question is not { } question)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The question to pass on is missing.");
        if (question.Length > ClauseQuery.MaxTextLength)
            return AdaptiveCardInvoke.Error(400, "BadRequest", $"The question is longer than {ClauseQuery.MaxTextLength} characters.");
        // The screen runs again on what came back: a handoff-level text is never kept; a banner-band one only when the
        // asker pressed the banner's button, which says that it is a question and that it will be kept.
        var verdict = await screen.ScreenAsync(question, cancellationToken).ConfigureAwait(false);
        if (verdict.Action == ReportAction.Handoff || (verdict.TreatAsReport && data.ConfirmedQuestion != true))
            return AdaptiveCardInvoke.Message(Assistant.HandoffText(organization));
        var queued = await store.QueueAsync(new ReviewItem
        {
            Id = id,
            Organization = organization.Id,
            Question = question,
            Clauses = data.Clauses,
            Source = data.Source == ReviewSource.Unhelpful ? ReviewSource.Unhelpful : ReviewSource.Asked,
            Asker = action.Turn.Activity.GetConversationReference().WithoutNames(),
            At = time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        var officeName = organization.EthicsOffice.Name;
        return AdaptiveCardInvoke.Message(queued
            ? $"Your question was sent to the {officeName}. Their answer will come to this chat."
            : $"Your question is already with the {officeName}.");
    }
}
