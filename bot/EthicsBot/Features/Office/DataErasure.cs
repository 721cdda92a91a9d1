using EthicsBot.Features.Campaigns;
using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.DataRights;
using EthicsBot.Shared.Organizations;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Office;

/// <summary>
/// Erasing one person's data on request. Callers check first that the person acting is an ethics office member or a
/// data-protection officer (<see cref="IsDataProtectionOfficer"/>); an erasure limits itself to where they may erase
/// (<see cref="ReachOf"/>).
/// </summary>
public sealed partial class DataErasure(IOfficeStore store, IDisclosureStore disclosures, ICampaignStore campaigns, OrganizationDirectory organizations,
    IOptions<ReviewSettings> settings, ILogger<DataErasure> logger)
{
    /// <summary>Whether this Entra object id may erase in every organisation (<see cref="ReviewSettings.DataProtectionOfficers"/>).</summary>
    public bool IsDataProtectionOfficer(string? memberId) => settings.Value.IsDataProtectionOfficer(memberId);

    /// <summary>
    /// Where this person's erasures reach: every organisation for a data-protection officer; otherwise the
    /// organisations whose ethics office they belong to (whichever organisation's chat or card they act from).
    /// </summary>
    public ErasureReach ReachOf(string? memberId) => IsDataProtectionOfficer(memberId)
        ? new ErasureReach(true, [.. organizations.All.OrderBy(o => o.Id, StringComparer.Ordinal)])
        : new ErasureReach(false, organizations.OfficesOf(memberId));

    /// <summary>
    /// Deletes what is stored about one person — their questions, disclosures, unfinished forms and campaign records
    /// (contact, queue entries, acknowledgements) — in the
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
            total.ReviewItems, total.Disclosures, total.Dialogs, total.CampaignRecords);
        return report;
    }

    private async Task<DeletedCounts> EraseInAsync(string userId, ErasureScope scope, CancellationToken cancellationToken) =>
        await store.EraseAskerAsync(userId, scope, cancellationToken).ConfigureAwait(false)
        + await disclosures.EraseUserAsync(userId, scope, cancellationToken).ConfigureAwait(false)
        + new DeletedCounts(0, 0, 0, 0, 0, await campaigns.EraseUserAsync(userId, scope, cancellationToken).ConfigureAwait(false));

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure on request, by {Role} {Member} (acting from {Organization}), in {Scope}: {Items} question(s), {Disclosures} disclosure(s), {Dialogs} unfinished form(s), {Campaign} campaign record(s) deleted.")]
    private static partial void LogErased(ILogger logger, string role, string member, string organization, string scope, int items, int disclosures, int dialogs, int campaign);
}
