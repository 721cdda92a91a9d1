using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// What the desk asks of a token beyond JwtBearer's checks (signature, tenant, audience, lifetime): that Teams or
/// another Microsoft 365 host got it for this tab. Any application of the tenant that the API is exposed to can get a
/// member a token for the desk's audience; only the hosts' SSO gets one with the tab's scope
/// (<see cref="DeskAuthentication.TabScope"/> in <c>scp</c>) whose authorised client — <c>azp</c> in a v2 token,
/// <c>appid</c> in a v1 token — is one of <see cref="DeskAuthentication.HostClients"/> or <c>Desk:AllowedClients</c>.
/// Anything else is refused like a bad token (401), logged with the reason, the person's Entra id and the client id.
/// </summary>
internal sealed partial class DeskTokenEvents(IOptions<DeskSettings> settings, ILogger<DeskTokenEvents> logger) : JwtBearerEvents
{
    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is { } user && Refusal(user, settings.Value) is { } refusal)
        {
            LogRefused(logger, DeskAuthentication.ObjectId(user) ?? "unknown", refusal);
            context.Fail(refusal);
        }
        return Task.CompletedTask;
    }

    /// <summary>Every 401 of the desk in our words (JwtBearer's own is an empty body).</summary>
    public override Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        return DeskAuthentication.SignInNeededAsync(context.HttpContext);
    }

    /// <summary>Why a well-signed token for the desk was not got by a Teams or Microsoft 365 host for the tab; null when it was.</summary>
    internal static string? Refusal(ClaimsPrincipal user, DeskSettings settings)
    {
        var scopes = user.FindFirst("scp")?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!scopes.Contains(DeskAuthentication.TabScope, StringComparer.Ordinal))
            return $"the token does not carry the tab's scope {DeskAuthentication.TabScope} (scp: '{string.Join(' ', scopes)}')";
        var v1 = user.FindFirst("ver")?.Value == "1.0";
        var client = user.FindFirst(v1 ? "appid" : "azp")?.Value;
        if (string.IsNullOrEmpty(client))
            return $"the token names no client application ({(v1 ? "appid" : "azp")})";
        if (!DeskAuthentication.HostClients.ContainsKey(client) && !settings.AllowedClients.Contains(client, StringComparer.OrdinalIgnoreCase))
            return $"the token was got by application '{client}', which is neither a Teams or Microsoft 365 host nor in Desk:AllowedClients";
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a desk sign-in of {Caller}: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string caller, string reason);
}
