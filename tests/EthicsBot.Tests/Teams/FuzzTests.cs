using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// Ten thousand malformed activities, made from real ones by a seeded generator (fields removed, of the wrong kind,
/// null, huge, nested too deep; bodies cut short; odd card data), posted to the bot over HTTP. Not one may get a
/// 5xx, make a turn fail, or bring a runtime message back in a response.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Count = 10_000;
    private BotOverHttp _http = null!;

    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_malformed_activities_get_no_5xx_no_failed_turn_and_no_runtime_text()
    {
        var random = new Random(20261126);
        var statuses = new Dictionary<int, int>();
        var runtimeTexts = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var body = Mutate(random, Base(random, _http.Connector.ServiceUrl));
            using var response = await _http.PostAsync(body);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            if (OurWords.HasRuntimeText(text))
                runtimeTexts.Add($"{status} {text[..Math.Min(300, text.Length)]}");
            if (i % 250 == 249)
                await QuietAsync(); // let the turns queued so far finish, as Teams' own pacing would
        }
        await QuietAsync();

        var failed = _http.Bot.Logs.Lines.Where(l => l.Contains("Turn failed", StringComparison.Ordinal) || l.Contains("Invoke", StringComparison.Ordinal) && l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        var failedTurns = failed.Count;
        foreach (var line in failed.Take(5))
            output.WriteLine(line[..Math.Min(1500, line.Length)]);
        output.WriteLine($"fuzz: {Count} activities; responses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; " +
                         $"5xx: {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)}; failed turns: {failedTurns}; runtime texts: {runtimeTexts.Count}; connector calls: {_http.Connector.Calls.Count}");
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.Empty(runtimeTexts);
        Assert.Equal(0, failedTurns);
        Assert.True(statuses.GetValueOrDefault(200) > 1000, "the generator should also make activities the bot takes");
        Assert.True(statuses.GetValueOrDefault(400) > 1000, "the generator should mostly make activities the bot refuses");
    }

    /// <summary>Waits until the connector has had no call for a moment: the bot's queued turns are done.</summary>
    private async Task QuietAsync()
    {
        var last = -1;
        while (_http.Connector.Calls.Count != last)
        {
            last = _http.Connector.Calls.Count;
            await Task.Delay(150);
        }
    }

    private static readonly string[] Verbs =
        ["feedback", "askEthicsOffice", "startDisclosure", "disclosure", "myDisclosures", "disclosureDecision", "disclosureRefresh",
         "reviewPage", "reviewAnswer", "reviewDismiss", "reviewAssign", "faqPublish", "faqEdit", "faqWithdraw", "eraseConfirm", "nonsense"];

    private static readonly string[] Texts =
        ["Can I accept a gift from a supplier?", "hello", "help", "cancel", "back", "my disclosures", "I want to declare a gift",
         "review", "faq", "insights", "erase 29:someone", "who are you", "", " ", "<at>EthicsBot</at> can I teach at a university?"];

    private static JsonObject Base(Random random, string serviceUrl) => random.Next(4) switch
    {
        0 => JsonNode.Parse(Activities.MembersAdded(serviceUrl))!.AsObject(),
        1 => JsonNode.Parse(Activities.CardAction(serviceUrl, Verbs[random.Next(Verbs.Length)], RandomData(random)))!.AsObject(),
        _ => JsonNode.Parse(Activities.Message(serviceUrl, Texts[random.Next(Texts.Length)]))!.AsObject(),
    };

    private static object RandomData(Random random) => new Dictionary<string, object?>
    {
        ["answerId"] = random.Next(3) == 0 ? null : Guid.NewGuid().ToString("N"),
        ["question"] = random.Next(3) == 0 ? new string('q', random.Next(0, 3000)) : "Can I accept a gift?",
        ["org"] = random.Next(4) switch { 0 => "iom", 1 => "ims", 2 => "../etc", _ => null },
        ["dialog"] = random.Next(2) == 0 ? Guid.NewGuid().ToString("N") : "' OR 1=1 --",
        ["op"] = random.Next(5) switch { 0 => "next", 1 => "back", 2 => "cancel", 3 => "submit", _ => "explode" },
        ["step"] = random.Next(3) switch { 0 => "-1", 1 => "99999999999", _ => "0" },
        ["helpful"] = random.Next(3) switch { 0 => true, 1 => "yes", _ => null },
        ["clauses"] = random.Next(2) == 0 ? new[] { "iom-5.49" } : null,
        ["decision"] = random.Next(2) == 0 ? "approved" : "maybe",
        ["id"] = "x",
        ["type"] = random.Next(2) == 0 ? "gift" : "nope",
        ["user"] = "29:someone",
    };

    private static readonly string[] Fields =
        ["type", "id", "timestamp", "serviceUrl", "channelId", "from", "conversation", "recipient", "text", "attachments",
         "entities", "value", "name", "channelData", "replyToId", "locale", "membersAdded", "membersRemoved", "textFormat"];

    private static readonly string[] Nested =
        ["from.id", "from.aadObjectId", "from.name", "conversation.id", "conversation.conversationType", "conversation.tenantId",
         "recipient.id", "value.action", "value.action.verb", "value.action.data", "channelData.tenant", "channelData.tenant.id"];

    private static JsonNode? RandomValue(Random random) => random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        2 => JsonValue.Create(random.NextDouble() * 1e300),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => new JsonArray(JsonValue.Create(1), null, JsonValue.Create("x")),
        5 => new JsonObject { ["a"] = 1 },
        6 => JsonValue.Create(""),
        7 => JsonValue.Create(new string('x', random.Next(1, 20_000))),
        8 => JsonValue.Create("\u0000\uFFFF\uD83D"),
        9 => JsonValue.Create("file:///etc/passwd"),
        10 => new JsonArray(new JsonObject(), new JsonObject { ["id"] = null }),
        _ => JsonValue.Create("2026-13-45T99:99:99Z"),
    };

    private static string Mutate(Random random, JsonObject activity)
    {
        var mutations = 1 + random.Next(3);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(7))
            {
                case 0:
                    activity.Remove(Fields[random.Next(Fields.Length)]);
                    break;
                case 1 or 2:
                    activity[Fields[random.Next(Fields.Length)]] = RandomValue(random);
                    break;
                case 3:
                    SetNested(activity, Nested[random.Next(Nested.Length)], RandomValue(random));
                    break;
                case 4:
                    // A body cut short, or one nesting deeper than the protocol allows.
                    var json = activity.ToJsonString();
                    return random.Next(2) == 0 ? json[..random.Next(json.Length)] : new string('[', 100) + new string(']', 100);
                case 5:
                    activity["type"] = random.Next(4) switch { 0 => "message", 1 => "invoke", 2 => "conversationUpdate", _ => "typing" };
                    break;
                default:
                    break; // left as it is: some activities stay well formed
            }
        }
        return activity.ToJsonString();
    }

    private static void SetNested(JsonObject activity, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = activity;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
                return;
            node = child;
        }
        node[parts[^1]] = value;
    }
}
