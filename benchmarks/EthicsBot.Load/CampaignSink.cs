using System.Collections.Concurrent;
using System.Text.Json;

/// <summary>
/// The connector stand-in of the campaign run: accepts every send, except that the first send to one person in ten is
/// answered 429 with Retry-After: 1; counts the campaign cards each person's chat accepted (a card is the message with
/// the acknowledge button) and the welcome cards of the installs.
/// </summary>
internal sealed class CampaignSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _cards = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _throttledOnce = new(StringComparer.Ordinal);
    private int _welcomes;
    private int _throttled;
    private int _ids;

    private CampaignSink(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>People whose chat accepted at least one campaign card.</summary>
    public int People => _cards.Count;

    /// <summary>Campaign cards accepted beyond the first in a chat.</summary>
    public int Duplicates => _cards.Values.Sum(c => c - 1);

    public int Welcomes => Volatile.Read(ref _welcomes);

    public int Throttled => Volatile.Read(ref _throttled);

    public static async Task<CampaignSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new CampaignSink(app);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        sink.ServiceUrl = app.Urls.First() + "/";
        return sink;
    }

    private async Task HandleAsync(HttpContext context)
    {
        // /v3/conversations/{conversation}/activities
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var conversation = segments.Length > 2 ? Uri.UnescapeDataString(segments[2]) : "";
        var card = body.RootElement.GetRawText().Contains("campaign.acknowledge", StringComparison.Ordinal);
        if (card && (conversation.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % 10 == 0 && _throttledOnce.TryAdd(conversation, true))
        {
            Interlocked.Increment(ref _throttled);
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            return;
        }
        if (card)
            _cards.AddOrUpdate(conversation, 1, (_, n) => n + 1);
        else
            Interlocked.Increment(ref _welcomes);
        await context.Response.WriteAsJsonAsync(new { id = $"activity-{Interlocked.Increment(ref _ids)}" });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
