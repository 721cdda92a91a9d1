using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Teams.Telemetry;

/// <summary>
/// What every <c>IHttpClientFactory</c> client of the host logs, in place of the factory's own logging: one line per
/// attempt (method, the URL's shape as <see cref="TeamsTelemetry.UrlShape"/> gives it, status, time), never a header,
/// a query or a body. The factory's logging writes each header into its log state, the key/value pairs an exporter
/// (OpenTelemetry, Azure Monitor, the JSON console) writes out, with its value: the connector token in
/// <c>Authorization</c> included, even though the formatted message shows it as <c>*</c>; <c>RedactLoggedHeaders</c>
/// changes only that message (measured: <c>SecretsInTelemetryTests</c>). The lines keep the category
/// <see cref="Category"/>, so <c>Logging:LogLevel:System.Net.Http.HttpClient</c> still governs them.
/// </summary>
public static partial class HttpCallLogging
{
    /// <summary>The log category of the lines, HttpClient's own.</summary>
    public const string Category = "System.Net.Http.HttpClient";

    /// <summary>Replaces the factory's logging of every client, registered now or later, with <see cref="HttpCallLogger"/>.</summary>
    public static IServiceCollection AddHttpCallLogging(this IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client
            .RemoveAllLoggers()
            .AddLogger(sp => new HttpCallLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger(Category))));

    private sealed partial class HttpCallLogger(ILogger logger) : IHttpClientLogger
    {
        public object? LogRequestStart(HttpRequestMessage request) => null;

        public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
            LogAnswered(logger, request.Method.Method, TeamsTelemetry.UrlShape(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

        public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
            LogFailed(logger, request.Method.Method, TeamsTelemetry.UrlShape(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Url} answered {StatusCode} after {ElapsedMs} ms")]
        private static partial void LogAnswered(ILogger logger, string method, string? url, int statusCode, double elapsedMs);

        [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Url} failed after {ElapsedMs} ms ({Error})")]
        private static partial void LogFailed(ILogger logger, string method, string? url, string error, double elapsedMs);
    }
}
