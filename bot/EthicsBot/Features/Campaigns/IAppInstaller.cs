namespace EthicsBot.Features.Campaigns;

/// <summary>
/// Installs the app for a person who does not have it yet, so a campaign can reach them (Microsoft Graph, behind
/// <c>Campaigns:Graph:InstallApp</c>); once installed, Teams tells the bot, which keeps their chat and sends the card.
/// </summary>
public interface IAppInstaller
{
    /// <summary>Whether installing is configured at all.</summary>
    bool Enabled { get; }

    /// <summary>True when the app is installed for the person now (or was already); false when it cannot be (no such person, not allowed).</summary>
    Task<bool> TryInstallAsync(string userId, CancellationToken cancellationToken);
}
