using Azure.Core;
using EthicsBot.Teams.Protocol;
using EthicsBot.Teams.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Teams.Connector;

/// <summary>
/// Registers the outbound side: the bot's credential (once), its connector token, and the typed
/// <see cref="ConnectorClient"/> through <c>IHttpClientFactory</c> — standard resilience handler outside, token handler
/// inside, so every attempt carries a fresh token. The client is one long-lived instance (it keeps each conversation's
/// sends in order); its pooled connections are renewed every few minutes, so DNS changes are still seen.
/// </summary>
public static class ConnectorServiceExtensions
{
    /// <summary>The name of the connector's HttpClient (its calls are logged by <see cref="HttpCallLogging"/>).</summary>
    public const string HttpClientName = "EthicsBot.Teams.Connector";

    /// <summary>The key of the bot's own <see cref="TokenCredential"/>, apart from any credential the host registers for its Azure services.</summary>
    public const string BotCredentialKey = "EthicsBot.Teams.Bot";

    /// <summary>Needs <c>IOptions&lt;BotSettings&gt;</c>. A host (or a test) may register its own token provider or retry settings first.</summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ServiceUrlPolicy(sp.GetRequiredService<IOptions<BotSettings>>().Value));
        services.TryAddKeyedSingleton<TokenCredential>(BotCredentialKey, (sp, _) =>
            CredentialConnectorToken.CredentialFor(sp.GetRequiredService<IOptions<BotSettings>>().Value));
        services.TryAddSingleton<IConnectorTokenProvider>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<BotSettings>>().Value;
            return settings.IsAuthenticated
                ? new CredentialConnectorToken(sp.GetRequiredKeyedService<TokenCredential>(BotCredentialKey), settings.ConnectorScope, sp.GetRequiredService<TimeProvider>())
                : new NoConnectorToken();
        });
        services.TryAddSingleton<ConnectorRetry>();
        services.AddTransient<ConnectorTokenHandler>();
        // Every client of the host (the connector's, the key metadata's, any other) logs one line per call and never a
        // header: the factory's own logging carries the token's value in its log state, whatever it redacts in the text.
        services.AddHttpCallLogging();

        var client = services.AddHttpClient<ConnectorClient>(HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan) // the resilience handler's timeouts govern
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // One pipeline (and circuit breaker) per connector host: one region failing does not pause sends to the others.
        client.AddStandardResilienceHandler()
            .Configure((options, sp) => sp.GetRequiredService<ConnectorRetry>().Apply(options, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ConnectorClient>>()))
            .SelectPipelineByAuthority();
        client.AddHttpMessageHandler<ConnectorTokenHandler>();
        services.TryAddSingleton<IConnectorClient>(sp => sp.GetRequiredService<ConnectorClient>());
        return services;
    }
}
