using EthicsBot.Features.Answers;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Office;

/// <summary>
/// The ethics office's FAQ: publishing an answered question as an entry, editing and withdrawing entries; each change
/// is searchable at once (<see cref="FaqSearch.PublishAsync"/>). Callers check membership first.
/// </summary>
public sealed class FaqEditor(IOfficeStore store, FaqSearch faq, ClauseCatalog clauses, TimeProvider time)
{
    /// <summary>
    /// Publishes an answered item in the wording the office chose (the desk's form and the chat card's both start from
    /// the asker's and the office's words): an asker's words may name people or places that identify them, and a FAQ
    /// entry is shown to everyone who asks something similar. Once published, an entry is changed through edit and
    /// withdraw only.
    /// </summary>
    public async Task<DeskResult<FaqEntry>> PublishAsAsync(OrganizationProfile organization, string id, OfficeMember member, string? question, string? answer, string? clauseList, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var item = await AnsweredAsync(organization, id, cancellationToken).ConfigureAwait(false);
        if (item.Refusal is not null)
            return DeskResult<FaqEntry>.Refused(item.Refusal, item.Existing);
        var wording = Wording(organization, question, answer, clauseList);
        if (wording.Problem is not null)
            return DeskResult<FaqEntry>.Refused(wording.Problem);
        var entry = new FaqEntry
        {
            Id = item.Value!.Id, Organization = organization.Id, Question = wording.Question, Answer = wording.Answer,
            Clauses = wording.Clauses, PublishedBy = member.Name, Updated = time.GetUtcNow(),
        };
        await faq.PublishAsync(entry, cancellationToken).ConfigureAwait(false);
        return DeskResult<FaqEntry>.Done(entry);
    }

    /// <summary>What the office is told above the publish form, in the chat card and on the desk.</summary>
    public const string PublishAdvice = "Staff who ask something similar will get this answer first. Take out anything that could identify the asker: names, places, dates.";

    /// <summary>The question the publish form starts from: the asker's words, cut to what an entry may hold.</summary>
    public static string DraftQuestion(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return CardBuilder.Clip(item.Question, ReviewDesk.MaxQuestionLength);
    }

    /// <summary>Refusals of publishing the item with this id.</summary>
    public const string NoSuchQuestion = "There is no such question.";
    public const string NotAnswered = "Only an answered question can be published as a FAQ entry.";
    public const string AlreadyPublished = "It is published already: change or withdraw the FAQ entry instead.";

    /// <summary>The answered, not yet published item; or why not, with the entry when it is published already.</summary>
    private async Task<(ReviewItem? Value, string? Refusal, FaqEntry? Existing)> AnsweredAsync(OrganizationProfile organization, string id, CancellationToken cancellationToken)
    {
        var item = await store.GetItemAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        if (item is null)
            return (null, NoSuchQuestion, null);
        if (item.Status != ReviewStatus.Answered || string.IsNullOrWhiteSpace(item.Answer))
            return (null, NotAnswered, null);
        if (await store.GetFaqAsync(organization.Id, id, cancellationToken).ConfigureAwait(false) is { } existing)
            return (null, AlreadyPublished, existing);
        return (item, null, null);
    }

    public async Task<DeskResult<FaqEntry>> EditAsync(OrganizationProfile organization, string id, OfficeMember member, string? question, string? answer, string? clauseList, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var current = await store.GetFaqAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return DeskResult<FaqEntry>.Refused("There is no such FAQ entry.");
        var wording = Wording(organization, question, answer, clauseList);
        if (wording.Problem is not null)
            return DeskResult<FaqEntry>.Refused(wording.Problem, current);
        var entry = current with { Question = wording.Question, Answer = wording.Answer, Clauses = wording.Clauses, PublishedBy = member.Name, Updated = time.GetUtcNow(), Withdrawn = false };
        await faq.PublishAsync(entry, cancellationToken).ConfigureAwait(false);
        return DeskResult<FaqEntry>.Done(entry);
    }

    /// <summary>A FAQ entry's question, answer and clauses as the office typed them, checked.</summary>
    private (string? Problem, string Question, string Answer, IReadOnlyList<string> Clauses) Wording(OrganizationProfile organization, string? question, string? answer, string? clauseList)
    {
        question = question?.Trim() ?? "";
        answer = answer?.Trim() ?? "";
        if (question.Length == 0 || question.Length > ReviewDesk.MaxQuestionLength)
            return ($"The question must be 1 to {ReviewDesk.MaxQuestionLength} characters.", "", "", []);
        if (answer.Length == 0 || answer.Length > ReviewDesk.MaxAnswerLength)
            return ($"The answer must be 1 to {ReviewDesk.MaxAnswerLength} characters.", "", "", []);
        var parsed = ClauseList.Parse(clauses, organization, clauseList);
        return (parsed.Problem, question, answer, parsed.Ids);
    }

    public async Task<DeskResult<FaqEntry>> WithdrawAsync(OrganizationProfile organization, string id, OfficeMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var current = await store.GetFaqAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return DeskResult<FaqEntry>.Refused("There is no such FAQ entry.");
        var entry = current with { Withdrawn = true, PublishedBy = member.Name, Updated = time.GetUtcNow() };
        await faq.PublishAsync(entry, cancellationToken).ConfigureAwait(false);
        return DeskResult<FaqEntry>.Done(entry);
    }
}
