using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

/// <summary>
/// benchmarks/memory.sh runs this (issue 25): what a burst of long messages leaves in the bot's memory. Passes of
/// --messages messages from --conversations conversations (each asking its next when its last answer has arrived), of
/// which one in --long-every is long: a pasted email in English, or a long Arabic message, 8–60 KB of UTF-8, made here
/// from sentences written for this benchmark. After each pass, and --settle seconds of quiet, it prints the bot's
/// resident set (VmRSS) and its GC heap and GC committed bytes, read over EventPipe as dotnet-counters reads them.
/// Settings for the bot go through the environment (DOTNET_*, Section__Key): the bot inherits it.
/// </summary>
internal static class MemoryRun
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static async Task<int> RunAsync(MemoryOptions options)
    {
        var sink = await Sink.StartAsync(0);
        var port = LoadRun.FreePort();
        using var bot = LoadRun.StartBot(new Options("ethicsbot", options.Conversations, 0, 0, 0, options.Repo), port);
        try
        {
            await LoadRun.WaitUntilUpAsync(bot, port);
            using var counters = RuntimeCounters.Start(bot.Id);
            await Task.Delay(TimeSpan.FromSeconds(options.Settle));
            Console.WriteLine($"memory run: {Environment.ProcessorCount} cores, {options.Passes} passes of {options.Messages} messages from {options.Conversations} conversations, " +
                              $"one in {options.LongEvery} long (8-60 KB, English email or Arabic), {options.Settle} s of quiet before each reading");
            Console.WriteLine($"idle     : {Reading(bot.Id, counters)}");
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
            for (var pass = 1; pass <= options.Passes; pass++)
            {
                var clock = Stopwatch.StartNew();
                var (unanswered, failed) = await PassAsync(http, sink, pass, options);
                var seconds = clock.Elapsed.TotalSeconds;
                await Task.Delay(TimeSpan.FromSeconds(options.Settle));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pass {pass}   : {Reading(bot.Id, counters)}; {options.Messages} messages in {seconds:0.0} s ({options.Messages / seconds:0} turns/s), unanswered {unanswered}, failed posts {failed}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS {Status(bot.Id, "VmHWM"):0} MB, out of order {sink.OutOfOrder}"));
            return 0;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            Console.Error.WriteLine($"memory run failed: {e.Message}");
            return 1;
        }
        finally
        {
            await LoadRun.StopAsync(bot);
            await sink.DisposeAsync();
            LoadRun.RemoveDataFolder();
        }
    }

    private static string Reading(int pid, RuntimeCounters counters) => string.Create(CultureInfo.InvariantCulture,
        $"RSS {Status(pid, "VmRSS"),4:0} MB, GC heap {counters.Get("gc-heap-size"),4:0} MB, GC committed {counters.Get("gc-committed"),4:0} MB");

    /// <summary>One pass: the conversations take the pass's messages in turn, each waiting for its last answer.</summary>
    private static async Task<(int Unanswered, int Failed)> PassAsync(HttpClient http, Sink sink, int pass, MemoryOptions options)
    {
        var next = -1;
        var unanswered = 0;
        var failed = 0;
        async Task ConverseAsync(int index)
        {
            var conversation = $"a:memory-{index}";
            int k;
            while ((k = Interlocked.Increment(ref next)) < options.Messages)
            {
                var id = $"{index}-{(pass * options.Messages) + k}";
                var answered = sink.Expect(conversation, id);
                var body = Body(sink.ServiceUrl, conversation, id, index, Text(pass, k, options.LongEvery));
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                var post = http.PostAsync(new Uri("api/messages", UriKind.Relative), content);
                if (await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(60))) != answered)
                {
                    Interlocked.Increment(ref unanswered);
                    sink.Forget(conversation, id);
                }
                try
                {
                    using var response = await post;
                    if (!response.IsSuccessStatusCode)
                        Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, options.Conversations).Select(ConverseAsync));
        return (unanswered, failed);
    }

    /// <summary>Message k of a pass: one in <paramref name="longEvery"/> long, alternately English and Arabic; else a short question.</summary>
    internal static string Text(int pass, int k, int longEvery)
    {
        if (longEvery <= 0 || k % longEvery != longEvery - 1)
            return LoadRun.Question(k);
        var random = new Random((pass * 1_000_003) + k);
        var bytes = random.Next(8 * 1024, (60 * 1024) + 1);
        return (k / longEvery) % 2 == 0 ? LongText.English(random, bytes) : LongText.Arabic(random, bytes);
    }

    /// <summary>A 1:1 message as Teams sends it, in UTF-8 without escapes (as the connector sends Arabic).</summary>
    private static byte[] Body(string serviceUrl, string conversation, string id, int user, string text) =>
        JsonSerializer.SerializeToUtf8Bytes(LoadRun.Activity(serviceUrl, conversation, id, user, text, "memory"), Json);

    /// <summary>A field of /proc/pid/status, in MB.</summary>
    private static double Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}

internal sealed record MemoryOptions(int Conversations, int Messages, int Passes, int LongEvery, int Settle, string Repo)
{
    public static MemoryOptions? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
            map[args[i]] = args[i + 1];
        if (args.Length % 2 != 1 || map.Keys.Any(k => k is not ("--conversations" or "--messages" or "--passes" or "--long-every" or "--settle" or "--repo")))
            return null;
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new MemoryOptions(Int("--conversations", 200), Int("--messages", 2_500), Int("--passes", 4), Int("--long-every", 10), Int("--settle", 5),
            map.TryGetValue("--repo", out var repo) ? repo : Directory.GetCurrentDirectory());
    }
}
