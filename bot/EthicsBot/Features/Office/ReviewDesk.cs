using System.Globalization;
using System.Text.RegularExpressions;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.DataRights;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Office;

/// <summary>
/// The ethics office's work on the review queue and the FAQ, without Teams: answering (the answer goes to the asker's
/// chat), dismissing, assigning, publishing, editing and withdrawing FAQ entries, and erasing one person's data.
/// Callers check membership first (<see cref="EthicsOffice.IsMember"/>, or <see cref="IsDataProtectionOfficer"/> for an
/// erasure); every method here assumes it was checked. An erasure limits itself to where the member may erase (<see cref="ReachOf"/>).
/// </summary>
public sealed partial class ReviewDesk(IOfficeStore store, IDisclosureStore disclosures, FaqSearch faq, ClauseCatalog clauses,
    IConnectorClient connector, OrganizationDirectory organizations, IOptions<ReviewSettings> settings, TimeProvider time, ILogger<ReviewDesk> logger)
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
        var (cited, problem) = ParseClauses(organization, clauseList);
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
        await TellAskerAsync(organization, item, cancellationToken).ConfigureAwait(false);
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
        var name = NameOf(organization, assignee!);
        var (item, changed) = await store.UpdateItemAsync(organization.Id, id, current => current.Status != ReviewStatus.Open ? null : current with
        {
            AssignedToId = assignee, AssignedToName = name,
        }, cancellationToken).ConfigureAwait(false);
        if (item is null)
            return DeskResult<ReviewItem>.Refused("There is no such question.");
        return changed ? DeskResult<ReviewItem>.Done(item) : DeskResult<ReviewItem>.Refused(Closed(item), item);
    }

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
            Id = item.Id, Organization = organization.Id, Question = CardText(item.Question, MaxQuestionLength), Answer = item.Answer,
            Clauses = item.AnswerClauses, PublishedBy = member.Name, Updated = time.GetUtcNow(),
        };
        await faq.PublishAsync(entry, cancellationToken).ConfigureAwait(false);
        return DeskResult<FaqEntry>.Done(entry);
    }

    public async Task<DeskResult<FaqEntry>> EditFaqAsync(OrganizationProfile organization, string id, OfficeMember member, string? question, string? answer, string? clauseList, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var current = await store.GetFaqAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return DeskResult<FaqEntry>.Refused("There is no such FAQ entry.");
        question = question?.Trim() ?? "";
        answer = answer?.Trim() ?? "";
        if (question.Length == 0 || question.Length > MaxQuestionLength)
            return DeskResult<FaqEntry>.Refused($"The question must be 1 to {MaxQuestionLength} characters.", current);
        if (answer.Length == 0 || answer.Length > MaxAnswerLength)
            return DeskResult<FaqEntry>.Refused($"The answer must be 1 to {MaxAnswerLength} characters.", current);
        var parsed = ParseClauses(organization, clauseList);
        if (parsed.Problem is not null)
            return DeskResult<FaqEntry>.Refused(parsed.Problem, current);
        var entry = current with { Question = question, Answer = answer, Clauses = parsed.Ids, PublishedBy = member.Name, Updated = time.GetUtcNow(), Withdrawn = false };
        await faq.PublishAsync(entry, cancellationToken).ConfigureAwait(false);
        return DeskResult<FaqEntry>.Done(entry);
    }

    public async Task<DeskResult<FaqEntry>> WithdrawFaqAsync(OrganizationProfile organization, string id, OfficeMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var current = await store.GetFaqAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return DeskResult<FaqEntry>.Refused("There is no such FAQ entry.");
        var entry = current with { Withdrawn = true, PublishedBy = member.Name, Updated = time.GetUtcNow() };
        await faq.PublishAsync(entry, cancellationToken).ConfigureAwait(false);
        return DeskResult<FaqEntry>.Done(entry);
    }

    /// <summary>Whether this Entra object id may erase in every organisation (<see cref="ReviewSettings.DataProtectionOfficers"/>).</summary>
    public bool IsDataProtectionOfficer(string? memberId) => settings.Value.IsDataProtectionOfficer(memberId);

    /// <summary>
    /// Where this person's erasures reach: every organisation for a data-protection officer; otherwise the
    /// organisations whose ethics office they belong to (whichever organisation's chat or card they act from).
    /// </summary>
    public ErasureReach ReachOf(string? memberId) => IsDataProtectionOfficer(memberId)
        ? new ErasureReach(true, [.. organizations.All.OrderBy(o => o.Id, StringComparer.Ordinal)])
        : new ErasureReach(false, [.. organizations.All.Where(o => o.EthicsOffice.IsMember(memberId)).OrderBy(o => o.Id, StringComparer.Ordinal)]);

    /// <summary>
    /// Deletes what is stored about one person — their questions, disclosures and unfinished forms — in the
    /// organisations the member may erase in (<see cref="ReachOf"/>), reporting each organisation's counts.
    /// <paramref name="organization"/> is where the member acted from, for the log.
    /// </summary>
    public async Task<ErasureReport> EraseAsync(string userId, OfficeMember member, string organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var reach = ReachOf(member.Id);
        var erased = new List<ErasedIn>();
        foreach (var profile in reach.Organizations)
            erased.Add(new ErasedIn(profile.Name, await EraseInAsync(userId, ErasureScope.In(profile.Id), cancellationToken).ConfigureAwait(false)));
        if (reach.Everywhere)
        {
            // Data of organisations no longer configured goes too; it is reported only if there was any.
            var rest = await EraseInAsync(userId, ErasureScope.Everywhere, cancellationToken).ConfigureAwait(false);
            if (rest.Total > 0)
                erased.Add(new ErasedIn("Organisations no longer configured", rest));
        }
        var report = new ErasureReport(reach, erased);
        // Who asked, where and how much went; never whose data it was beyond the request itself.
        var total = report.Total;
        LogErased(logger, reach.Everywhere ? "data-protection officer" : "ethics office member", member.Id, organization,
            reach.Everywhere ? ErasureScope.Everywhere.ToString() : ErasureScope.In(reach.Organizations.Select(o => o.Id)).ToString(),
            total.ReviewItems, total.Disclosures, total.Dialogs);
        return report;
    }

    private async Task<DeletedCounts> EraseInAsync(string userId, ErasureScope scope, CancellationToken cancellationToken) =>
        await store.EraseAskerAsync(userId, scope, cancellationToken).ConfigureAwait(false)
        + await disclosures.EraseUserAsync(userId, scope, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes what is older than the retention time (run daily by <see cref="RetentionSweep"/>).</summary>
    public async Task<DeletedCounts> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-Math.Max(1, settings.Value.RetentionDays));
        var counts = await store.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (counts.Total > 0)
            LogRetention(logger, counts.ReviewItems, counts.AnswerEvents, counts.Feedback, settings.Value.RetentionDays);
        return counts;
    }

    public static string NameOf(OrganizationProfile organization, string memberId)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return organization.EthicsOffice.MemberNames.TryGetValue(memberId, out var name) && !string.IsNullOrWhiteSpace(name) ? name : memberId;
    }

    private async Task TellAskerAsync(OrganizationProfile organization, ReviewItem item, CancellationToken cancellationToken)
    {
        var rests = item.AnswerClauses.Count > 0 ? $"\n\n(Based on {string.Join(", ", item.AnswerClauses)}.)" : "";
        var message = new Activity
        {
            TextFormat = "markdown",
            Text = $"The {organization.EthicsOffice.Name} answered your question of {item.At.ToString("d MMM", CultureInfo.InvariantCulture)}: " +
                   $"“{CardText(item.Question, 300)}”\n\n{item.Answer}{rests}",
        };
        try
        {
            await connector.SendToAsync(item.Asker, message, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e)
        {
            LogDeliveryFailed(logger, organization.Id, item.Id, e.Message);
        }
    }

    /// <summary>Clause ids typed by a member ("iom-5.50, iom-5.49"): each must be a clause of the organisation's Codes.</summary>
    private (IReadOnlyList<string> Ids, string? Problem) ParseClauses(OrganizationProfile organization, string? list)
    {
        var ids = ClauseSeparators().Split(list ?? "").Where(s => s.Length > 0).Select(s => s.ToLowerInvariant()).Distinct().Take(10).ToList();
        var unknown = ids.Where(id => clauses.Find(id) is not { } c || !organization.CodeIds.Contains(c.Organization)).ToList();
        return unknown.Count > 0
            ? (ids, $"Not clauses of the {organization.Name} Code: {string.Join(", ", unknown)}. Write ids such as {organization.CodeIds[0]}-1.1, separated by commas.")
            : (ids, null);
    }

    private static string Closed(ReviewItem item) =>
        $"This question was already {(item.Status == ReviewStatus.Answered ? "answered" : "marked as not needing an answer")} by {item.ClosedByName} on {item.ClosedAt:d MMM yyyy}.";

    private static string CardText(string text, int max) => CardBuilder.Clip(text, max);

    [GeneratedRegex(@"[\s,;]+")]
    private static partial Regex ClauseSeparators();

    [LoggerMessage(Level = LogLevel.Information, Message = "Review item {Id} of {Organization} closed: {Status}.")]
    private static partial void LogClosed(ILogger logger, string organization, string id, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to review item {Id} of {Organization} could not be delivered: {Problem}.")]
    private static partial void LogDeliveryFailed(ILogger logger, string organization, string id, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure on request, by {Role} {Member} (acting from {Organization}), in {Scope}: {Items} question(s), {Disclosures} disclosure(s), {Dialogs} unfinished form(s) deleted.")]
    private static partial void LogErased(ILogger logger, string role, string member, string organization, string scope, int items, int disclosures, int dialogs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Items} review item(s), {Answers} answer event(s), {Feedback} feedback(s) older than {Days} days.")]
    private static partial void LogRetention(ILogger logger, int items, int answers, int feedback, int days);
}
