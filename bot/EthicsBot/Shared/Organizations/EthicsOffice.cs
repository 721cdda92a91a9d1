namespace EthicsBot.Shared.Organizations;

/// <summary>The people who answer what the bot cannot, and review disclosures.</summary>
public sealed class EthicsOffice
{
    public string Name { get; set; } = "";
    /// <summary>Entra object ids of the office's members: only they see the review queue and disclosures.</summary>
    public IList<string> Members { get; set; } = [];
    /// <summary>Display names of members by Entra object id (for "assign to a colleague"); the id is shown without one.</summary>
    public IDictionary<string, string> MemberNames { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>A member's name as configured (<see cref="MemberNames"/>), else their id.</summary>
    public string NameOf(string memberId) =>
        MemberNames.TryGetValue(memberId, out var name) && !string.IsNullOrWhiteSpace(name) ? name : memberId;

    /// <summary>The member acting: the name Teams gives them, else the configured one, else their id.</summary>
    public OfficeMember Acting(string memberId, string? name) => new(memberId, string.IsNullOrWhiteSpace(name) ? NameOf(memberId) : name);

    /// <summary>Whether this Entra object id is one of the office's members (only they review and decide).</summary>
    public bool IsMember(string? aadObjectId) => !string.IsNullOrEmpty(aadObjectId) && Members.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);

    /// <summary>The Teams conversation (a channel or group chat) where the office is notified.</summary>
    public string ConversationId { get; set; } = "";
    /// <summary>The connector serviceUrl of that conversation.</summary>
    public string ServiceUrl { get; set; } = "";
}
