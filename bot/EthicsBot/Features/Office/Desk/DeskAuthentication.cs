using EthicsBot.Teams.Authentication;
using System.Security.Claims;
using System.Text.Encodings.Web;
using EthicsBot.Teams;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// Who is at the desk. With <c>Desk:Audience</c>: the Entra ID token Teams SSO gives the tab (getAuthToken), checked
/// by ASP.NET Core's JwtBearer — signature from the tenant's OpenID metadata, issuer of that tenant (v1 or v2),
/// audience the Application ID URI or the client id, lifetime. Without it: the development scheme, loopback only.
/// Either way membership of an ethics office is checked on every request (<see cref="DeskMember"/>).
/// </summary>
public static class DeskAuthentication
{
    public const string Scheme = "Desk";
    public const string Policy = "DeskMember";
    public const string DevHeader = "X-Desk-Dev";

    public const string EntraScheme = "DeskEntra";
    public const string DevScheme = "DeskDev";

    /// <summary>
    /// Both schemes are registered and <see cref="Scheme"/> forwards to one, chosen from <c>Desk:Audience</c> when a
    /// request comes (configuration is complete only once the host is built).
    /// </summary>
    public static IServiceCollection AddDeskAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "Ethics office desk", options => options.ForwardDefaultSelector = http =>
                http.RequestServices.GetRequiredService<IOptions<DeskSettings>>().Value.UsesEntra ? EntraScheme : DevScheme)
            .AddJwtBearer(EntraScheme, _ => { })
            .AddScheme<AuthenticationSchemeOptions, DevDeskHandler>(DevScheme, _ => { });
        services.AddOptions<JwtBearerOptions>(EntraScheme).Configure<IOptions<DeskSettings>, IOptions<BotSettings>>((options, deskOptions, botOptions) =>
        {
            var desk = deskOptions.Value;
            var tenant = FirstOf(desk.TenantId, botOptions.Value.TenantId);
            var clientId = FirstOf(desk.ClientId, botOptions.Value.AppId);
            var metadata = desk.MetadataUrl.Replace("{tenant}", tenant, StringComparison.Ordinal);
            options.MetadataAddress = metadata;
            options.RequireHttpsMetadata = !Uri.TryCreate(metadata, UriKind.Absolute, out var uri) || !uri.IsLoopback;
            options.MapInboundClaims = false;
            options.SaveToken = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuers = BotTokenIssuers.EntraIssuers(tenant),
                ValidateAudience = true,
                ValidAudiences = string.IsNullOrWhiteSpace(clientId) ? [desk.Audience] : [desk.Audience, clientId],
                ValidateLifetime = true,
                ClockSkew = BotAuthentication.ClockSkew,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidAlgorithms = BotAuthentication.Algorithms,
                NameClaimType = "name",
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>What is wrong with the desk's settings, each naming its key.</summary>
    public static IEnumerable<string> Problems(DeskSettings desk, BotSettings bot)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(bot);
        if (!desk.UsesEntra)
            yield break;
        if (!Guid.TryParse(FirstOf(desk.TenantId, bot.TenantId), out _))
            yield return "Desk:TenantId (or Bot:TenantId) must be the Entra tenant id (a GUID) when Desk:Audience is set.";
        if (!Uri.TryCreate(desk.Audience, UriKind.Absolute, out _))
            yield return "Desk:Audience must be the tab's Application ID URI, e.g. api://<domain>/<app id>.";
        if (!Uri.TryCreate(desk.MetadataUrl.Replace("{tenant}", "t", StringComparison.Ordinal), UriKind.Absolute, out var metadata) || (metadata.Scheme != Uri.UriSchemeHttps && !metadata.IsLoopback))
            yield return "Desk:MetadataUrl must be an https URL.";
    }

    private static string FirstOf(string a, string b) => string.IsNullOrWhiteSpace(a) ? b : a;

    /// <summary>The Entra object id of the person: <c>oid</c> in Entra tokens.</summary>
    public static string? ObjectId(ClaimsPrincipal user) =>
        user.FindFirst("oid")?.Value ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value;

    /// <summary>
    /// Local development: a request from this machine that carries <see cref="DevHeader"/> (a header another site's
    /// page cannot send without a CORS preflight, which the desk never allows) acts as <c>Desk:DevMember</c>.
    /// Anything else — another machine, no header, no dev member configured, a bot with an app id — is not signed in: 401.
    /// </summary>
    private sealed class DevDeskHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<DeskSettings> desk, IOptions<BotSettings> bot)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var remote = Context.Connection.RemoteIpAddress;
            var member = desk.Value.DevMember;
            if (desk.Value.UsesEntra || string.IsNullOrWhiteSpace(member) || bot.Value.IsAuthenticated || (remote is not null && !System.Net.IPAddress.IsLoopback(remote)) || !Request.Headers.ContainsKey(DevHeader))
                return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim("oid", member), new Claim("name", "Local development")], DeskAuthentication.Scheme, "name", null);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), DeskAuthentication.Scheme)));
        }
    }
}
