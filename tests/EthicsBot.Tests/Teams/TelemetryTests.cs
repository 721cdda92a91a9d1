using System.Diagnostics;
using System.Net;
using System.Text;
using EthicsBot.Hosting;
using EthicsBot.Teams.Protocol;
using Activity = System.Diagnostics.Activity;
using EthicsBot.Teams.Telemetry;
using EthicsBot.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// A turn through /api/messages with OpenTelemetry's in-memory exporter: its trace holds the turn, the search, the
/// answer and the connector send, under the request; the metrics count it; nothing of what the user wrote is in a
/// span, a metric dimension or a log scope. (The bot's sources are process-wide: spans are picked by trace, and the
/// counts are at least this test's, since other tests' turns may be counted too.)
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly List<LogRecord> _logs = [];
    private LoopbackConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _bot = new BotFactory(services: services => Export(services));
    }

    private void Export(IServiceCollection services) =>
        services.AddBotOpenTelemetry().AddWebInstrumentation()
            .WithTracing(t => t.AddInMemoryExporter(_spans))
            .WithMetrics(m => m.AddInMemoryExporter(_metrics))
            .WithLogging(l => l.AddInMemoryExporter(_logs));

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_question_leaves_a_trace_of_the_turn_the_search_the_answer_and_the_send_and_counts_a_turn_and_an_answer()
    {
        const string question = "Can I accept a gift from a supplier?";

        await PostAsync(Activities.Message(_connector.ServiceUrl, question, id: "otel-question"));

        await _connector.WaitForAsync("message");
        var (turn, trace) = await TraceOfAsync("otel-question");
        Assert.Equal("message", turn.GetTagItem("teams.activity.type"));
        Assert.Equal("personal", turn.GetTagItem("teams.conversation.type"));
        // The turn runs on its conversation's lane, yet shows under the request that brought it.
        var request = Assert.Single(trace, s => s.SpanId == turn.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        foreach (var name in new[] { BotTelemetry.SearchSpan, BotTelemetry.AnswerSpan })
            Assert.True(IsUnder(Assert.Single(trace, s => s.OperationName == name), turn, trace), $"{name} is not under the turn");
        var send = Assert.Single(trace, s => s.OperationName == TeamsTelemetry.SendSpan && Equals(s.GetTagItem("teams.activity.type"), "message"));
        Assert.True(IsUnder(send, turn, trace));
        // The send's own HTTP call to the connector is under it.
        var call = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.ParentSpanId == send.SpanId);
        // Its URL keeps the call's shape, not the conversation it was for.
        Assert.Contains("/v3/conversations/{id}/activities", call.GetTagItem("url.full") as string, StringComparison.Ordinal);
        // (The loopback connector is an ASP.NET Core app in this process: its own request spans are the stand-in's, not the bot's.)
        var bots = trace.Where(s => !(s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string ?? "").StartsWith("/v3/", StringComparison.Ordinal)));
        Assert.DoesNotContain(bots.SelectMany(s => s.TagObjects), t => (t.Value?.ToString() ?? "").Contains("1on1-conversation", StringComparison.Ordinal));
        NoTextIn(trace, question, "supplier");

        Flush();
        Assert.True(Count("ethicsbot.turns", ("teams.activity.type", "message"), ("outcome", "ok")) >= 1);
        Assert.True(Count("ethicsbot.answers", ("ethicsbot.organization", "iom"), ("ethicsbot.answer.kind", "answer")) >= 1);
        Assert.Contains(_metrics, m => m.Name == "ethicsbot.turn.duration");
        OnlyTheseDimensions();

        Assert.All(_logs.SelectMany(l => ScopeOf(l).Values), v => Assert.DoesNotContain("supplier", v?.ToString() ?? "", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_handoff_turn_carries_no_text_and_is_counted()
    {
        const string report = "My supervisor Jonas Karlsen demanded a bribe from the fuel supplier in Gulu";

        await PostAsync(Activities.Message(_connector.ServiceUrl, report, id: "otel-report", name: "Jonas Reporter"));

        await _connector.WaitForAsync("message");
        var (_, trace) = await TraceOfAsync("otel-report");
        Assert.Contains(trace, s => s.OperationName == TeamsTelemetry.SendSpan);
        NoTextIn(trace, report, "Karlsen", "bribe", "Gulu", "Jonas");
        Flush();
        Assert.True(Count("ethicsbot.handoffs", ("ethicsbot.organization", "iom")) >= 1);
        OnlyTheseDimensions();
        Assert.All(_logs.SelectMany(l => ScopeOf(l).Values), v => Assert.DoesNotContain("Karlsen", v?.ToString() ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_turn_marks_its_span_with_the_exception_and_is_counted_as_failed()
    {
        await using var faulty = new BotFactory(services: services =>
        {
            Export(services);
            services.AddScoped<IBot, FaultyBot>();
        });
        using var client = faulty.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.Message(_connector.ServiceUrl, "Can I accept a gift?", id: "otel-faulty"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (turn, trace) = await TraceOfAsync("otel-faulty");
        Assert.Equal(ActivityStatusCode.Error, turn.Status);
        var exception = Assert.Single(turn.Events, e => e.Name == "exception");
        Assert.Contains(exception.Tags, t => t.Key == "exception.message" && Equals(t.Value, FaultyBot.Fault));
        // The apology went out inside the failed turn.
        Assert.Contains(trace, s => s.OperationName == TeamsTelemetry.SendSpan && IsUnder(s, turn, trace));
        // The error line was written in the turn's scope: activity id and type, channel, conversation type; no text.
        var line = Assert.Single(_logs, l => l.LogLevel == Microsoft.Extensions.Logging.LogLevel.Error && Equals(ScopeOf(l).GetValueOrDefault("ActivityId"), "otel-faulty"));
        Assert.Equal(FaultyBot.Fault, line.Exception?.Message);
        var scope = ScopeOf(line);
        Assert.Equal(("message", "msteams", "personal"), (scope["ActivityType"], scope["ChannelId"], scope["ConversationType"]));
        Assert.DoesNotContain(scope.Values, v => (v?.ToString() ?? "").Contains("gift", StringComparison.OrdinalIgnoreCase));
        faulty.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.True(Count("ethicsbot.turns", ("teams.activity.type", "message"), ("outcome", "failed")) >= 1);
    }

    private sealed class FaultyBot : IBot
    {
        public const string Fault = "a fault deep in the bot";

        public Task<InvokeResponse?> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) => throw new InvalidOperationException(Fault);
    }

    private async Task PostAsync(string json)
    {
        using var client = _bot.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The turn span of the activity and every span of its trace, once the sends under it have ended.</summary>
    private async Task<(Activity Turn, List<Activity> Trace)> TraceOfAsync(string activityId)
    {
        for (var waited = 0; ; waited += 50)
        {
            List<Activity> spans;
            lock (_spans)
                spans = [.. _spans];
            if (spans.FirstOrDefault(s => s.OperationName == TeamsTelemetry.TurnSpan && Equals(s.GetTagItem("teams.activity.id"), activityId)) is { } turn)
            {
                var trace = spans.Where(s => s.TraceId == turn.TraceId).ToList();
                // The request span ends after the turn's; the typing indicator's send may end after both.
                if (trace.Any(s => s.SpanId == turn.ParentSpanId) || waited > 10_000)
                    return (turn, trace);
            }
            Assert.True(waited < 15_000, $"no turn span for {activityId}");
            await Task.Delay(50);
        }
    }

    private static bool IsUnder(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId)
                return true;
            var next = trace.FirstOrDefault(s => s.SpanId == parent);
            if (next is null)
                return false;
            parent = next.ParentSpanId;
        }
        return false;
    }

    /// <summary>No tag and no event of any span holds the text or any of its telling words.</summary>
    private static void NoTextIn(List<Activity> trace, params string[] words)
    {
        var values = trace.SelectMany(s => s.TagObjects.Concat(s.Events.SelectMany(e => e.Tags)).Select(t => $"{s.OperationName} {t.Key}={t.Value}")).ToList();
        Assert.NotEmpty(values);
        foreach (var word in words)
            Assert.DoesNotContain(values, v => v.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    private void Flush() => _bot.Services.GetRequiredService<MeterProvider>().ForceFlush();

    private long Count(string name, params (string Key, string Value)[] tags)
    {
        long sum = 0;
        foreach (var metric in _metrics.Where(m => m.Name == name))
            foreach (var point in metric.GetMetricPoints())
                if (tags.All(t => HasTag(point, t.Key, t.Value)))
                    sum += point.GetSumLong();
        return sum;
    }

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key && Equals(tag.Value, value))
                return true;
        return false;
    }

    /// <summary>The bot's metrics are cut by type, outcome, organisation, kind and form only: never a conversation, a person or text.</summary>
    private void OnlyTheseDimensions()
    {
        string[] allowed = ["teams.activity.type", "outcome", "ethicsbot.organization", "ethicsbot.answer.kind", "ethicsbot.form"];
        foreach (var metric in _metrics.Where(m => m.MeterName is BotTelemetry.Name or TeamsTelemetry.Name))
            foreach (ref readonly var point in metric.GetMetricPoints())
                foreach (var tag in point.Tags)
                    Assert.Contains(tag.Key, allowed);
    }

    private static Dictionary<string, object?> ScopeOf(LogRecord record)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        record.ForEachScope((scope, state) =>
        {
            foreach (var pair in scope)
                state[pair.Key] = pair.Value;
        }, values);
        return values;
    }
}
