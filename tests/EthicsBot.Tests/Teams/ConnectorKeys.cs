using System.Security.Cryptography;
using EthicsBot.Teams.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// A loopback OpenID metadata server publishing signing keys the way the Bot Connector does (with the channels each key
/// is endorsed for), and Entra ID's keys for the bot's tenant; and tokens signed with them. <see cref="Settings"/> are
/// a bot with an app id that trusts this server and the loopback connector.
/// </summary>
public sealed class ConnectorKeys : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Tenant = "99999999-8888-7777-6666-555555555555";
    public const string EntraIssuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";

    private WebApplication _metadata = null!;

    private ConnectorKeys()
    {
    }

    /// <summary>The connector's key for Teams (endorsed for msteams and emulator).</summary>
    public RsaSecurityKey TeamsKey { get; } = new(RSA.Create(2048)) { KeyId = "connector-key" };

    /// <summary>A connector key endorsed for Web Chat only.</summary>
    public RsaSecurityKey WebChatKey { get; } = new(RSA.Create(2048)) { KeyId = "webchat-only" };

    /// <summary>Entra ID's key for the bot's tenant.</summary>
    public RsaSecurityKey EntraKey { get; } = new(RSA.Create(2048)) { KeyId = "entra-key" };

    public string Url { get; private set; } = "";

    public static async Task<ConnectorKeys> StartAsync()
    {
        var keys = new ConnectorKeys();
        keys._metadata = await Loopback.StartAsync(app =>
        {
            app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new
            {
                issuer = BotTokenIssuers.BotFramework,
                jwks_uri = $"{keys.Url}/v1/keys",
                id_token_signing_alg_values_supported = new[] { "RS256" },
            }));
            app.MapGet("/v1/keys", () => Results.Json(new { keys = new[] { Jwk(keys.TeamsKey, "msteams", "emulator"), Jwk(keys.WebChatKey, "webchat") } }));
            app.MapGet($"/{Tenant}/v2.0/.well-known/openid-configuration", () => Results.Json(new { issuer = EntraIssuer, jwks_uri = $"{keys.Url}/{Tenant}/keys" }));
            app.MapGet($"/{Tenant}/keys", () => Results.Json(new { keys = new[] { Jwk(keys.EntraKey) } }));
        });
        keys.Url = keys._metadata.Urls.First();
        return keys;
    }

    /// <summary>A single-tenant bot with an app id, reading its keys here and answering the loopback connector (127.0.0.1).</summary>
    public Dictionary<string, string?> Settings(string clientSecret = "test-secret-not-used") => new()
    {
        ["Bot:AppId"] = AppId,
        ["Bot:AppType"] = "SingleTenant",
        ["Bot:TenantId"] = Tenant,
        ["Bot:ClientSecret"] = clientSecret,
        ["Bot:OpenIdMetadataUrl"] = $"{Url}/v1/.well-known/openidconfiguration",
        ["Bot:EntraMetadataUrl"] = Url + "/{tenant}/v2.0/.well-known/openid-configuration",
        // The loopback connector stands in for a Teams service host; "localhost" is deliberately not trusted.
        ["Bot:TrustedServiceUrlHosts:0"] = "127.0.0.1",
    };

    private static object Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var p = key.Rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", kid = key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent), endorsements };
    }

    /// <summary>A connector token for the bot, naming <paramref name="serviceUrl"/>, signed with <see cref="TeamsKey"/> unless another key is given.</summary>
    public string Token(string serviceUrl, SecurityKey? key = null, string issuer = BotTokenIssuers.BotFramework, string audience = AppId,
        DateTime? notBefore = null, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? DateTime.UtcNow.AddMinutes(-1),
            IssuedAt = notBefore ?? DateTime.UtcNow.AddMinutes(-1),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key ?? TeamsKey, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>An Entra ID token of the bot's tenant for the bot, requested by application <paramref name="caller"/>; no serviceurl claim.</summary>
    public string EntraToken(string caller) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = EntraIssuer,
            Audience = AppId,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["azp"] = caller, ["ver"] = "2.0", ["tid"] = Tenant },
            SigningCredentials = new SigningCredentials(EntraKey, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        await _metadata.StopAsync();
        await _metadata.DisposeAsync();
    }
}

/// <summary>A connector token provider that hands out the same token (the client-credentials flow itself needs Entra).</summary>
public sealed class FixedConnectorToken(string token) : EthicsBot.Teams.Connector.IConnectorTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
}
