using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Office;

/// <summary>
/// The ethics office's review queue, without Teams: a page of open questions, answering (the answer goes to the
/// asker's chat, <see cref="AnswerDelivery"/>), dismissing and assigning. Callers check membership first
/// (<see cref="EthicsOffice.IsMember"/>); every method here assumes it was checked. The FAQ is edited by
/// <see cref="FaqEditor"/>, a person's data erased by <see cref="DataErasure"/>, old data removed by <see cref="RetentionSweep"/>.
/// </summary>
public sealed partial class ReviewDesk(IOfficeStore store, ClauseCatalog clauses, AnswerDelivery delivery, IOptions<ReviewSettings> settings,
    TimeProvider time, ILogger<ReviewDesk> logger)
{
    public const int MaxAnswerLength = 2000;
    public const int MaxQuestionLength = 500;

    public int PageSize => Math.Clamp(settings.Value.PageSize, 1, 10);

    /// <summary>Open items, oldest first, one page; and how many are open.</summary>
    public Task<(IReadOnlyList<ReviewItem> Items, int Open)> PageAsync(string organization, int skip, CancellationToken cancellationToken) =>
        PageAsync(organization, skip, PageSize, cancellationToken);

    /// <summary>Open items, oldest first, <paramref name="take"/> of them (the desk's longer pages); and how many are open.</summary>
    public async Task<(IReadOnlyList<ReviewItem> Items, int Open)> PageAsync(string organization, int skip, int take, CancellationToken cancellationToken)
    {
        var open = (await store.ItemsAsync(organization, cancellationToken).ConfigureAwait(false)).Where(i => i.Status == ReviewStatus.Open).ToList();
        return ([.. open.Skip(Math.Max(0, skip)).Take(Math.Max(1, take))], open.Count);
    }

    public async Task<DeskResult<ReviewItem>> AnswerAsync(OrganizationProfile organization, string id, OfficeMember member, string? answer, string? clauseList, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        answer = answer?.Trim() ?? "";
        if (answer.Length == 0)
            return DeskResult<ReviewItem>.Refused("Write the answer first.");
        if (answer.Length > MaxAnswerLength)
            return DeskResult<ReviewItem>.Refused($"The answer is longer than {MaxAnswerLength} characters.");
        var (cited, problem) = ClauseList.Parse(clauses, organization, clauseList);
        if (problem is not null)
            return DeskResult<ReviewItem>.Refused(problem);
        var now = time.GetUtcNow();
        var (item, changed) = await store.UpdateItemAsync(organization.Id, id, current => current.Status != ReviewStatus.Open ? null : current with
        {
            Status = ReviewStatus.Answered, Answer = answer, AnswerClauses = cited, ClosedById = member.Id, ClosedByName = member.Name, ClosedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        if (item is null)
            return DeskResult<ReviewItem>.Refused("There is no such question (it may have been deleted under the retention rule).");
        if (!changed)
            return DeskResult<ReviewItem>.Refused(Closed(item), item);
        await delivery.TellAskerAsync(organization, item, cancellationToken).ConfigureAwait(false);
        LogClosed(logger, organization.Id, item.Id, item.Status);
        return DeskResult<ReviewItem>.Done(item);
    }

    public async Task<DeskResult<ReviewItem>> DismissAsync(OrganizationProfile organization, string id, OfficeMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var now = time.GetUtcNow();
        var (item, changed) = await store.UpdateItemAsync(organization.Id, id, current => current.Status != ReviewStatus.Open ? null : current with
        {
            Status = ReviewStatus.Dismissed, ClosedById = member.Id, ClosedByName = member.Name, ClosedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        if (item is null)
            return DeskResult<ReviewItem>.Refused("There is no such question.");
        if (!changed)
            return DeskResult<ReviewItem>.Refused(Closed(item), item);
        LogClosed(logger, organization.Id, item.Id, item.Status);
        return DeskResult<ReviewItem>.Done(item);
    }

    public async Task<DeskResult<ReviewItem>> AssignAsync(OrganizationProfile organization, string id, string? assignee, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        if (!organization.EthicsOffice.IsMember(assignee))
            return DeskResult<ReviewItem>.Refused($"Questions can only be assigned to members of the {organization.EthicsOffice.Name}.");
        var name = organization.EthicsOffice.NameOf(assignee!);
        var (item, changed) = await store.UpdateItemAsync(organization.Id, id, current => current.Status != ReviewStatus.Open ? null : current with
        {
            AssignedToId = assignee, AssignedToName = name,
        }, cancellationToken).ConfigureAwait(false);
        if (item is null)
            return DeskResult<ReviewItem>.Refused("There is no such question.");
        return changed ? DeskResult<ReviewItem>.Done(item) : DeskResult<ReviewItem>.Refused(Closed(item), item);
    }

    private static string Closed(ReviewItem item) =>
        $"This question was already {(item.Status == ReviewStatus.Answered ? "answered" : "marked as not needing an answer")} by {item.ClosedByName} on {item.ClosedAt:d MMM yyyy}.";

    [LoggerMessage(Level = LogLevel.Information, Message = "Review item {Id} of {Organization} closed: {Status}.")]
    private static partial void LogClosed(ILogger logger, string organization, string id, string status);
}
