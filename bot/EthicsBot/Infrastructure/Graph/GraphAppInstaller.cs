using Azure.Core;
using EthicsBot.Features.Campaigns;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Authentication.Azure;

namespace EthicsBot.Infrastructure.Graph;

/// <summary>
/// Installs the app in a person's personal scope with Microsoft Graph (<c>POST /users/{id}/teamwork/installedApps</c>,
/// application permission <c>TeamsAppInstallation.ReadWriteSelfForUser.All</c>). Already installed (409) counts as
/// installed; no such person (404) or no permission (403) as not installable, logged once a kind for the administrator.
/// </summary>
public sealed partial class GraphAppInstaller : IAppInstaller
{
    private readonly GraphServiceClient _graph;
    private readonly string _catalogApp;
    private readonly ILogger<GraphAppInstaller> _logger;

    public GraphAppInstaller(GraphInstallSettings settings, TokenCredential credential, ILogger<GraphAppInstaller> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = new Uri(settings.BaseUrl.TrimEnd('/'));
        // The token goes to Graph's own host (or the configured one) only.
        // The token is for the Graph the settings name (a national cloud has its own), and goes to that host only.
        var authentication = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [baseUrl.Host], scopes: [$"{baseUrl.Scheme}://{baseUrl.Authority}/.default"]);
        _graph = new GraphServiceClient(authentication, baseUrl.ToString());
        _catalogApp = $"{baseUrl}/appCatalogs/teamsApps/{settings.TeamsAppId}";
        _logger = logger;
    }

    public bool Enabled => true;

    public async Task<bool> TryInstallAsync(string userId, CancellationToken cancellationToken)
    {
        var installation = new UserScopeTeamsAppInstallation { AdditionalData = new Dictionary<string, object> { ["teamsApp@odata.bind"] = _catalogApp } };
        try
        {
            await _graph.Users[userId].Teamwork.InstalledApps.PostAsync(installation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 409)
        {
            return true; // installed already: Teams has told the bot, or will
        }
        catch (ODataError e) when (e.ResponseStatusCode is 400 or 403 or 404)
        {
            LogRefused(_logger, e.ResponseStatusCode, e.Error?.Code ?? "", e.Error?.Message ?? "");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaigns: Microsoft Graph refused to install the app for a person (HTTP {Status} {Code}: {Problem}); check Campaigns:Graph:TeamsAppId and the TeamsAppInstallation.ReadWriteSelfForUser.All permission")]
    private static partial void LogRefused(ILogger logger, int status, string code, string problem);
}
