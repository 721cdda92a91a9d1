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
    /// <summary>Publishes an answered item as a FAQ entry of the organisation (again: updates it).</summary>
    public async Task<DeskResult<FaqEntry>> PublishAsync(OrganizationProfile organization, string id, OfficeMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var item = await store.GetItemAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        if (item is null)
            return DeskResult<FaqEntry>.Refused("There is no such question.");
        if (item.Status != ReviewStatus.Answered || string.IsNullOrWhiteSpace(item.Answer))
            return DeskResult<FaqEntry>.Refused("Only an answered question can be published as a FAQ entry.");
        var entry = new FaqEntry
        {
            Id = item.Id, Organization = organization.Id, Question = CardBuilder.Clip(item.Question, ReviewDesk.MaxQuestionLength), Answer = item.Answer,
            Clauses = item.AnswerClauses, PublishedBy = member.Name, Updated = time.GetUtcNow(),
        };
        await faq.PublishAsync(entry, cancellationToken).ConfigureAwait(false);
        return DeskResult<FaqEntry>.Done(entry);
    }

    public async Task<DeskResult<FaqEntry>> EditAsync(OrganizationProfile organization, string id, OfficeMember member, string? question, string? answer, string? clauseList, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var current = await store.GetFaqAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return DeskResult<FaqEntry>.Refused("There is no such FAQ entry.");
        question = question?.Trim() ?? "";
        answer = answer?.Trim() ?? "";
        if (question.Length == 0 || question.Length > ReviewDesk.MaxQuestionLength)
            return DeskResult<FaqEntry>.Refused($"The question must be 1 to {ReviewDesk.MaxQuestionLength} characters.", current);
        if (answer.Length == 0 || answer.Length > ReviewDesk.MaxAnswerLength)
            return DeskResult<FaqEntry>.Refused($"The answer must be 1 to {ReviewDesk.MaxAnswerLength} characters.", current);
        var parsed = ClauseList.Parse(clauses, organization, clauseList);
        if (parsed.Problem is not null)
            return DeskResult<FaqEntry>.Refused(parsed.Problem, current);
        var entry = current with { Question = question, Answer = answer, Clauses = parsed.Ids, PublishedBy = member.Name, Updated = time.GetUtcNow(), Withdrawn = false };
        await faq.PublishAsync(entry, cancellationToken).ConfigureAwait(false);
        return DeskResult<FaqEntry>.Done(entry);
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
