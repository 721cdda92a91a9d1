using System.Text.Json;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// The members of the teams the bot is in, as contacts a campaign can reach: when the bot is added to a team its roster
/// is read (page by page, in the background), and members added to the team later are recorded as they come. A member
/// who never opened the app has no personal chat yet; the first card opens it (<see cref="CampaignDispatcher"/>).
/// </summary>
public sealed partial class TeamRosters(ICampaignStore store, IConnectorClient connector, CampaignOffice office, ILogger<TeamRosters> logger)
{
    /// <summary>The bot or people were added to a team's conversation: roster or members recorded. False when it was no team.</summary>
    public bool OnMembersAdded(Activity activity, OrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(organization);
        if (TeamOf(activity) is not { } team || activity.ServiceUrl is not { Length: > 0 } serviceUrl || activity.TenantId is not { Length: > 0 } tenant
            || activity.Recipient?.Id is not { Length: > 0 } botId || activity.MembersAdded is not { Count: > 0 } added)
            return false;
        var where = new Where(organization.Id, serviceUrl, tenant, botId, team);
        var botAdded = added.Any(m => m.Id == botId);
        // The roster may be thousands of people: read after the turn, never holding Teams' request open.
        _ = Task.Run(async () =>
        {
            try
            {
                var count = botAdded ? await SyncAsync(where, CancellationToken.None).ConfigureAwait(false)
                    : await AddAsync(where, [.. added.Where(m => m.Id != botId)], CancellationToken.None).ConfigureAwait(false);
                LogRecorded(logger, count, organization.Id);
            }
            catch (Exception e)
            {
                LogRosterFailed(logger, organization.Id, e);
            }
        });
        return true;
    }

    /// <summary>Where a team's members are reached: organisation, service URL, tenant, the bot's id, the team.</summary>
    public sealed record Where(string Organization, string ServiceUrl, string Tenant, string BotId, TeamRef Team);

    /// <summary>Reads a team's whole roster; returns how many people were recorded.</summary>
    public async Task<int> SyncAsync(Where where, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(where);
        string? token = null;
        var count = 0;
        do
        {
            var page = await connector.GetPagedMembersAsync(where.ServiceUrl, where.Team.Id, token, cancellationToken).ConfigureAwait(false);
            count += await AddAsync(where, [.. page?.Members ?? []], cancellationToken).ConfigureAwait(false);
            token = page?.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));
        return count;
    }

    private async Task<int> AddAsync(Where where, IReadOnlyList<ChannelAccount> members, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var member in members)
        {
            if (!Guid.TryParse(member.AadObjectId, out var objectId) || string.IsNullOrEmpty(member.Id))
                continue;
            var userId = objectId.ToString("D");
            var stored = await store.GetContactAsync(where.Organization, userId, cancellationToken).ConfigureAwait(false);
            if (stored?.Teams.Any(t => t.Id == where.Team.Id) == true)
                continue;
            var contact = stored is not null ? stored with { Teams = [.. stored.Teams, where.Team] } : new StaffContact
            {
                Organization = where.Organization,
                UserId = userId,
                Name = member.Name ?? "",
                Conversation = new ConversationReference
                {
                    ChannelId = "msteams",
                    ServiceUrl = where.ServiceUrl,
                    Bot = new ChannelAccount { Id = where.BotId },
                    User = new ChannelAccount { Id = member.Id, AadObjectId = userId },
                    Conversation = new ConversationAccount { ConversationType = "personal", TenantId = where.Tenant },
                },
                Teams = [where.Team],
            };
            await store.SaveContactAsync(contact, cancellationToken).ConfigureAwait(false);
            await office.WelcomeAsync(contact, cancellationToken).ConfigureAwait(false);
            count++;
        }
        return count;
    }

    /// <summary>The team of a channel activity (Teams' channelData.team), or null.</summary>
    public static TeamRef? TeamOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ChannelData is not { ValueKind: JsonValueKind.Object } data || !data.TryGetProperty("team", out var team) || team.ValueKind != JsonValueKind.Object
            || !team.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } teamId)
            return null;
        var name = team.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new TeamRef(teamId, string.IsNullOrWhiteSpace(name) ? "A team" : name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaigns: {Count} team member(s) of {Organization} recorded")]
    private static partial void LogRecorded(ILogger logger, int count, string organization);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaigns: a team's members of {Organization} could not be read; campaigns reach them once they open the app")]
    private static partial void LogRosterFailed(ILogger logger, string organization, Exception error);
}
