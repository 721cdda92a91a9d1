using System.Collections.Concurrent;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// Keeps the personal chat of each person the bot meets (the app installed for them, or their first message in it), so
/// campaigns can reach them; a person met for the first time is queued for the open campaigns (<see cref="CampaignOffice.WelcomeAsync"/>).
/// Each instance remembers whom it has recorded, so a person's messages after the first cost no write.
/// </summary>
public sealed class StaffDirectory(ICampaignStore store, CampaignOffice office, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _recorded = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the sender's personal chat if it is new or changed; true when the person was met for the first time.
    /// <paramref name="installed"/>: the app was just installed for them, so the open campaigns are offered again even to
    /// a person known before (their card may have failed while they had removed the app).
    /// </summary>
    public async Task<bool> RememberAsync(Activity activity, OrganizationProfile organization, bool installed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(organization);
        if (activity.Conversation is not { Id: { Length: > 0 } conversationId } conversation || conversation.ConversationType is not (null or "personal")
            || !Guid.TryParse(activity.From?.AadObjectId, out var objectId) || string.IsNullOrEmpty(activity.ServiceUrl))
            return false;
        var userId = objectId.ToString("D");
        var key = organization.Id + "|" + userId;
        var where = activity.ServiceUrl + "|" + conversationId;
        if (!installed && _recorded.TryGetValue(key, out var known) && known == where)
            return false;
        var stored = await store.GetContactAsync(organization.Id, userId, cancellationToken).ConfigureAwait(false);
        var contact = stored;
        if (stored is null || stored.Conversation.ServiceUrl != activity.ServiceUrl || stored.Conversation.Conversation?.Id != conversationId
            || stored.Conversation.Locale != activity.Locale)
        {
            contact = new StaffContact
            {
                Organization = organization.Id,
                UserId = userId,
                Name = activity.From?.Name ?? stored?.Name ?? "",
                Conversation = activity.GetConversationReference().WithoutNames(),
                SeenAt = time.GetUtcNow(),
            }; // the store keeps the teams the person was seen in (MergedOver)
            await store.SaveContactAsync(contact, cancellationToken).ConfigureAwait(false);
        }
        if (stored is null || installed)
            await office.WelcomeAsync(contact!, cancellationToken).ConfigureAwait(false);
        _recorded[key] = where;
        return stored is null;
    }
}
