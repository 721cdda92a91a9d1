namespace EthicsBot.Features.Campaigns;

/// <summary>Installing is not configured: a person without the app is counted as such.</summary>
public sealed class NoAppInstaller : IAppInstaller
{
    public bool Enabled => false;

    public Task<bool> TryInstallAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(false);
}
