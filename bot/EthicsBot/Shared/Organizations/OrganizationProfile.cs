namespace EthicsBot.Shared.Organizations;

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
