using EthicsBot.Teams.Authentication;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Teams.Hosting;

/// <summary>Registers the protocol: settings, inbound authentication, the connector client, deduplication and the turn queue.</summary>
public static partial class TeamsServiceExtensions
{
    public static IServiceCollection AddTeamsBot<TBot>(this IServiceCollection services, IConfiguration configuration)
        where TBot : class, IBot
    {
        services.AddOptions<BotSettings>()
            .Bind(configuration.GetSection(BotSettings.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotSettings>, BotSettingsValidation>();

        services.TryAddSingleton(TimeProvider.System);
        // Inbound: who may post activities (the connector, the bot's Entra tenant, or this machine without an app id),
        // checked against the activity the endpoint reads.
        services.AddBotAuthentication();
        services.AddSingleton<ActivityOriginReader>(ActivityRequest.OriginAsync);

        // Outbound: the typed connector client through IHttpClientFactory, the bot's token, retries honouring Retry-After.
        services.AddBotConnector();

        // Deduplication in this process unless the app registers a shared ledger (several instances).
        services.TryAddSingleton<IActivityLedger>(_ => new MemoryActivityLedger());
        services.AddSingleton<ActivityGate>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivityGate>());
        services.AddSingleton<TurnQueue>();
        // Registered last of the bot's services, so it is stopped first: turns drain before what they write to stops.
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        services.AddHostedService<LocalModeWarning>();
        services.AddScoped<IBot, TBot>();
        return services;
    }

    /// <summary>Names each missing or wrong <c>Bot</c> setting when the host starts.</summary>
    private sealed class BotSettingsValidation : IValidateOptions<BotSettings>
    {
        public ValidateOptionsResult Validate(string? name, BotSettings options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <summary>Says at start, loudly, that the bot runs unauthenticated (local development).</summary>
    private sealed partial class LocalModeWarning(IOptions<BotSettings> settings, ILogger<LocalModeWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!settings.Value.IsAuthenticated)
                LogLocalMode(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Bot:AppId is not set: local development mode. /api/messages accepts requests without a token, from this machine only and never from a web page, and sends no token. Never run this way in production.")]
        private static partial void LogLocalMode(ILogger logger);
    }
}
