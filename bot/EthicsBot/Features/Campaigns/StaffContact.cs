using System.Text.Json.Serialization;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// A person the bot can write to: their Entra object id, their name as Teams gave it, and the personal conversation
/// (kept from the app's installation or their first message there) — or, for a member of a team the bot is in who has
/// not opened the app, what opening that chat needs (their Teams id, the tenant, the service URL) — and their teams.
/// </summary>
public sealed record StaffContact
{
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    /// <summary>The Entra object id.</summary>
    [JsonPropertyName("userId")] public required string UserId { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary>The personal chat: ids only (<see cref="ConversationReference.WithoutNames"/>).</summary>
    [JsonPropertyName("conversation")] public required ConversationReference Conversation { get; init; }
    /// <summary>The teams the bot saw the person in (rosters and members added).</summary>
    [JsonPropertyName("teams")] public IReadOnlyList<TeamRef> Teams { get; init; } = [];
    [JsonPropertyName("seenAt")] public DateTimeOffset SeenAt { get; init; }

    /// <summary>Whether the personal chat exists (else it is opened before the first card).</summary>
    [JsonIgnore] public bool HasChat => !string.IsNullOrEmpty(Conversation.Conversation?.Id);

    private StaffContact WithTeamsOf(StaffContact? other) => other is null ? this
        : this with { Teams = [.. Teams.Concat(other.Teams).DistinctBy(t => t.Id, StringComparer.Ordinal)] };

    /// <summary>
    /// This contact saved over <paramref name="stored"/>: the teams of both (two rosters read at once must not drop
    /// one), and the stored chat kept when this one has none (a roster does not know the chat the person opened).
    /// </summary>
    public StaffContact MergedOver(StaffContact? stored) => stored is null ? this
        : WithTeamsOf(stored) with { Conversation = HasChat || !stored.HasChat ? Conversation : stored.Conversation };
}
