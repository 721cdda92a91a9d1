using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>
/// benchmarks/campaign.sh: a campaign to N people (10,000) through two bot instances sharing one store, against a
/// connector stand-in that answers one send in ten with 429 and Retry-After: 1; instance A is killed (kill -9) when half
/// the cards are out and started again. Prints the time against what the configured pace allows, how many people got
/// no card (lost) and how many got more than one (the crash window), and how many each instance took part in.
/// </summary>
internal static partial class CampaignRun
{
    private const string Member = "00000000-0000-0000-0000-00000000beef";

    public static async Task<int> RunAsync(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
            map[args[i]] = args[i + 1];
        var people = int.Parse(map.GetValueOrDefault("--people", "10000"), CultureInfo.InvariantCulture);
        var rate = double.Parse(map.GetValueOrDefault("--rate", "50"), CultureInfo.InvariantCulture);
        var repo = map.GetValueOrDefault("--repo", Directory.GetCurrentDirectory());
        var folder = Directory.CreateTempSubdirectory("ethicsbot-campaign-run-").FullName;
        var tables = map.GetValueOrDefault("--store", "sqlite") == "tables";
        // On Table Storage and a storage queue: Azurite (tests/e2e's, installed by test.sh) on loopback ports.
        using var azurite = tables ? EthicsBot.Testing.Azurite.Start(folder) : null;
        await using var sink = await CampaignSink.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage__SqlitePath"] = Path.Combine(folder, "shared.db"),
            ["Campaigns__MessagesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Campaigns__LeaseSeconds"] = "20",
            ["Campaigns__PollSeconds"] = "1",
            ["Desk__DevMember"] = Member,
            ["Organizations__iom__EthicsOffice__Members__0"] = Member,
            ["Search__Languages__WarmAtStart"] = "false",
        };
        if (azurite is not null)
        {
            settings["Storage__Provider"] = "Tables";
            settings["Storage__Tables__ConnectionString"] = azurite.ConnectionString;
        }
        foreach (var (key, value) in map.Where(m => m.Key.StartsWith("--set:", StringComparison.Ordinal)))
            settings[key["--set:".Length..]] = value;
        var (portA, portB) = (LoadRun.FreePort(), LoadRun.FreePort());
        var a = Start(repo, portA, settings);
        var b = Start(repo, portB, settings);
        try
        {
            await LoadRun.WaitUntilUpAsync(a, portA);
            await LoadRun.WaitUntilUpAsync(b, portB);
            Console.WriteLine($"campaign: {people} people, {rate}/s for the whole bot, two instances on one store ({(tables ? "Table Storage and a storage queue on Azurite" : "SQLite")}), 10 % of first sends 429 + Retry-After: 1");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(300) };
            await InstallAsync(http, portA, portB, sink.ServiceUrl, people);
            Console.WriteLine($"  {people} installs recorded ({sink.Welcomes} welcome cards)");
            var clock = Stopwatch.StartNew();
            await LaunchAsync(http, portB);
            Console.WriteLine($"  the launch (the audience queued) took {clock.Elapsed.TotalSeconds:0.0} s");
            (a, var killedAt) = await KillHalfWayAsync(a, portA, repo, settings, sink, people);
            var done = await WaitForAllAsync(sink, people, TimeSpan.FromSeconds(people / rate * 3 + 120));
            var elapsed = clock.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(25)); // past the lease: a late resend would show now
            Report(sink, people, rate, elapsed, killedAt, done);
            return done ? 0 : 1;
        }
        finally
        {
            await LoadRun.StopAsync(a);
            await LoadRun.StopAsync(b);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One bot instance with this run's settings (the shared store among them).</summary>
    private static Process Start(string repo, int port, IReadOnlyDictionary<string, string> settings) =>
        LoadRun.StartBot(new Options("ethicsbot", 0, 0, 0, 0, repo), port, settings);

    /// <summary>Each person installs the app (a conversationUpdate), half through each instance, 32 at a time.</summary>
    private static async Task InstallAsync(HttpClient http, int portA, int portB, string serviceUrl, int people)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var user = Person(i);
            var body = JsonSerializer.Serialize(new
            {
                type = "conversationUpdate",
                id = Guid.NewGuid().ToString("N"),
                serviceUrl,
                channelId = "msteams",
                from = new { id = "29:" + user, aadObjectId = user, name = $"Person {i}" },
                recipient = new { id = "28:ethicsbot", name = "EthicsBot" },
                conversation = new { id = $"a:personal-{i}", conversationType = "personal", tenantId = "tenant-1" },
                channelData = new { tenant = new { id = "tenant-1" } },
                membersAdded = new[] { new { id = "28:ethicsbot" } },
            });
            using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{(i % 2 == 0 ? portA : portB)}/api/messages"), new StringContent(body, Encoding.UTF8, "application/json"), ct);
            response.EnsureSuccessStatusCode();
        });
    }

    private static string Person(int i) => $"20000000-0000-0000-0000-{i:x12}";

    /// <summary>The office creates and launches the campaign on the desk (local development sign-in).</summary>
    private static async Task LaunchAsync(HttpClient http, int port)
    {
        var form = new Dictionary<string, string>
        {
            ["title"] = "Annual sign-off", ["codeVersion"] = "IN/15 rev.", ["message"] = "Please read the Standards and confirm.",
            ["audience"] = "everyone", ["dueDate"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["reminderDays"] = "0",
        };
        var created = await DeskPostAsync(http, port, "/office/api/campaigns/iom", form);
        var id = CampaignLink().Match(created).Groups[1].Value;
        var launched = await DeskPostAsync(http, port, $"/office/api/campaigns/iom/{id}/launch", []);
        Console.WriteLine($"  {LaunchNote().Match(launched).Value}");
    }

    private static async Task<string> DeskPostAsync(HttpClient http, int port, string path, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}{path}") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Desk-Dev", "1");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
    }

    /// <summary>Kills instance A (SIGKILL, no goodbye) when half the cards are out, and starts it again at once.</summary>
    private static async Task<(Process Bot, double At)> KillHalfWayAsync(Process a, int port, string repo, IReadOnlyDictionary<string, string> settings, CampaignSink sink, int people)
    {
        while (sink.People < people / 2)
            await Task.Delay(50);
        var at = sink.People;
        a.Kill(entireProcessTree: true);
        await a.WaitForExitAsync();
        Console.WriteLine($"  instance A killed (kill -9) at {at} people reached; started again");
        var again = Start(repo, port, settings);
        await LoadRun.WaitUntilUpAsync(again, port);
        return (again, at);
    }

    private static async Task<bool> WaitForAllAsync(CampaignSink sink, int people, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (sink.People < people && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        return sink.People >= people;
    }

    private static void Report(CampaignSink sink, int people, double rate, double elapsed, double killedAt, bool done)
    {
        var ideal = people / rate;
        Console.WriteLine($"  reached {sink.People} of {people}: lost {people - sink.People}, more than one card {sink.Duplicates} (the crash window), 429s answered {sink.Throttled}");
        Console.WriteLine($"  {elapsed:0.0} s from launch to the last person; the pace allows {ideal:0.0} s: {elapsed / ideal:0.00}x (target <= 1.25x){(done ? "" : " — NOT DONE")}");
        Console.WriteLine(JsonSerializer.Serialize(new { people, rate, reached = sink.People, lost = people - sink.People, duplicates = sink.Duplicates, throttled = sink.Throttled, killed_at = killedAt, seconds = Math.Round(elapsed, 1), ideal_seconds = Math.Round(ideal, 1), ratio = Math.Round(elapsed / ideal, 3) }));
    }

    [GeneratedRegex("/office/api/campaigns/iom/([0-9a-f]{32})")]
    private static partial Regex CampaignLink();

    [GeneratedRegex("Launched: [^<]*")]
    private static partial Regex LaunchNote();
}
