using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using EthicsBot.Hosting;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using Activity = System.Diagnostics.Activity;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// No secret in any log or telemetry at any level: a turn of a bot with an app id, every category at Trace (HttpClient's
/// too, as an operator chasing a fault would set it), exported through OpenTelemetry's in-memory exporter; then every
/// record's attributes, formatted message, body, scopes and exception, every span's tags and events, and every line of
/// the plain log are searched for the bot's outbound connector token, the inbound token and the client secret.
/// </summary>
public sealed class SecretsInTelemetryTests
{
    private const string OutboundToken = "eyJ0eXAiOiJKV1QifQ.outbound-connector-token.c2VjcmV0LXNpZ25hdHVyZS01YjFmMGM";
    private const string ClientSecret = "client-secret-7d2e9a-never-logged";

    [Fact]
    public async Task A_turn_at_Trace_leaves_no_token_or_client_secret_in_any_log_record_span_or_line()
    {
        await using var keys = await ConnectorKeys.StartAsync();
        await using var connector = await LoopbackConnector.StartAsync();
        var records = new List<LogRecord>();
        var spans = new List<Activity>();
        var settings = keys.Settings(ClientSecret);
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace";
        await using var bot = new BotFactory(settings, services =>
        {
            services.AddSingleton<IConnectorTokenProvider>(new FixedConnectorToken(OutboundToken));
            services.AddBotOpenTelemetry().AddWebInstrumentation()
                .WithTracing(t => t.AddInMemoryExporter(spans))
                .WithLogging(l => l.AddInMemoryExporter(records), o => o.IncludeFormattedMessage = true);
        });
        var inbound = keys.Token(connector.ServiceUrl);
        using var client = bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Activities.Message(connector.ServiceUrl, "Can I accept a gift from a supplier?", id: "secret-turn"), Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", inbound) },
        };

        connector.FailNext(503, retryAfter: "0"); // a retry too: the resilience pipeline logs its attempts
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await connector.WaitForAsync("message");
        Assert.All(replies, r => Assert.Equal("Bearer " + OutboundToken, r.Authorization)); // the token did go out, through the logged client
        await Task.Delay(300); // the typing indicator's send and the request's span end around the reply
        List<LogRecord> logged;
        lock (records)
            logged = [.. records];
        // The calls to the connector were logged by HttpClient's category: the path that carried the token's value.
        Assert.Contains(logged, r => r.CategoryName?.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) == true
                                     && (r.FormattedMessage ?? "").Contains("/v3/conversations/", StringComparison.Ordinal));

        Assert.Contains(bot.Logs.Lines, l => l.Contains("retrying in", StringComparison.Ordinal));

        string[] secrets = [OutboundToken, inbound, inbound.Split('.')[2], ClientSecret];
        foreach (var (where, text) in logged.SelectMany(Texts).Concat(SpanTexts(spans)).Concat(bot.Logs.Lines.Select(l => ("line", l))))
            foreach (var secret in secrets)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret in {where}: {text}");
    }

    [Fact]
    public async Task Any_client_of_the_host_logs_no_header_and_no_body_at_Trace()
    {
        // Not only the connector's: an API key, cookies both ways and a client secret in a form body, on a client of its own.
        var logs = new StateLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddHttpCallLogging();
        services.AddHttpClient("other").ConfigurePrimaryHttpMessageHandler(() => new Answering());
        await using var provider = services.BuildServiceProvider();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://login.example/tenant/oauth2/v2.0/token?code=query-secret-3")
        {
            Content = new StringContent("grant_type=client_credentials&client_secret=" + ClientSecret + "&client_assertion=assertion-secret-1"),
            Headers = { Authorization = new("Bearer", OutboundToken) },
        };
        request.Headers.Add("api-key", "api-key-secret-2");
        request.Headers.Add("Cookie", "session=cookie-secret-4");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("other").SendAsync(request);

        foreach (var secret in new[] { OutboundToken, ClientSecret, "assertion-secret-1", "api-key-secret-2", "query-secret-3", "cookie-secret-4", "set-cookie-secret-5" })
            Assert.DoesNotContain(logs.Texts, t => t.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(logs.Texts, t => t.Contains("HTTP POST https://login.example/tenant/oauth2/v2.0/token answered 200", StringComparison.Ordinal));
    }

    private sealed class Answering : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"access_token\":\"" + OutboundToken + "\"}") };
            response.Headers.Add("Set-Cookie", "session=set-cookie-secret-5");
            return Task.FromResult(response);
        }
    }

    /// <summary>Every log entry's message, state pairs (lists spelled out) and scopes, as text.</summary>
    private sealed class StateLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public IReadOnlyList<string> Texts => [.. _texts];

        public ILogger CreateLogger(string categoryName) => new Logger(_texts);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> texts) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                texts.Enqueue(Spell(state));
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                texts.Enqueue($"{formatter(state, exception)} | {Spell(state)} | {exception}");
        }
    }

    /// <summary>Everything a log record carries, as text: attributes (lists and dictionaries spelled out), message, body, scopes, exception.</summary>
    private static IEnumerable<(string Where, string Text)> Texts(LogRecord record)
    {
        var where = $"{record.CategoryName} {record.LogLevel}";
        yield return (where + " message", record.FormattedMessage ?? "");
        yield return (where + " body", record.Body ?? "");
        yield return (where + " exception", record.Exception?.ToString() ?? "");
        foreach (var attribute in record.Attributes ?? [])
            yield return ($"{where} attribute {attribute.Key}", Spell(attribute.Value));
        var scopes = new List<(string, string)>();
        record.ForEachScope((scope, found) =>
        {
            found.Add((where + " scope", Spell(scope.Scope)));
            foreach (var pair in scope)
                found.Add(($"{where} scope {pair.Key}", Spell(pair.Value)));
        }, scopes);
        foreach (var scope in scopes)
            yield return scope;
    }

    private static IEnumerable<(string Where, string Text)> SpanTexts(List<Activity> spans)
    {
        List<Activity> all;
        lock (spans)
            all = [.. spans];
        foreach (var span in all)
            foreach (var tag in span.TagObjects.Concat(span.Events.SelectMany(e => e.Tags)))
                yield return ($"span {span.OperationName} {tag.Key}", Spell(tag.Value));
    }

    /// <summary>A value as an exporter could write it: its text, and each element of a list or a dictionary.</summary>
    private static string Spell(object? value) => value switch
    {
        null => "",
        string s => s,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join("; ", pairs.Select(p => $"{p.Key}={Spell(p.Value)}")) + " " + value,
        IEnumerable items => string.Join("; ", items.Cast<object?>().Select(Spell)) + " " + value,
        _ => value.ToString() ?? "",
    };
}
