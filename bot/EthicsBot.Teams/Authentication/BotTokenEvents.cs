using System.Collections;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EthicsBot.Teams.Authentication;

/// <summary>
/// What the Bot Framework asks beyond a well-signed token, checked once JwtBearer has validated it: a connector token's
/// signing key must be endorsed for the activity's channel and its <c>serviceurl</c> claim must be the activity's
/// serviceUrl; an Entra token must come from the bot itself or one of <see cref="BotSettings.AllowedCallers"/>.
/// A refusal is logged with its reason in our words and answered 401.
/// </summary>
public sealed class BotTokenEvents(IOptions<BotSettings> settings, ActivityOriginReader origins, ILogger<BotTokenEvents> logger) : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refusal = context.Scheme.Name == BotAuthentication.EntraScheme
            ? CallerRefusal(context)
            : await ConnectorRefusalAsync(context).ConfigureAwait(false);
        if (refusal is not null)
            context.Fail(new BotTokenRefusedException(refusal));
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        string? authorization = context.Request.Headers.Authorization;
        var reason = context.AuthenticateFailure is { } failure ? Describe(failure)
            : string.IsNullOrWhiteSpace(authorization) ? "no Authorization header"
            : "Authorization is not a Bearer token";
        return BotRefusal.WriteAsync(context.HttpContext, logger, reason);
    }

    /// <summary>An Entra token may come from any application of the tenant: only the bot itself and the allowed callers may call.</summary>
    private string? CallerRefusal(TokenValidatedContext context)
    {
        var caller = context.Principal?.FindFirst("azp")?.Value ?? context.Principal?.FindFirst("appid")?.Value;
        if (string.IsNullOrEmpty(caller))
            return "the Entra token names no calling application (azp or appid)";
        if (!string.Equals(caller, settings.Value.AppId, StringComparison.OrdinalIgnoreCase)
            && !settings.Value.AllowedCallers.Contains(caller, StringComparer.OrdinalIgnoreCase))
            return $"application '{caller}' is not an allowed caller (Bot:AllowedCallers)";
        return null;
    }

    private async Task<string?> ConnectorRefusalAsync(TokenValidatedContext context)
    {
        // A body that is not an activity is refused by the endpoint (400), whatever the token says.
        if (await origins(context.HttpContext).ConfigureAwait(false) is not { } origin)
            return null;

        // The connector endorses each key for the channels it may sign for: the activity must name its channel, and the
        // key must be endorsed for exactly that one (compared as the Bot Framework does, case and all). Unlike the SDK,
        // an activity naming no channel is not waved through, and neither is a key published without endorsements.
        if (string.IsNullOrEmpty(origin.ChannelId))
            return "the activity names no channel, so the signing key's endorsement cannot be checked";
        var endorsements = await EndorsementsAsync(context).ConfigureAwait(false);
        if (!endorsements.Contains(origin.ChannelId, StringComparer.Ordinal))
            return $"signing key is not endorsed for channel '{origin.ChannelId}'";

        // A connector token names the service it was issued for; it must be the one the activity tells us to answer.
        if (origin.ServiceUrl is not null)
        {
            var claim = context.Principal?.FindFirst("serviceurl")?.Value;
            if (!string.Equals(claim?.TrimEnd('/'), origin.ServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                return "the token's serviceurl claim does not match the activity's serviceUrl";
        }
        return null;
    }

    /// <summary>The channels the token's signing key is endorsed for, as the connector's key set publishes them.</summary>
    private static async Task<IReadOnlyList<string>> EndorsementsAsync(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken { Kid: { Length: > 0 } kid } || context.Options.ConfigurationManager is not { } manager)
            return [];
        var configuration = await manager.GetConfigurationAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
            return [];
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(e => e.ToString())],
            string one => [one],
            IEnumerable many => [.. many.Cast<object?>().Select(e => e?.ToString() ?? "")],
            _ => [],
        };
    }

    /// <summary>Why JwtBearer (or a check above) refused the token, in our words.</summary>
    internal static string Describe(Exception e) => e switch
    {
        BotTokenRefusedException refused => refused.Message,
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token's issuer is not trusted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature is not valid",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not accepted",
        SecurityTokenMalformedException or ArgumentException => "the token is not a JWT",
        InvalidOperationException or HttpRequestException => "the signing keys could not be read from the OpenID metadata",
        _ => $"the token is not valid ({e.GetType().Name})",
    };
}

/// <summary>A token refused by one of the Bot Framework's checks; the message is the reason, in our words.</summary>
public sealed class BotTokenRefusedException(string reason) : Exception(reason);
