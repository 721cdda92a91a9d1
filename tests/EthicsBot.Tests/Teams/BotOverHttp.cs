using System.Net;
using System.Text;
using System.Text.Json;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// The real bot in process, spoken to over HTTP as Teams does, with the loopback connector receiving its replies:
/// the arrangement every HTTP test class shares.
/// </summary>
public sealed class BotOverHttp : IAsyncDisposable
{
    private BotOverHttp(LoopbackConnector connector, BotFactory bot)
    {
        Connector = connector;
        Bot = bot;
        Client = bot.CreateClient();
    }

    public LoopbackConnector Connector { get; }

    public BotFactory Bot { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the connector, then the bot with the settings (which may name the connector's serviceUrl).</summary>
    public static async Task<BotOverHttp> StartAsync(Func<LoopbackConnector, Dictionary<string, string?>>? settings = null)
    {
        var connector = await LoopbackConnector.StartAsync();
        return new BotOverHttp(connector, new BotFactory(settings?.Invoke(connector)));
    }

    /// <summary>Posts an activity to /api/messages and returns the response as it came.</summary>
    public Task<HttpResponseMessage> PostAsync(string json) =>
        Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Posts an activity that must be accepted (200), e.g. a message.</summary>
    public async Task SendAsync(string json)
    {
        using var response = await PostAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Posts an invoke and returns its response body (Teams always gets 200; the status is inside).</summary>
    public async Task<JsonElement> InvokeAsync(string json)
    {
        using var response = await PostAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
