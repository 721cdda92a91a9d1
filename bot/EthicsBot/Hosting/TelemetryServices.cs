using Azure.Monitor.OpenTelemetry.AspNetCore;
using EthicsBot.Teams.Telemetry;
using EthicsBot.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EthicsBot.Hosting;

/// <summary>
/// Logs, traces and metrics through OpenTelemetry: to Azure Monitor (Application Insights) when App Service has its
/// connection string (infra/main.bicep sets it), to the console when <c>Telemetry:Console</c> is on. With neither,
/// nothing is registered: no span is even created and a metric costs a branch.
/// </summary>
public static class TelemetryServices
{
    /// <summary>The app setting the Bicep gives the web app: Application Insights' connection string.</summary>
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The service name spans, metrics and logs carry (<c>cloud_RoleName</c> in Application Insights).</summary>
    public const string ServiceName = "EthicsBot";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Read here, not through options: it decides what is registered. A value that is not a boolean stops the start, naming the key.
        var toConsole = builder.Configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>()?.Console ?? false;
        var connectionString = builder.Configuration[ConnectionStringKey];
        var toAzure = !string.IsNullOrWhiteSpace(connectionString);
        if (!toAzure && !toConsole)
            return builder;

        var telemetry = builder.Services.AddBotOpenTelemetry();
        if (toAzure)
            // The distro brings its own ASP.NET Core and HttpClient instrumentation and exports logs too.
            telemetry.UseAzureMonitor(azure => azure.ConnectionString = connectionString);
        else
            telemetry.AddWebInstrumentation();
        if (toConsole)
            telemetry.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter()).WithLogging(l => l.AddConsoleExporter());
        return builder;
    }

    /// <summary>OpenTelemetry listening to the bot's and the protocol's spans and meters, logs with their scopes; the exporters are the caller's.</summary>
    public static OpenTelemetryBuilder AddBotOpenTelemetry(this IServiceCollection services)
    {
        // Outgoing calls' URLs name conversations and activities (/v3/conversations/{id}/activities/{id}): a trace
        // keeps the call's shape, not whose conversation it was.
        services.Configure<OpenTelemetry.Instrumentation.Http.HttpClientTraceInstrumentationOptions>(http =>
            http.EnrichWithHttpRequestMessage = (span, request) => span.SetTag("url.full", TeamsTelemetry.UrlShape(request.RequestUri)));
        return services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource(BotTelemetry.Name, TeamsTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(BotTelemetry.Name, TeamsTelemetry.Name))
            .WithLogging(configureBuilder: null, configureOptions: logging => logging.IncludeScopes = true);
    }

    /// <summary>Incoming requests (the turn's parent span) and outgoing HTTP (the connector, Azure), as spans and metrics.</summary>
    public static OpenTelemetryBuilder AddWebInstrumentation(this OpenTelemetryBuilder telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        return telemetry
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
    }
}
