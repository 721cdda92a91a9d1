namespace EthicsBot.Features.Campaigns;

/// <summary>
/// Installing the app for people who do not have it (section <c>Campaigns:Graph</c>). Needs the Microsoft Graph
/// application permission <c>TeamsAppInstallation.ReadWriteSelfForUser.All</c>, granted by an administrator to the bot's
/// Entra app (its client secret) or to its managed identity; see docs/campaigns.md.
/// </summary>
public sealed class GraphInstallSettings
{
    public bool InstallApp { get; set; }

    /// <summary>The app's id in the organisation's Teams app catalog (not the manifest's id when the app was uploaded by the organisation).</summary>
    public string TeamsAppId { get; set; } = "";

    /// <summary>Microsoft Graph's address (a national cloud's, or a loopback stand-in in tests).</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>How long after installing the card waits for Teams to announce the installation before it is tried again.</summary>
    public double WaitSeconds { get; set; } = 60;
}
