using Azure.Core;
using Azure.Identity;

namespace EthicsBot.Teams.Connector;

/// <summary>Supplies the Bearer token for calls to the Bot Connector, or null when the bot runs without an app id.</summary>
public interface IConnectorTokenProvider
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Local development: no app id, so no token is ever sent.</summary>
public sealed class NoConnectorToken : IConnectorTokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}

/// <summary>
/// A client-credentials (or managed identity) token for the connector, kept until five minutes before it expires
/// (or until the identity platform's suggested refresh time), then fetched anew by one caller while the rest wait.
/// </summary>
public sealed class CredentialConnectorToken(TokenCredential credential, string scope, TimeProvider time) : IConnectorTokenProvider
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(_token))
            return _token!.Value.Token;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh(_token))
                _token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
            return _token!.Value.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(AccessToken? token)
    {
        if (token is not { } t)
            return false;
        var now = time.GetUtcNow();
        if (t.RefreshOn is { } refreshOn && now >= refreshOn)
            return false;
        return now < t.ExpiresOn - RefreshMargin;
    }

    /// <summary>The credential for the configured app type: a client secret, or the user-assigned managed identity.</summary>
    public static TokenCredential CredentialFor(BotSettings settings) => settings.AppType switch
    {
        "UserAssignedMSI" => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.AppId)),
        // Multi-tenant bots get their connector token from the Bot Framework's own tenant.
        "MultiTenant" => new ClientSecretCredential("botframework.com", settings.AppId, settings.ClientSecret),
        _ => new ClientSecretCredential(settings.TenantId, settings.AppId, settings.ClientSecret),
    };
}
