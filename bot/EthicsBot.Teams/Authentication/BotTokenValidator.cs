using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EthicsBot.Teams.Authentication;

/// <summary>The outcome of checking an inbound request's token: the caller's identity, or why it was refused.</summary>
public sealed record TokenCheck(ClaimsIdentity? Identity, string? Failure)
{
    public bool Succeeded => Identity is not null;
    public static TokenCheck Fail(string reason) => new(null, reason);
}

/// <summary>
/// Checks the Bearer token on a request from the Bot Connector, as the Bot Framework SDKs do: the token is signed by
/// a key from the connector's OpenID metadata (RSA only, never <c>alg: none</c>), that key is endorsed for the
/// activity's channel, the issuer is the connector, the audience is our app id, it is within its lifetime give or
/// take five minutes, and its <c>serviceurl</c> claim is the activity's serviceUrl. A single-tenant or managed-identity
/// bot also accepts Entra ID tokens of its own tenant, checked against that tenant's metadata, when the calling
/// application is the bot itself or one of <see cref="BotSettings.AllowedCallers"/>.
/// </summary>
public sealed class BotTokenValidator
{
    /// <summary>The clock skew the Bot Framework SDKs allow.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotSettings _settings;
    private readonly OpenIdMetadata _connector;
    private readonly OpenIdMetadata? _entra;
    private readonly string[] _entraIssuers;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotTokenValidator(BotSettings settings, HttpClient http, TimeProvider time)
    {
        _settings = settings;
        _connector = new OpenIdMetadata(http, settings.OpenIdMetadataUrl, time);
        if (!string.IsNullOrWhiteSpace(settings.TenantId) && settings.AppType != "MultiTenant")
        {
            _entra = new OpenIdMetadata(http, new Uri(settings.EntraMetadataUrl.Replace("{tenant}", settings.TenantId, StringComparison.Ordinal)), time);
            _entraIssuers =
            [
                $"https://login.microsoftonline.com/{settings.TenantId}/v2.0",
                $"https://sts.windows.net/{settings.TenantId}/",
            ];
        }
        else
        {
            _entraIssuers = [];
        }
    }

    /// <summary>Checks the <c>Authorization</c> header of a request carrying an activity of this channel and serviceUrl.</summary>
    public async Task<TokenCheck> ValidateAsync(string? authorization, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
            return TokenCheck.Fail("no Authorization header");
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return TokenCheck.Fail("Authorization is not a Bearer token");
        var raw = authorization["Bearer ".Length..].Trim();

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Fail("the token is not a JWT");
        }

        if (!Algorithms.Contains(token.Alg, StringComparer.Ordinal))
            return TokenCheck.Fail($"signing algorithm '{token.Alg}' is not accepted");

        var fromConnector = string.Equals(token.Issuer, BotFrameworkIssuer, StringComparison.Ordinal);
        var fromEntra = _entra is not null && _entraIssuers.Contains(token.Issuer, StringComparer.Ordinal);
        if (!fromConnector && !fromEntra)
            return TokenCheck.Fail($"issuer '{token.Issuer}' is not trusted");

        var metadata = fromConnector ? _connector : _entra!;
        SigningKey? key;
        try
        {
            key = string.IsNullOrEmpty(token.Kid) ? null : await metadata.GetKeyAsync(token.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or System.Text.Json.JsonException or ArgumentException)
        {
            return TokenCheck.Fail($"signing keys could not be read from {metadata.MetadataUrl}: {e.Message}");
        }
        if (key is null)
            return TokenCheck.Fail($"signing key '{token.Kid}' is not published in {metadata.MetadataUrl}");

        // The connector endorses each key for the channels it may sign for; a key not endorsed for this channel is refused.
        if (fromConnector && !string.IsNullOrEmpty(channelId) && !key.Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase))
            return TokenCheck.Fail($"signing key is not endorsed for channel '{channelId}'");

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = fromConnector ? [BotFrameworkIssuer] : _entraIssuers,
            ValidAudience = _settings.AppId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
        };
        var result = await _handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
        if (!result.IsValid)
            return TokenCheck.Fail(Describe(result.Exception));

        // An Entra token may come from any application of the tenant: only the bot itself (holding its own
        // credentials) and the configured allowed callers may call, as the SDKs' allowed-callers check does.
        if (fromEntra)
        {
            var caller = result.ClaimsIdentity.FindFirst("azp")?.Value ?? result.ClaimsIdentity.FindFirst("appid")?.Value;
            if (string.IsNullOrEmpty(caller))
                return TokenCheck.Fail("the Entra token names no calling application (azp or appid)");
            if (!string.Equals(caller, _settings.AppId, StringComparison.OrdinalIgnoreCase)
                && !_settings.AllowedCallers.Contains(caller, StringComparer.OrdinalIgnoreCase))
                return TokenCheck.Fail($"application '{caller}' is not an allowed caller (Bot:AllowedCallers)");
        }

        // A connector token names the service it was issued for; it must be the one the activity tells us to answer.
        if (fromConnector && serviceUrl is not null)
        {
            var claim = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
            if (!string.Equals(claim?.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                return TokenCheck.Fail("the token's serviceurl claim does not match the activity's serviceUrl");
        }

        return new TokenCheck(result.ClaimsIdentity, null);
    }

    private static string Describe(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token's issuer is not trusted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature is not valid",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not accepted",
        null => "the token is not valid",
        _ => $"the token is not valid ({e.GetType().Name})",
    };
}
