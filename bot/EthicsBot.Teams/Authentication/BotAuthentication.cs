using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EthicsBot.Teams.Authentication;

/// <summary>
/// Who may post activities to the bot, on ASP.NET Core authentication. <see cref="Scheme"/> is a policy scheme that
/// forwards each request to one of three: without an app id, <see cref="LocalScheme"/> (this machine only); with one,
/// <see cref="EntraScheme"/> for a token whose issuer is the bot's Entra tenant, else <see cref="ConnectorScheme"/>.
/// Both bearer schemes are JwtBearer with a <see cref="ConfigurationManager{T}"/> over the issuer's OpenID metadata
/// (RSA signatures only, audience the app id, lifetime give or take five minutes); <see cref="BotTokenEvents"/> adds
/// the checks the Bot Framework asks for beyond the token itself. No default scheme is set: other schemes of the host
/// (the desk's) are untouched.
/// </summary>
public static class BotAuthentication
{
    public const string Scheme = "Bot";
    public const string ConnectorScheme = "BotConnector";
    public const string EntraScheme = "BotEntra";
    public const string LocalScheme = "BotLocal";

    /// <summary>The authorization policy of the messaging endpoint: a caller authenticated by <see cref="Scheme"/>.</summary>
    public const string Policy = "BotCaller";

    /// <summary>The clock skew the Bot Framework SDKs allow.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const string MetadataClient = "EthicsBot.Teams.OpenIdMetadata";

    /// <summary>The signing algorithms accepted on Entra and Bot Framework tokens: RSA only.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        // One long-lived client per metadata manager: connections are renewed by the handler, never the client rebuilt.
        services.AddHttpClient(MetadataClient, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new BotTokenIssuers(sp.GetRequiredService<IOptions<BotSettings>>().Value));
        services.AddSingleton<BotTokenEvents>();

        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "Bot Framework callers", options => options.ForwardDefaultSelector = SchemeFor)
            .AddJwtBearer(ConnectorScheme, _ => { })
            .AddJwtBearer(EntraScheme, _ => { })
            .AddScheme<AuthenticationSchemeOptions, LocalDevelopmentHandler>(LocalScheme, _ => { });

        services.AddOptions<JwtBearerOptions>(ConnectorScheme).Configure<IOptions<BotSettings>, IHttpClientFactory>((options, settings, http) =>
            Configure(options, settings.Value.OpenIdMetadataUrl.ToString(), [BotTokenIssuers.BotFramework], settings.Value.AppId, http));
        services.AddOptions<JwtBearerOptions>(EntraScheme).Configure<IOptions<BotSettings>, BotTokenIssuers, IHttpClientFactory>((options, settings, issuers, http) =>
        {
            var tenant = string.IsNullOrWhiteSpace(settings.Value.TenantId) ? "common" : settings.Value.TenantId;
            Configure(options, settings.Value.EntraMetadataUrl.Replace("{tenant}", tenant, StringComparison.Ordinal), issuers.Entra, settings.Value.AppId, http);
        });

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    private static string SchemeFor(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<BotSettings>>().Value.IsAuthenticated
            ? http.RequestServices.GetRequiredService<BotTokenIssuers>().SchemeFor(http.Request.Headers.Authorization)
            : LocalScheme;

    private static void Configure(JwtBearerOptions options, string metadataUrl, IReadOnlyList<string> issuers, string appId, IHttpClientFactory http)
    {
        options.MetadataAddress = metadataUrl;
        options.RequireHttpsMetadata = false; // the retriever below allows http to loopback only
        options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(),
            new HttpsOrLoopbackRetriever(http.CreateClient(MetadataClient)))
        {
            // Kept a day; a token naming a key not yet seen makes JwtBearer ask again, at most every five minutes.
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.IncludeErrorDetails = false; // the 401 says nothing of the library's reasons; the log names ours
        options.EventsType = typeof(BotTokenEvents);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = issuers,
            ValidateAudience = true,
            ValidAudience = appId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = Algorithms,
            ClockSkew = ClockSkew,
        };
    }
}
