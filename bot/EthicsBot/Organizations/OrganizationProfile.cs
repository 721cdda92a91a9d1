namespace EthicsBot.Organizations;

/// <summary>
/// One organisation the bot serves, configuration section <c>Organizations:&lt;id&gt;</c>: the Code(s) it answers from,
/// its whistleblower channel, its ethics office and the Teams tenants that belong to it.
/// </summary>
public sealed class OrganizationProfile
{
    /// <summary>The organisation id (<c>iom</c>, <c>ims</c>): the section's key.</summary>
    public string Id { get; set; } = "";

    /// <summary>How staff name the organisation.</summary>
    public string Name { get; set; } = "";

    /// <summary>The knowledge organisation ids whose Codes this organisation answers from; its own id when empty.</summary>
    public IList<string> Codes { get; set; } = [];

    public WhistleblowerChannel Whistleblower { get; set; } = new();

    public EthicsOffice EthicsOffice { get; set; } = new();

    /// <summary>Teams (Entra) tenant ids whose staff belong to this organisation.</summary>
    public IList<string> Tenants { get; set; } = [];

    /// <summary>The Codes searched for this organisation's staff.</summary>
    public IReadOnlyList<string> CodeIds => Codes.Count > 0 ? [.. Codes] : [Id];
}

/// <summary>Where staff report misconduct, outside this chat.</summary>
public sealed class WhistleblowerChannel
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public bool AcceptsAnonymousReports { get; set; }
    /// <summary>How to use the channel, in a sentence or two shown on the handoff card.</summary>
    public string HowTo { get; set; } = "";
    /// <summary>The clause that protects good-faith reporters from retaliation (e.g. <c>ims-3.7</c>, <c>iom-5.21</c>).</summary>
    public string ProtectionClause { get; set; } = "";
}

/// <summary>The people who answer what the bot cannot, and review disclosures.</summary>
public sealed class EthicsOffice
{
    public string Name { get; set; } = "";
    /// <summary>An e-mail address or URL staff can use directly.</summary>
    public string Contact { get; set; } = "";
    /// <summary>Entra object ids of the office's members: only they see the review queue and disclosures.</summary>
    public IList<string> Members { get; set; } = [];
    /// <summary>Display names of members by Entra object id (for "assign to a colleague"); the id is shown without one.</summary>
    public IDictionary<string, string> MemberNames { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Whether this Entra object id is one of the office's members (only they review and decide).</summary>
    public bool IsMember(string? aadObjectId) => !string.IsNullOrEmpty(aadObjectId) && Members.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);

    /// <summary>The Teams conversation (a channel or group chat) where the office is notified.</summary>
    public string ConversationId { get; set; } = "";
    /// <summary>The connector serviceUrl of that conversation.</summary>
    public string ServiceUrl { get; set; } = "";
}
