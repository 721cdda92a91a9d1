using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Tests.Storage;
using EthicsBot.Tests.Teams;
using Xunit.Abstractions;

namespace EthicsBot.Tests.EndToEnd;

/// <summary>
/// Two bot processes on one Azurite (Table Storage, as App Service instances share it) behind a round-robin stand-in
/// for the Bot Framework: each activity goes to one instance and is redelivered to the other (at once or after the
/// first answered). People ask questions and declare gifts; a FAQ entry published by one instance is answered from by
/// both. Mid-load one instance is stopped (SIGTERM, as App Service stops an instance) and the other carries on: every
/// message is answered exactly once, every disclosure stored once and posted to the ethics office once. Then, with both
/// up again, one is killed (SIGKILL): nothing is lost, every disclosure is stored once, and what was in flight at the
/// crash is answered at least once (counted).
/// </summary>
public sealed class TwoInstanceTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string OfficeConversation = "19:office@thread.tacv2";
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-two-").FullName;
    private readonly string _prefix = "two" + Guid.NewGuid().ToString("N")[..10];
    private readonly Process?[] _bots = new Process?[2];
    private readonly int[] _ports = new int[2];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private LoopbackConnector _connector = null!;
    private int _next;

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync()
    {
        for (var i = 0; i < _bots.Length; i++)
            Kill(i);
        _http.Dispose();
        await _connector.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Two_instances_act_as_one_when_one_stops_or_crashes_mid_load()
    {
        await Task.WhenAll(StartBotAsync(0), StartBotAsync(1));

        // A FAQ entry published on one instance (it writes the shared table) is answered from by both.
        var office = new TableOfficeStore(azurite.Client(), _prefix);
        await office.SaveFaqAsync(new FaqEntry
        {
            Id = "faq-1", Organization = "iom", Question = "Can I keep the umbrella a supplier left at reception?",
            Answer = "Yes: an umbrella left behind is lost property; hand it to reception.", Clauses = ["iom-5.49"],
            PublishedBy = "aad-office", Updated = DateTimeOffset.UtcNow,
        }, default);
        foreach (var instance in new[] { 0, 1 })
            await EventuallyAsync(async () =>
            {
                var id = $"faq-{instance}-{Guid.NewGuid():N}";
                using var response = await PostAsync(instance, Activities.Message(_connector.ServiceUrl, "Can I keep the umbrella a supplier left at reception?", id: id, conversation: $"a:faq-{instance}"));
                var answer = await WaitForAnswerAsync($"a:faq-{instance}", id);
                return answer?.Card?.GetRawText().Contains("lost property", StringComparison.Ordinal) == true;
            }, $"instance {instance} answered from the FAQ");

        // Phase 1: mid-load, instance 0 is stopped as App Service stops an instance (SIGTERM: it takes no new turn,
        // finishes those it has, writes what it holds); instance 1 carries on. Everything happens exactly once.
        var stop = await LoadAsync("stop", TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(6), async () =>
        {
            using (var term = Process.Start("kill", ["-TERM", _bots[0]!.Id.ToString(CultureInfo.InvariantCulture)])!)
                await term.WaitForExitAsync();
            Assert.True(_bots[0]!.WaitForExit(30_000), "instance 0 did not stop within 30 s");
            Assert.Equal(0, _bots[0]!.ExitCode);
        });
        var disclosures = new TableDisclosureStore(azurite.Client(), _prefix);
        var (stored, posts) = await OutboxAsync(disclosures);
        output.WriteLine($"stopped (SIGTERM): {stop.Asked.Count} questions ({stop.BeforeMidway} before the stop), {stop.Answers.Values.Sum()} answers, " +
                         $"{stop.Shown.Count} references shown, {stored.Count} disclosures stored, {posts.Count} posted to the office");
        Assert.True(stop.BeforeMidway >= 10 && stop.Asked.Count - stop.BeforeMidway >= 10, $"{stop.BeforeMidway} questions before the stop, {stop.Asked.Count - stop.BeforeMidway} after");
        foreach (var (_, id) in stop.Asked)
            Assert.True(stop.Answers.TryGetValue(id, out var count) && count == 1, $"question {id} was answered {stop.Answers.GetValueOrDefault(id)} time(s)");
        Assert.Equal(stop.Asked.Count, stop.Answers.Count);
        Assert.True(stop.Shown.Count >= 3, $"only {stop.Shown.Count} disclosures were submitted");
        AssertStoredOnce(stop.Shown, stored);
        foreach (var disclosure in stored)
            Assert.Single(posts, p => p.Body.GetProperty("summary").GetString() == $"New disclosure {disclosure.Reference}");
        Assert.Equal(stored.Count, posts.Count);

        // Phase 2: instance 0 back; mid-load instance 1 is killed (SIGKILL: a crash, nothing finished or written).
        // Its claims run out and the redeliveries are taken over: no question is lost and every disclosure is stored
        // once. An answer that reached the connector just before the crash, whose claim was not yet marked done, is
        // answered again by the other instance (at least once, not exactly once: the connector cannot be asked what
        // it already has); those are counted, as are office posts in the same window.
        await StartBotAsync(0);
        var crash = await LoadAsync("crash", TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(5), () =>
        {
            Kill(1);
            return Task.CompletedTask;
        });
        (stored, posts) = await OutboxAsync(disclosures);
        var repeated = crash.Answers.Values.Count(c => c > 1);
        output.WriteLine($"killed (SIGKILL): {crash.Asked.Count} questions ({crash.BeforeMidway} before the kill), {crash.Answers.Values.Sum()} answers, " +
                         $"{repeated} answered twice; {crash.Shown.Count} references shown, {stored.Count} disclosures stored in all, {posts.Count} posts to the office in all");
        foreach (var (_, id) in crash.Asked)
            Assert.True(crash.Answers.ContainsKey(id), $"question {id} was lost");
        Assert.True(repeated <= 20, $"{repeated} questions answered twice");
        AssertStoredOnce(stop.Shown.Concat(crash.Shown), stored);
        foreach (var disclosure in stored)
            Assert.Contains(posts, p => p.Body.GetProperty("summary").GetString() == $"New disclosure {disclosure.Reference}");
    }

    private sealed record Load(ConcurrentBag<(string Conversation, string Id)> Asked, ConcurrentDictionary<string, string> Shown, int BeforeMidway, Dictionary<string, int> Answers);

    /// <summary>Ten people asking questions and three declaring gifts through the stand-in, with <paramref name="midway"/> done after <paramref name="at"/>.</summary>
    private async Task<Load> LoadAsync(string phase, TimeSpan duration, TimeSpan at, Func<Task> midway)
    {
        var asked = new ConcurrentBag<(string Conversation, string Id)>();
        var shown = new ConcurrentDictionary<string, string>(); // reference -> dialog id
        using var stop = new CancellationTokenSource(duration);
        var askers = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            var conversation = $"a:{phase}-ask-{i}";
            for (var turn = 0; !stop.IsCancellationRequested; turn++)
            {
                var id = $"{phase}-{i}-{turn}";
                asked.Add((conversation, id));
                await DeliverMessageAsync(Activities.Message(_connector.ServiceUrl, Questions[(i + turn) % Questions.Length], id: id, conversation: conversation), redeliverAtOnce: turn % 2 == 0);
                Assert.NotNull(await WaitForAnswerAsync(conversation, id));
            }
        })).ToList();
        var declarers = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (reference, dialog) = await DeclareAsync($"a:{phase}-declare-{i}", $"aad-{phase}-{i}");
                if (reference is not null)
                    Assert.True(shown.TryAdd(reference, dialog!), $"{reference} was shown for two dialogs");
            }
        })).ToList();
        await Task.Delay(at);
        var before = asked.Count;
        await midway();
        await Task.WhenAll(askers.Concat(declarers));
        var answers = _connector.Calls.Where(c => c.Type == "message" && c.Path.Contains($"/conversations/a:{phase}-ask-", StringComparison.Ordinal))
            .GroupBy(c => c.Path.Split('/')[^1]).ToDictionary(g => g.Key, g => g.Count());
        return new Load(asked, shown, before, answers);
    }

    /// <summary>Waits until every disclosure is posted (through whichever instance claims it); the disclosures and the posts.</summary>
    private async Task<(IReadOnlyList<Disclosure> Stored, List<ConnectorCall> Posts)> OutboxAsync(TableDisclosureStore disclosures)
    {
        await EventuallyAsync(async () => (await disclosures.ListAsync("iom", default)).All(d => d.OfficeNotified), "every disclosure posted");
        var stored = await disclosures.ListAsync("iom", default);
        var posts = _connector.Calls.Where(c => c.Type == "message" && c.Path.Contains($"/conversations/{OfficeConversation}/", StringComparison.Ordinal)).ToList();
        return (stored, posts);
    }

    /// <summary>Every reference shown is stored once, for its dialog; no disclosure twice; the numbers have no gaps.</summary>
    private static void AssertStoredOnce(IEnumerable<KeyValuePair<string, string>> shown, IReadOnlyList<Disclosure> stored)
    {
        foreach (var (reference, dialog) in shown)
            Assert.Equal(dialog, Assert.Single(stored, d => d.Reference == reference).Id);
        Assert.Equal(stored.Count, stored.Select(d => d.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(n => $"GIFT-{DateTime.UtcNow.Year}-{n:000000}"), stored.Select(d => d.Reference).Order(StringComparer.Ordinal));
    }

    private static readonly string[] Questions =
    [
        "Can I accept a gift from a supplier?", "Can I have a second job in the evenings?", "Am I allowed to join a political party?",
        "Can I use the office car to drive my children to school?", "How do I reset my laptop password?", "Can I teach at a university?",
    ];

    /// <summary>
    /// The stand-in: the message goes to the next instance in turn and is redelivered to the other, at the same time
    /// or once the first has answered. Delivered when either took it (200); when neither did, both are tried again.
    /// </summary>
    private async Task DeliverMessageAsync(string activity, bool redeliverAtOnce)
    {
        var first = Interlocked.Increment(ref _next) % 2;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            bool delivered;
            if (redeliverAtOnce)
            {
                var results = await Task.WhenAll(TryPostAsync(first, activity), TryPostAsync(1 - first, activity));
                delivered = results.Any(r => r);
            }
            else
            {
                var a = await TryPostAsync(first, activity);
                var b = await TryPostAsync(1 - first, activity);
                delivered = a || b;
            }
            if (delivered)
                return;
            await Task.Delay(200);
        }
        Assert.Fail("a message could be delivered to neither instance");
    }

    private async Task<bool> TryPostAsync(int instance, string activity)
    {
        try
        {
            using var response = await PostAsync(instance, activity);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    private Task<HttpResponseMessage> PostAsync(int instance, string activity) =>
        _http.PostAsync(new Uri($"http://127.0.0.1:{_ports[instance]}/api/messages"), new StringContent(activity, Encoding.UTF8, "application/json"));

    private async Task<ConnectorCall?> WaitForAnswerAsync(string conversation, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_connector.Calls.FirstOrDefault(c => c.Type == "message" && c.Path.EndsWith($"/conversations/{conversation}/activities/{id}", StringComparison.Ordinal)) is { } call)
                return call;
            await Task.Delay(20);
        }
        return null;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> check, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await check())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within 30 s: {what}");
            await Task.Delay(300);
        }
    }

    /// <summary>A gift declaration from the button to the reference; each invoke goes to one instance and, once answered, to the other.</summary>
    private Task<(string? Reference, string? Dialog)> DeclareAsync(string conversation, string aad) =>
        GiftDeclaration.RunAsync((verb, data) => InvokeAsync(conversation, aad, verb, data), () => LatestCard(conversation));

    private async Task<JsonElement?> InvokeAsync(string conversation, string aad, string verb, JsonNode data)
    {
        var body = Activities.CardAction(_connector.ServiceUrl, verb, data, aadObjectId: aad, conversation: conversation);
        var first = Interlocked.Increment(ref _next) % 2;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            JsonElement? answer = null;
            foreach (var instance in new[] { first, 1 - first })
                if (await TryInvokeAsync(instance, body) is { } got)
                    answer ??= got; // the caller uses the first answer; the other instance's is the redelivery's
            if (answer is not null)
                return answer;
            await Task.Delay(200);
        }
        return null;
    }

    private async Task<JsonElement?> TryInvokeAsync(int instance, string body)
    {
        try
        {
            using var response = await PostAsync(instance, body);
            if (response.StatusCode != HttpStatusCode.OK)
                return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.TryGetProperty("statusCode", out var status) && status.GetInt32() == 200 ? json.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            return null;
        }
    }

    private JsonObject LatestCard(string conversation)
    {
        var call = _connector.Calls.Last(c => c.Path.Contains($"/conversations/{conversation}/", StringComparison.Ordinal) && c.Card is not null);
        return JsonNode.Parse(call.Card!.Value.GetRawText())!.AsObject();
    }

    private async Task StartBotAsync(int instance)
    {
        _ports[instance] = FreePort();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Repo.Combine("bot", "EthicsBot", "bin", configuration, "net10.0", "EthicsBot.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_ports[instance]}";
        start.Environment["Storage__Provider"] = "Tables";
        start.Environment["Storage__Tables__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Storage__Tables__TablePrefix"] = _prefix;
        start.Environment["Storage__SqlitePath"] = Path.Combine(_folder, $"unused-{instance}.db");
        start.Environment["Organizations__iom__EthicsOffice__ConversationId"] = OfficeConversation;
        start.Environment["Organizations__iom__EthicsOffice__ServiceUrl"] = _connector.ServiceUrl;
        start.Environment["Disclosures__UpkeepInterval"] = "00:00:01";
        start.Environment["Disclosures__PostLease"] = "00:00:04";
        start.Environment["Faq__ReloadInterval"] = "00:00:01";
        start.Environment["Bot__Turns__ClaimLease"] = "00:00:03";
        start.Environment["Bot__Turns__BusyPoll"] = "00:00:00.100";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var bot = Process.Start(start)!;
        bot.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) output.WriteLine($"[{instance}] {line}"); };
        bot.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) output.WriteLine($"[{instance}] {line}"); };
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        _bots[instance] = bot;
        await BotProcess.WaitHealthyAsync(bot, _ports[instance], TimeSpan.FromSeconds(90), $"instance {instance}");
    }

    private void Kill(int instance)
    {
        if (_bots[instance] is { HasExited: false } bot)
        {
            bot.Kill(entireProcessTree: true);
            bot.WaitForExit();
        }
        _bots[instance]?.Dispose();
        _bots[instance] = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
