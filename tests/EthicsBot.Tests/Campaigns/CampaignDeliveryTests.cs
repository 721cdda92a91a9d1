using System.Collections.Concurrent;
using EthicsBot.Features.Campaigns;
using EthicsBot.Tests.Storage;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Campaigns;

/// <summary>
/// The senders of two bot instances sharing one store drain one campaign against a connector that throttles one send
/// in ten: every person gets exactly one card, both instances take part, the pace holds, and a blocked or departed
/// person is recorded with why; entries an instance took and never finished (it died) are sent by the other.
/// </summary>
public sealed class CampaignDeliveryTests : IAsyncLifetime
{
    private const int People = 300;
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-campaign-").FullName;
    private LoopbackConnector _connector = null!;
    private BotFactory _first = null!;
    private BotFactory _second = null!;

    /// <summary>The chats whose first send the connector answered with 429.</summary>
    private readonly ConcurrentDictionary<string, bool> _throttled = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        var seen = _throttled;
        // One person in ten is throttled on their first send (429, Retry-After 0); two refuse the bot for good.
        _connector.Fail = call =>
            call.Path.Contains("/a:personal-7/", StringComparison.Ordinal) ? (403, null)
            : call.Path.Contains("/a:personal-8/", StringComparison.Ordinal) ? (404, null)
            : Math.Abs(call.Path.GetHashCode(StringComparison.Ordinal)) % 10 == 0 && seen.TryAdd(call.Path, true) ? (429, "0")
            : null;
        Dictionary<string, string?> settings = new()
        {
            ["Storage:SqlitePath"] = Path.Combine(_folder, "shared.db"),
            ["Campaigns:MessagesPerSecond"] = "50",
            ["Campaigns:BatchSize"] = "20",
            ["Campaigns:PollSeconds"] = "0.1",
            ["Campaigns:LeaseSeconds"] = "10",
        };
        _first = new BotFactory(settings);
        _second = new BotFactory(settings);
        _ = _first.Services;
        _ = _second.Services;
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TempFolders.Delete(_folder);
    }

    private async Task<Campaign> SeedAsync(ICampaignStore store)
    {
        for (var i = 0; i < People; i++)
            await store.SaveContactAsync(CampaignStoreContract.Contact(i) with { Conversation = CampaignStoreContract.Contact(i).Conversation with { ServiceUrl = _connector.ServiceUrl } }, default);
        var campaign = CampaignStoreContract.Campaign("c1", status: CampaignStatus.Draft) with { DueAt = DateTimeOffset.UtcNow.AddDays(30) };
        await store.SaveAsync(campaign, default);
        return campaign;
    }

    [Fact]
    public async Task Two_instances_send_each_person_one_card_through_throttling_and_record_who_cannot_be_reached()
    {
        var store = _first.Services.GetRequiredService<ICampaignStore>();
        var campaign = await SeedAsync(store);
        var started = DateTimeOffset.UtcNow;

        var (done, note) = await _first.Services.GetRequiredService<CampaignOffice>().LaunchAsync(campaign, default);

        Assert.True(done, note);
        // More than the first batch: the rest is queued while the first cards go out.
        Assert.Equal($"Launched: {People} people to ask; the first cards are going out while the rest are queued.", note);
        var deliveries = await WaitUntilSettledAsync(store);
        var elapsed = DateTimeOffset.UtcNow - started;
        var cards = _connector.Calls.Where(c => c.Type == "message" && c.AnsweredAt is not null).GroupBy(c => c.Path).ToDictionary(g => g.Key, g => g.Count());
        var delivered = _connector.Calls.Where(c => c.Type == "message").GroupBy(c => c.Path)
            .Count(g => !g.Key.Contains("/a:personal-7/", StringComparison.Ordinal) && !g.Key.Contains("/a:personal-8/", StringComparison.Ordinal));
        Assert.Equal(People - 2, delivered);
        Assert.Equal(People - 2, deliveries.Count(d => d.State == DeliveryState.Sent));
        Assert.Equal(DeliveryFailure.Blocked, deliveries.Single(d => d.UserId == CampaignStoreContract.User(7)).Failure);
        Assert.Equal(DeliveryFailure.Left, deliveries.Single(d => d.UserId == CampaignStoreContract.User(8)).Failure);
        // Exactly one card each: a chat has a second call only when its first was the 429, and then exactly two.
        Assert.True(_throttled.Count > 0, "no send was throttled: the test's connector did not do its part");
        Assert.All(cards, c => Assert.Equal(_throttled.ContainsKey(c.Key) ? 2 : 1, c.Value));
        var first = _first.Services.GetRequiredService<CampaignDispatcher>().Sent;
        var second = _second.Services.GetRequiredService<CampaignDispatcher>().Sent;
        Assert.Equal(People - 2, first + second);
        Assert.True(first > 0 && second > 0, $"the instances did not share the work: {first} and {second}");
        // The shared pace: 300 cards at 50 a second take at least six seconds, whichever instance sends them.
        Assert.True(elapsed >= TimeSpan.FromSeconds(5.5), $"300 cards went out in {elapsed.TotalSeconds:0.0} s, faster than 50 a second");
    }

    [Fact]
    public async Task What_an_instance_took_and_never_finished_is_sent_once_its_lease_runs_out()
    {
        _connector.Fail = null; // no throttling here: each call to a chat is a card
        var store = _first.Services.GetRequiredService<ICampaignStore>();
        var campaign = await SeedAsync(store);
        await store.SaveAsync(campaign with { Status = CampaignStatus.Running }, default);
        await store.EnqueueAsync([.. Enumerable.Range(100, 5).Select(i => CampaignStoreContract.Person(i) with { DueAt = DateTimeOffset.UtcNow })], default);

        // An instance takes them and dies before sending (its lease runs out 8 s from now); the live ones wait for that.
        var taken = await store.ClaimAsync("dead-instance", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(8), 5, default);
        Assert.Equal(5, taken.Count);

        await Task.Delay(1000);
        Assert.Empty(_connector.Calls);
        var deliveries = await WaitUntilSettledAsync(store, TimeSpan.FromSeconds(60));
        Assert.Equal(5, _connector.Calls.Count(c => c.Type == "message"));
        Assert.All(deliveries, d => Assert.Equal(DeliveryState.Sent, d.State));
    }

    /// <summary>Waits until no person of the campaign is queued or being sent; returns where each stands.</summary>
    [Fact]
    public async Task A_launch_interrupted_while_it_queued_its_audience_is_finished_by_the_senders_and_no_one_gets_two_cards()
    {
        _connector.Fail = null; // no throttling here: each call to a chat is a card
        var store = _first.Services.GetRequiredService<ICampaignStore>();
        var campaign = await SeedAsync(store);
        // The launch died after its first batch: Running, still queuing, begun long enough ago for the sweep to take over.
        await store.EnqueueAsync([.. Enumerable.Range(0, 50).Select(i => CampaignStoreContract.Person(i) with { DueAt = DateTimeOffset.UtcNow })], default);
        await store.SaveAsync(campaign with { Status = CampaignStatus.Running, LaunchedAt = DateTimeOffset.UtcNow - CampaignLaunch.FinishAfter - TimeSpan.FromMinutes(1), Queuing = true }, default);

        await _second.Services.GetRequiredService<CampaignDispatcher>().FinishLaunchesAsync(default);

        var deliveries = await WaitUntilSettledAsync(store);
        Assert.Equal(People, deliveries.Count);
        Assert.False((await store.GetAsync("iom", "c1", default))!.Queuing);
        var cards = _connector.Calls.Where(c => c.Type == "message").GroupBy(c => c.Path).ToList();
        Assert.Equal(People - 2, cards.Count(g => !g.Key.Contains("/a:personal-7/", StringComparison.Ordinal) && !g.Key.Contains("/a:personal-8/", StringComparison.Ordinal)));
        Assert.All(cards, g => Assert.Single(g));
    }

    private static async Task<IReadOnlyList<Delivery>> WaitUntilSettledAsync(ICampaignStore store, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var deliveries = await store.DeliveriesAsync("iom", "c1", default);
            if (deliveries.Count > 0 && deliveries.All(d => d.State is DeliveryState.Sent or DeliveryState.Failed)
                && await store.GetAsync("iom", "c1", default) is { Queuing: false })
                return deliveries;
            Assert.True(DateTime.UtcNow < deadline, $"not settled: {string.Join(", ", deliveries.GroupBy(d => d.State).Select(g => $"{g.Key} {g.Count()}"))}");
            await Task.Delay(100);
        }
    }
}
