namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// Configuration section <c>Desk</c>: the ethics office's tab. With <see cref="Audience"/> set, every request needs an
/// Entra ID token from Teams SSO for that Application ID URI, issued by the tenant; without it, local development:
/// requests from this machine that carry the <c>X-Desk-Dev</c> header act as <see cref="DevMember"/>, and nothing else is let in.
/// </summary>
public sealed class DeskSettings
{
    public const string Section = "Desk";

    /// <summary>The tab's Application ID URI (<c>api://&lt;domain&gt;/&lt;app id&gt;</c>), as in the manifest's webApplicationInfo.resource.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The Entra application (client) id; <c>Bot:AppId</c> when empty. Tokens for it are accepted too.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The Entra tenant whose tokens are accepted; <c>Bot:TenantId</c> when empty.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Entra ID's OpenID metadata; <c>{tenant}</c> is replaced by the tenant.</summary>
    public string MetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// Application (client) ids, besides the Teams and Microsoft 365 hosts (<see cref="DeskAuthentication.HostClients"/>),
    /// whose tokens for the tab the desk accepts: a host Microsoft adds later, or a client of your own. Empty by default.
    /// </summary>
    public string[] AllowedClients { get; set; } = [];

    /// <summary>Local development only (no <see cref="Audience"/>): the Entra object id the desk acts as, an office member's.</summary>
    public string DevMember { get; set; } = "";

    /// <summary>Rows per page of the queue and the register.</summary>
    public int PageSize { get; set; } = 50;

    public bool UsesEntra => !string.IsNullOrWhiteSpace(Audience);
}
