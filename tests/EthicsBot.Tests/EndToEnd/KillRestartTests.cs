using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Tests.Teams;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace EthicsBot.Tests.EndToEnd;

/// <summary>
/// The bot as a real process, killed with SIGKILL and restarted again and again while four people submit gift
/// declarations over HTTP. A person whose request fails retries it, as Teams does. Afterwards every reference number
/// that was shown is stored exactly once, for the dialog it was shown for, and the numbers have no gaps.
/// Run longer with KILL_TEST_SECONDS=120.
/// </summary>
public sealed class KillRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-kill-").FullName;
    private LoopbackConnector _connector = null!;
    private Process? _bot;
    private int _port;

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync()
    {
        Kill();
        await _connector.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_reference_shown_is_stored_exactly_once_however_often_the_bot_is_killed()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("KILL_TEST_SECONDS"), out var s) ? s : 20;
        _port = FreePort();
        await StartBotAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/"), Timeout = TimeSpan.FromSeconds(10) };
        var shown = new ConcurrentDictionary<string, string>(); // reference -> dialog id
        var failures = 0;
        // At least this long, and on until five kills and five references shown (a slow, loaded machine restarts the
        // bot in 4–6 s), but never past four times as long.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds * 4));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var people = Enumerable.Range(1, 4).Select(i => Task.Run(async () =>
        {
            var conversation = $"a:kill-{i}";
            while (!stop.IsCancellationRequested)
            {
                var (reference, dialog) = await DeclareAsync(http, conversation, $"aad-kill-{i}", () => Interlocked.Increment(ref failures));
                if (reference is not null)
                    Assert.True(shown.TryAdd(reference, dialog!), $"{reference} was shown for two dialogs");
            }
        })).ToList();

        var kills = 0;
        var random = new Random(42);
        var shownAtLastKill = 0;
        var killsWithoutProgress = 0;
        while (!stop.IsCancellationRequested && (clock.Elapsed < TimeSpan.FromSeconds(seconds) || kills < 5 || shown.Count < 5))
        {
            // Killed 0.4–1.2 s after each start; a bot that showed no new reference since the last kill lives a second
            // longer each time, so a slow machine still finishes declarations between kills.
            await Task.Delay(random.Next(400, 1200) + Math.Min(killsWithoutProgress, 6) * 1000);
            killsWithoutProgress = shown.Count > shownAtLastKill ? 0 : killsWithoutProgress + 1;
            shownAtLastKill = shown.Count;
            Kill();
            kills++;
            await StartBotAsync();
        }
        await stop.CancelAsync();
        await Task.WhenAll(people);
        Kill();

        var stored = ReadStore();
        output.WriteLine($"kill test: {clock.Elapsed.TotalSeconds:0} s, {kills} kills, {shown.Count} references shown, {failures} failed requests retried, {stored.Count} disclosures stored");
        Assert.True(kills >= 5, $"only {kills} kills");
        Assert.True(shown.Count >= 5, $"only {shown.Count} disclosures were submitted");
        foreach (var (reference, dialog) in shown)
            Assert.Equal(dialog, Assert.Single(stored, r => r.Reference == reference).Id);
        Assert.Equal(stored.Count, stored.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(n => $"GIFT-{DateTime.UtcNow.Year}-{n:000000}"), stored.Select(r => r.Reference).Order(StringComparer.Ordinal));
    }

    /// <summary>One gift declaration from the button to the reference; any failed request is retried until it answers.</summary>
    private Task<(string? Reference, string? Dialog)> DeclareAsync(HttpClient http, string conversation, string aad, Action failed) =>
        GiftDeclaration.RunAsync((verb, data) => InvokeAsync(http, conversation, aad, verb, data, failed), () => LatestCard(conversation));

    private async Task<JsonElement?> InvokeAsync(HttpClient http, string conversation, string aad, string verb, JsonNode data, Action failed)
    {
        var body = Activities.CardAction(_connector.ServiceUrl, verb, data, aadObjectId: aad, conversation: conversation);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var response = await http.PostAsync(new Uri("api/messages", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    if (json.RootElement.TryGetProperty("statusCode", out var status) && status.GetInt32() == 200)
                        return json.RootElement.Clone();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
            }
            failed();
            await Task.Delay(100);
        }
        return null;
    }

    private JsonObject LatestCard(string conversation)
    {
        var call = _connector.Calls.Last(c => c.Path.Contains(conversation, StringComparison.Ordinal) && c.Card is not null);
        return JsonNode.Parse(call.Card!.Value.GetRawText())!.AsObject();
    }

    private async Task StartBotAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Repo.Combine("bot", "EthicsBot", "bin", configuration, "net10.0", "EthicsBot.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}";
        start.Environment["Storage__SqlitePath"] = Path.Combine(_folder, "ethicsbot.db");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _bot = Process.Start(start)!;
        _bot.OutputDataReceived += (_, _) => { };
        _bot.ErrorDataReceived += (_, _) => { };
        _bot.BeginOutputReadLine();
        _bot.BeginErrorReadLine();
        await BotProcess.WaitHealthyAsync(_bot, _port, TimeSpan.FromSeconds(60), "the bot");
    }

    private void Kill()
    {
        if (_bot is { HasExited: false })
        {
            _bot.Kill(); // SIGKILL: no shutdown, no flush
            _bot.WaitForExit();
        }
        _bot?.Dispose();
        _bot = null;
    }

    private List<(string Id, string Reference)> ReadStore()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "ethicsbot.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, reference FROM disclosures";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
