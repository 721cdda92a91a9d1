using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

// benchmarks/load.sh runs this. N conversations, each asking its next question when its last answer has arrived,
// against a bot process started here, whose answers go to a sink connector in this process. The sink takes
// --delay-ms before it accepts a message; a message has arrived when the sink has accepted it (the moment Teams
// would show it). Everything is on 127.0.0.1, bounded in time; the bot is stopped at the end.
// "memory" first: the memory run instead (benchmarks/memory.sh, MemoryRun).
if (args.Length > 0 && args[0] == "memory")
{
    var memory = MemoryOptions.Parse(args);
    if (memory is null)
    {
        Console.Error.WriteLine("usage: EthicsBot.Load memory [--conversations 200] [--messages 2500] [--passes 4] [--long-every 10] [--settle 5] [--repo <root>]");
        return 2;
    }
    return await MemoryRun.RunAsync(memory);
}
// "campaign": the campaign run instead (benchmarks/campaign.sh, CampaignRun).
if (args.Length > 0 && args[0] == "campaign")
    return await CampaignRun.RunAsync(args);
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("""
        usage: EthicsBot.Load --bot ethicsbot|echo [--conversations 50] [--seconds 20] [--warmup 30] [--delay-ms 0]
                              [--repo <root>]  (ethicsbot: bot/EthicsBot/bin/Release/net10.0; echo: benchmarks/echo-bot)
        """);
    return 2;
}
return await LoadRun.RunAsync(options);

internal sealed record Options(string Bot, int Conversations, int Seconds, int Warmup, int DelayMs, string Repo)
{
    public static Options? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            map[args[i]] = args[i + 1];
        if (args.Length % 2 != 0 || !map.TryGetValue("--bot", out var bot) || bot is not ("ethicsbot" or "echo"))
            return null;
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(bot, Int("--conversations", 50), Int("--seconds", 20), Int("--warmup", 30), Int("--delay-ms", 0),
            map.TryGetValue("--repo", out var repo) ? repo : Directory.GetCurrentDirectory());
    }
}

internal static class LoadRun
{
    /// <summary>Questions staff ask (covered, not covered, small talk-free), rotated so no two in a row are the same.</summary>
    private static readonly string[] Questions =
    [
        "Can I accept a gift from a supplier?", "May I accept a dinner invitation from a contractor we work with?",
        "Can I have a second job in the evenings?", "Is it allowed to post about my work on social media?",
        "My brother applied for a job in my unit, what should I do?", "Can I use the office car to drive my children to school?",
        "Am I allowed to join a political party?", "What should I do if a partner offers me a discount on a flat?",
        "Can I accept a bottle of wine from a local official after a project visit?", "How do I reset my laptop password?",
        "Can I teach at a university while working here?", "Is it ok to hire my cousin as a driver for the project?",
        "What happens to confidential information after I leave?", "Can I write a book about my experience in the field?",
        "Am I allowed to receive an award from a government?", "Can I invest in a company that bids for our tenders?",
    ];

    public static string Question(int k) => Questions[k % Questions.Length];

    public static async Task<int> RunAsync(Options options)
    {
        var sink = await Sink.StartAsync(options.DelayMs);
        var port = FreePort();
        using var bot = StartBot(options, port);
        var exitCode = 0;
        try
        {
            await WaitUntilUpAsync(bot, port);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
            var stats = new Stats();
            var started = Stopwatch.StartNew();
            var warmupEnd = TimeSpan.FromSeconds(options.Warmup);
            var end = warmupEnd + TimeSpan.FromSeconds(options.Seconds);
            var conversations = Enumerable.Range(0, options.Conversations)
                .Select(i => ConverseAsync(http, sink, i, options, started, warmupEnd, end, stats)).ToList();
            // The bot's CPU time over the measured window: what a turn costs, whatever else the machine runs.
            await Task.Delay(warmupEnd);
            bot.Refresh();
            var cpuBefore = bot.TotalProcessorTime;
            await Task.Delay(end - warmupEnd);
            bot.Refresh();
            var cpu = bot.TotalProcessorTime - cpuBefore;
            await Task.WhenAll(conversations);
            var measured = options.Seconds;
            var latencies = stats.Latencies.ToArray();
            Array.Sort(latencies);
            var peakRss = PeakRssMegabytes(bot.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Bot,-9} delay={options.DelayMs}ms conversations={options.Conversations}: {latencies.Length} turns in {measured} s = {latencies.Length / (double)measured:0.0} turns/s, " +
                $"p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, peak RSS {peakRss:0} MB, " +
                $"bot CPU {cpu.TotalMilliseconds / Math.Max(1, latencies.Length):0.00} ms/turn ({cpu.TotalSeconds / measured:0.00} cores), load {LoadAverage()}, " +
                $"out of order {sink.OutOfOrder}, unanswered {stats.Unanswered}, failed posts {stats.FailedPosts}"));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            Console.Error.WriteLine($"load run failed: {e.Message}");
            exitCode = 1;
        }
        finally
        {
            await StopAsync(bot);
            await sink.DisposeAsync();
            RemoveDataFolder();
        }
        return exitCode;
    }

    public static void RemoveDataFolder()
    {
        if (Directory.Exists(DataFolder))
            Directory.Delete(DataFolder, recursive: true);
    }

    private static async Task ConverseAsync(HttpClient http, Sink sink, int index, Options options, Stopwatch clock, TimeSpan warmupEnd, TimeSpan end, Stats stats)
    {
        var conversation = $"a:load-{index}";
        var posts = new List<Task>();
        for (var turn = 0; clock.Elapsed < end; turn++)
        {
            var id = $"{index}-{turn}";
            var answered = sink.Expect(conversation, id);
            var text = Question(index + turn);
            var at = clock.Elapsed;
            posts.Add(PostAsync(http, JsonSerializer.Serialize(Activity(sink.ServiceUrl, conversation, id, index, text)), stats));
            var done = await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(30)));
            if (done != answered)
            {
                Interlocked.Increment(ref stats.Unanswered);
                sink.Forget(conversation, id);
                continue;
            }
            var latency = (clock.Elapsed - at).TotalMilliseconds;
            if (at >= warmupEnd && clock.Elapsed <= end)
                stats.Latencies.Add(latency);
        }
        await Task.WhenAll(posts);
    }

    private static async Task PostAsync(HttpClient http, string body, Stats stats)
    {
        try
        {
            using var response = await http.PostAsync(new Uri("api/messages", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.OK)
                Interlocked.Increment(ref stats.FailedPosts);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref stats.FailedPosts);
        }
    }

    /// <summary>A 1:1 message as Teams sends it, from the driver's user number <paramref name="user"/> of run <paramref name="run"/>.</summary>
    internal static Dictionary<string, object> Activity(string serviceUrl, string conversation, string id, int user, string text, string run = "load") => new()
    {
        ["type"] = "message", ["id"] = id, ["timestamp"] = DateTimeOffset.UtcNow, ["serviceUrl"] = serviceUrl, ["channelId"] = "msteams",
        ["from"] = new { id = $"29:{run}-user-{user}", name = $"{char.ToUpperInvariant(run[0])}{run[1..]} Test", aadObjectId = $"00000000-0000-0000-0000-{user:000000000000}" },
        ["conversation"] = new { id = conversation, conversationType = "personal", tenantId = "tenant-load" },
        ["recipient"] = new { id = "28:ethicsbot", name = "EthicsBot" },
        ["text"] = text, ["textFormat"] = "plain", ["locale"] = "en-US",
        ["channelData"] = new { tenant = new { id = "tenant-load" } },
    };

    /// <summary>The bot's SQLite file for this run, removed at the end.</summary>
    private static readonly string DataFolder = Path.Combine(Path.GetTempPath(), $"ethicsbot-load-{Environment.ProcessId}");

    /// <summary>The bot as a process on <paramref name="port"/>; <paramref name="settings"/> (environment variables) override its defaults.</summary>
    internal static Process StartBot(Options options, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        ProcessStartInfo start;
        if (options.Bot == "ethicsbot")
        {
            var dll = Path.Combine(options.Repo, "bot", "EthicsBot", "bin", "Release", "net10.0", "EthicsBot.dll");
            if (!File.Exists(dll))
                throw new InvalidOperationException($"{dll} is missing: dotnet build -c Release bot/EthicsBot");
            start = new ProcessStartInfo("dotnet") { ArgumentList = { dll } };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["Storage__SqlitePath"] = Path.Combine(DataFolder, "ethicsbot.db");
        }
        else
        {
            start = new ProcessStartInfo("node") { ArgumentList = { Path.Combine(options.Repo, "benchmarks", "echo-bot", "index.js") } };
            start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the bot did not start");
        // Read and drop what it prints (a full pipe would stall it).
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine($"  bot: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitUntilUpAsync(Process bot, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (bot.HasExited)
                throw new InvalidOperationException($"the bot exited with {bot.ExitCode}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                await Task.Delay(500); // listening comes last in both bots' start
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("the bot did not come up within 90 s");
    }

    internal static async Task StopAsync(Process bot)
    {
        if (!bot.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", bot.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await bot.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                bot.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The process's peak resident set (VmHWM), in MB.</summary>
    private static double PeakRssMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The machine's one-minute load average: what else was running (this machine is shared).</summary>
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Stats
    {
        public readonly ConcurrentBag<double> Latencies = [];
        public int Unanswered;
        public int FailedPosts;
    }
}
