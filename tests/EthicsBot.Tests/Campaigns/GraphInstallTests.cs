using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Core;
using EthicsBot.Features.Campaigns;
using EthicsBot.Tests.Storage;
using EthicsBot.Tests.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Campaigns;

/// <summary>
/// With Campaigns:Graph:InstallApp, a person of a campaign's list who does not have the app gets it installed through
/// Microsoft Graph (the exact request checked by a loopback stand-in, with the app's token), and the card follows when
/// Teams announces the installation; a person Graph does not know counts as not having the app.
/// </summary>
public sealed class GraphInstallTests : IAsyncLifetime
{
    private const string CatalogApp = "0a1b2c3d-0000-4000-8000-00000000a99a";
    private static readonly string Installs = CampaignStoreContract.User(501);
    private static readonly string Unknown = CampaignStoreContract.User(502);
    private readonly ConcurrentQueue<(string Path, string? Authorization, JsonElement Body)> _graphCalls = new();
    private WebApplication _graph = null!;
    private LoopbackConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _graph = await Loopback.StartAsync(app => app.MapPost("/v1.0/users/{id}/teamwork/installedApps", async (HttpContext http, string id) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            _graphCalls.Enqueue((http.Request.Path.Value!, http.Request.Headers.Authorization.FirstOrDefault(), body.RootElement.Clone()));
            return id == Unknown
                ? Results.Json(new { error = new { code = "Request_ResourceNotFound", message = "Resource does not exist." } }, statusCode: 404)
                : Results.Json(new { id = "installation-1" }, statusCode: 201);
        }));
        _connector = await LoopbackConnector.StartAsync();
        _bot = new BotFactory(new()
        {
            ["Campaigns:Graph:InstallApp"] = "true",
            ["Campaigns:Graph:TeamsAppId"] = CatalogApp,
            ["Campaigns:Graph:BaseUrl"] = _graph.Urls.First() + "/v1.0",
            ["Campaigns:Graph:WaitSeconds"] = "5",
            ["Campaigns:PollSeconds"] = "0.1",
        }, services => services.AddSingleton<TokenCredential>(new FixedToken()));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _graph.StopAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task The_app_is_installed_for_a_person_without_it_and_the_card_follows_Teams_announcing_it()
    {
        var store = _bot.Services.GetRequiredService<ICampaignStore>();
        var campaign = CampaignStoreContract.Campaign("c1", status: CampaignStatus.Draft) with
        {
            DueAt = DateTimeOffset.UtcNow.AddDays(30),
            Audience = new CampaignAudience { Kind = AudienceKind.List, Ids = [Installs, Unknown] },
        };
        await store.SaveAsync(campaign, default);

        Assert.True((await _bot.Services.GetRequiredService<CampaignOffice>().LaunchAsync(campaign, default)).Done);

        await WaitUntilAsync(async () => (await store.GetDeliveryAsync("c1", Unknown, default))?.State == DeliveryState.Failed && _graphCalls.Count >= 2);
        Assert.Equal(DeliveryFailure.NotInstalled, (await store.GetDeliveryAsync("c1", Unknown, default))!.Failure);
        var call = Assert.Single(_graphCalls, c => c.Path.Contains(Installs, StringComparison.Ordinal));
        Assert.Equal($"/v1.0/users/{Installs}/teamwork/installedApps", call.Path);
        Assert.Equal("Bearer graph-token", call.Authorization);
        Assert.Equal($"{_graph.Urls.First()}/v1.0/appCatalogs/teamsApps/{CatalogApp}", call.Body.GetProperty("teamsApp@odata.bind").GetString());
        Assert.Equal(DeliveryState.Queued, (await store.GetDeliveryAsync("c1", Installs, default))!.State);

        // Teams announces the installation in the person's new personal chat: the bot keeps it and the card follows.
        using var client = _bot.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.MembersAdded(_connector.ServiceUrl, conversation: "a:installed-chat", aadObjectId: Installs, name: "New Joiner"), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        await WaitUntilAsync(async () => (await store.GetDeliveryAsync("c1", Installs, default))?.State == DeliveryState.Sent);
        Assert.Single(_connector.Calls, c => c.Path.Contains("/a:installed-chat/", StringComparison.Ordinal) && c.Card?.GetRawText().Contains(CampaignCards.Verbs.Acknowledge, StringComparison.Ordinal) == true);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(100);
        }
    }

    /// <summary>The app's credential in the test: a fixed token, as a managed identity would give one.</summary>
    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("graph-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
