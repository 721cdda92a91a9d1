using EthicsBot.Teams;
using EthicsBot.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Tests.Teams;

/// <summary>The connector client as the bot registers it (typed client, resilience handler, token handler), on its own.</summary>
public static class ConnectorPipeline
{
    public static ServiceProvider Build(BotSettings settings, IConnectorTokenProvider tokens, ILoggerProvider? logs = null, ConnectorRetry? retry = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
                logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        });
        services.AddSingleton(Options.Create(settings));
        services.AddSingleton(tokens);
        if (retry is not null)
            services.AddSingleton(retry);
        services.AddBotConnector();
        return services.BuildServiceProvider();
    }
}
