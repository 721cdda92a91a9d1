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
/// audience the Application ID URI or the client id, lifetime — and then that a Teams or Microsoft 365 host got it for
/// the tab (<see cref="DeskTokenEvents"/>). Without it: the development scheme, loopback only. Either way membership
/// of an ethics office is checked on every request (<see cref="DeskMember"/>). A 401 of either is in our words.
/// </summary>
public static class DeskAuthentication
{
    public const string Scheme = "Desk";
    public const string Policy = "DeskMember";
    public const string DevHeader = "X-Desk-Dev";

    public const string EntraScheme = "DeskEntra";
    public const string DevScheme = "DeskDev";

    /// <summary>The scope the tab's SSO asks for: the one exposed on the Application ID URI (<c>Desk:Audience</c>), named in a token's <c>scp</c>.</summary>
    public const string TabScope = "access_as_user";

    /// <summary>
    /// The Microsoft 365 hosts that get a tab's SSO token, by the client id Microsoft documents for pre-authorising them
    /// ("Configure your tab app in Microsoft Entra ID"): the authorised client of every token the desk accepts, with
    /// <c>Desk:AllowedClients</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HostClients { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["1fec8e78-bce4-4aaf-ab1b-5451cc387264"] = "Teams desktop and mobile",
        ["5e3ce6c0-2b1f-4285-8d4b-75ee78787346"] = "Teams web",
        ["4765445b-32c6-49b0-83e6-1d93765276ca"] = "Microsoft 365 web",
        ["0ec893e0-5785-4de6-99da-4ed124e5296c"] = "Microsoft 365 desktop",
        ["d3590ed6-52b3-4102-aeff-aad2292ab01c"] = "Microsoft 365 mobile, Outlook desktop and mobile",
        ["bc59ab01-8403-45c6-8796-ac3ef710b3e3"] = "Outlook web",
        ["27922004-5251-4030-b22d-91ecd9a37ea4"] = "Outlook web and mobile",
    };

    /// <summary>What the desk's script shows on a 401 too: the desk is opened from Teams, which signs the person in.</summary>
    public const string SignInNeeded = "Open the desk from the EthicsBot app in Teams: it signs you in. A sign-in from anywhere else is not accepted.";

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
        services.AddSingleton<DeskTokenEvents>();
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
            options.IncludeErrorDetails = false; // the 401 says nothing of the library's reasons
            options.EventsType = typeof(DeskTokenEvents);
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

    /// <summary>A 401 in our words, for both schemes: not signed in, a bad token, or a token not got by Teams for the tab.</summary>
    public static Task SignInNeededAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content($"<h1>Sign-in needed</h1>{Html.Note(SignInNeeded, good: false)}", "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status401Unauthorized).ExecuteAsync(http);
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

        protected override Task HandleChallengeAsync(AuthenticationProperties properties) => SignInNeededAsync(Context);
    }
}
