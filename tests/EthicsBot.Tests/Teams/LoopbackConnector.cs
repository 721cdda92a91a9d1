using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EthicsBot.Tests.Teams;

/// <summary>One request the bot made to the connector stand-in.</summary>
public sealed record ConnectorCall(string Method, string Path, string? Authorization, JsonElement Body)
{
    /// <summary>When the call arrived (the connector's clock).</summary>
    public DateTimeOffset ArrivedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>When the connector answered it (after any delay), or null while it has not.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    public string? Type => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("type", out var t) ? t.GetString() : null;

    /// <summary>The content of the first Adaptive Card attachment, if any.</summary>
    public JsonElement? Card =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("attachments", out var a) && a.GetArrayLength() > 0 && a[0].TryGetProperty("content", out var c) ? c : null;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for the Bot Connector: it records every call the bot makes and
/// answers like the connector (an id), or with the failures a test queues.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private readonly ConcurrentQueue<(string Type, TimeSpan Delay)> _delays = new();
    private int _ids;

    private LoopbackConnector() => _app = null!;

    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    public static async Task<LoopbackConnector> StartAsync()
    {
        var connector = new LoopbackConnector();
        connector._app = await Loopback.StartAsync(app => app.Run(connector.HandleAsync));
        connector.ServiceUrl = connector._app.Urls.First() + "/";
        return connector;
    }

    /// <summary>The next calls answer with these statuses (e.g. 429 with Retry-After) before succeeding again.</summary>
    public void FailNext(int status, string? retryAfter = null) => _failures.Enqueue((status, retryAfter));

    /// <summary>The next call of this activity type is answered only after <paramref name="delay"/> (a slow connector).</summary>
    public void DelayNext(string type, TimeSpan delay) => _delays.Enqueue((type, delay));

    /// <summary>A failure for a call (status and Retry-After), decided call by call; null answers it as usual.</summary>
    public Func<ConnectorCall, (int Status, string? RetryAfter)?>? Fail { get; set; }

    /// <summary>Every call is answered only after this long (a connector slow for everyone).</summary>
    public TimeSpan DelayAll { get; set; }

    /// <summary>Waits until at least <paramref name="count"/> calls of this activity type arrived (or times out).</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(string type, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = Calls.Where(c => c.Type == type).ToList();
            if (found.Count >= count)
                return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"expected {count} '{type}' call(s) to the connector, got {Calls.Count(c => c.Type == type)}: {string.Join(", ", Calls.Select(c => c.Type))}");
    }

    /// <summary>The members of each team (id → members), served two a page by <c>GET …/pagedmembers</c> with continuation tokens.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<object>> Rosters { get; } = new(StringComparer.Ordinal);

    private async Task HandleAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await HandleGetAsync(context);
            return;
        }
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var call = new ConnectorCall(context.Request.Method, context.Request.Path.Value!, context.Request.Headers.Authorization.FirstOrDefault(), body.RootElement.Clone());
        _calls.Enqueue(call);
        var delay = DelayAll;
        if (_delays.TryPeek(out var next) && next.Type == call.Type && _delays.TryDequeue(out next))
            delay += next.Delay;
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay);
        call.AnsweredAt = DateTimeOffset.UtcNow;
        var answer = _failures.TryDequeue(out var queued) ? queued : Fail?.Invoke(call);
        if (answer is { } failure)
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            return;
        }
        if (context.Request.Path.Value == "/v3/conversations")
        {
            // A personal chat opened for its one member.
            await context.Response.WriteAsJsonAsync(new { id = "a:opened-" + call.Body.GetProperty("members")[0].GetProperty("id").GetString() });
            return;
        }
        await context.Response.WriteAsJsonAsync(new { id = $"activity-{Interlocked.Increment(ref _ids)}" });
    }

    private async Task HandleGetAsync(HttpContext context)
    {
        _calls.Enqueue(new ConnectorCall(context.Request.Method, context.Request.Path.Value! + context.Request.QueryString, context.Request.Headers.Authorization.FirstOrDefault(), default));
        var segments = context.Request.Path.Value!.Split('/');
        if (segments is not [_, "v3", "conversations", var team, "pagedmembers"] || !Rosters.TryGetValue(Uri.UnescapeDataString(team), out var members))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var from = int.TryParse(context.Request.Query["continuationToken"], out var token) ? token : 0;
        var next = from + 2 < members.Count ? (from + 2).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        await context.Response.WriteAsJsonAsync(new { members = members.Skip(from).Take(2), continuationToken = next });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
