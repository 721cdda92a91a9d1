using Microsoft.IdentityModel.JsonWebTokens;

namespace EthicsBot.Teams.Authentication;

/// <summary>
/// The issuers whose tokens may call the bot, and which bearer scheme checks each: the Bot Connector always (with an
/// app id), and Entra ID (v2 and v1 issuers) of the bot's own tenant for a single-tenant or managed-identity bot.
/// </summary>
public sealed class BotTokenIssuers
{
    public const string BotFramework = "https://api.botframework.com";

    private static readonly JsonWebTokenHandler Reader = new();

    public BotTokenIssuers(BotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Entra = !string.IsNullOrWhiteSpace(settings.TenantId) && settings.AppType != "MultiTenant"
            ? EntraIssuers(settings.TenantId)
            : [];
    }

    /// <summary>The issuers of a tenant's Entra ID tokens: v2.0 and v1.</summary>
    public static string[] EntraIssuers(string tenant) => [$"https://login.microsoftonline.com/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"];

    /// <summary>Entra ID issuers of the bot's tenant; empty when the bot takes no Entra tokens.</summary>
    public IReadOnlyList<string> Entra { get; }

    /// <summary>
    /// The scheme for this <c>Authorization</c> header: Entra's when the Bearer token's (not yet validated) issuer is
    /// one of <see cref="Entra"/>, else the connector's, which refuses any issuer but its own.
    /// </summary>
    public string SchemeFor(string? authorization)
    {
        if (Entra.Count > 0 && authorization is { Length: > 7 } && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var raw = authorization[7..].Trim();
            if (Reader.CanReadToken(raw) && Entra.Contains(IssuerOf(raw), StringComparer.Ordinal))
                return BotAuthentication.EntraScheme;
        }
        return BotAuthentication.ConnectorScheme;
    }

    private static string? IssuerOf(string raw)
    {
        try
        {
            return Reader.ReadJsonWebToken(raw).Issuer;
        }
        catch (ArgumentException)
        {
            return null; // not a JWT after all: the connector's scheme refuses it
        }
    }
}
