using System.Collections.Concurrent;
using System.Text.Json;

/// <summary>
/// The connector stand-in: takes every send the bot makes, waits the configured delay, then accepts it (an id). A
/// message (not a typing indicator) accepted completes the question it answers; answers that arrive in another order
/// than their questions were asked, within a conversation, are counted.
/// </summary>
internal sealed class Sink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly int _delayMs;
    private readonly ConcurrentDictionary<(string Conversation, string Id), TaskCompletionSource> _waiting = new();
    private readonly ConcurrentDictionary<string, int> _lastTurn = new(StringComparer.Ordinal);
    private int _ids;
    private int _outOfOrder;

    private Sink(WebApplication app, int delayMs)
    {
        _app = app;
        _delayMs = delayMs;
    }

    public string ServiceUrl { get; private set; } = "";

    public int OutOfOrder => Volatile.Read(ref _outOfOrder);

    public static async Task<Sink> StartAsync(int delayMs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new Sink(app, delayMs);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        sink.ServiceUrl = app.Urls.First() + "/";
        return sink;
    }

    public Task Expect(string conversation, string id) =>
        _waiting.GetOrAdd((conversation, id), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string conversation, string id) => _waiting.TryRemove((conversation, id), out _);

    private async Task HandleAsync(HttpContext context)
    {
        // /v3/conversations/{conversation}/activities[/{replyToId}]
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? type = null, replyTo = null;
        using (var body = await JsonDocument.ParseAsync(context.Request.Body))
        {
            if (body.RootElement.TryGetProperty("type", out var t))
                type = t.GetString();
            if (body.RootElement.TryGetProperty("replyToId", out var r))
                replyTo = r.GetString();
        }
        if (_delayMs > 0)
            await Task.Delay(_delayMs);
        if (type == "message" && segments.Length >= 4)
        {
            var conversation = Uri.UnescapeDataString(segments[2]);
            replyTo ??= segments.Length >= 5 ? Uri.UnescapeDataString(segments[4]) : null;
            if (replyTo is not null)
            {
                var turn = int.Parse(replyTo[(replyTo.IndexOf('-', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                var last = _lastTurn.AddOrUpdate(conversation, turn, (_, previous) => Math.Max(previous, turn));
                if (last > turn)
                    Interlocked.Increment(ref _outOfOrder);
                if (_waiting.TryRemove((conversation, replyTo), out var waiter))
                    waiter.TrySetResult();
            }
        }
        await context.Response.WriteAsJsonAsync(new { id = $"activity-{Interlocked.Increment(ref _ids)}" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
