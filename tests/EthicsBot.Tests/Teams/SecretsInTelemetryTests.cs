using System.Collections;
using System.Net;
using System.Text;
using EthicsBot.Hosting;
using EthicsBot.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
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
