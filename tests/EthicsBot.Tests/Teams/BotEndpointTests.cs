using System.Net;
using System.Text;
using System.Text.Json;
using EthicsBot.Features.Office;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Teams;

/// <summary>The bot over HTTP, as Teams talks to it, with a real loopback server standing in for the connector.</summary>
public sealed class BotEndpointTests : IAsyncLifetime
{
    private BotOverHttp _http = null!;
    private LoopbackConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _http = await BotOverHttp.StartAsync();
        (_connector, _bot) = (_http.Connector, _http.Bot);
    }

    public async Task DisposeAsync() => await _http.DisposeAsync();

    private Task<HttpResponseMessage> Post(string json) => _http.PostAsync(json);

    [Fact]
    public async Task A_question_is_acknowledged_then_answered_with_a_card_citing_the_clause()
    {
        using var response = await Post(Activities.Message(_connector.ServiceUrl, "Can I accept a gift from a government official?", id: "m-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (await _connector.WaitForAsync("message"))[0];
        Assert.Equal("POST", reply.Method);
        Assert.Equal("/v3/conversations/a:1on1-conversation/activities/m-1", reply.Path);
        Assert.Null(reply.Authorization); // no app id: no token is sent
        var card = reply.Card!.Value;
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var cardText = card.GetRawText();
        Assert.Contains("iom-5.49", cardText, StringComparison.Ordinal);
        Assert.Contains("No staff member shall accept any honour, decoration, favour, gift", cardText, StringComparison.Ordinal);
        Assert.Contains("Ask the ethics office", cardText, StringComparison.Ordinal);
        Assert.Contains("Declare a gift", cardText, StringComparison.Ordinal);
        Assert.Equal("28:ethicsbot", reply.Body.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("29:user-1", reply.Body.GetProperty("recipient").GetProperty("id").GetString());
        // (Whether "…is typing" went first depends on how fast the answer was: TypingTests.)
    }

    [Fact]
    public async Task A_report_gets_the_handoff_and_leaves_no_trace_on_disk_or_in_the_logs()
    {
        const string report = "My supervisor Jonas Karlsen demanded a bribe from the fuel supplier in Gulu";

        using var response = await Post(Activities.Message(_connector.ServiceUrl, report));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var handoff = (await _connector.WaitForAsync("message"))[0];
        var card = handoff.Card!.Value.GetRawText();
        Assert.Contains("https://weareallin.iom.int/", card, StringComparison.Ordinal);
        Assert.Contains("not anonymous", card, StringComparison.Ordinal);
        Assert.Contains("iom-5.21", card, StringComparison.Ordinal);
        Assert.Contains("kept no copy", card, StringComparison.Ordinal);
        Assert.DoesNotContain("typing", _connector.Calls.Select(c => c.Type));
        foreach (var call in _connector.Calls)
            Assert.DoesNotContain("Karlsen", call.Body.GetRawText(), StringComparison.Ordinal);

        // Make sure the store exists, then look at every byte the bot has on disk.
        await _bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default);
        foreach (var file in Directory.EnumerateFiles(_bot.DataFolder, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain("Karlsen", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        Assert.NotEmpty(_bot.Logs.Lines);
        Assert.DoesNotContain(_bot.Logs.Lines, l => l.Contains("Karlsen", StringComparison.Ordinal) || l.Contains("bribe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_activity_is_answered_once()
    {
        var activity = Activities.Message(_connector.ServiceUrl, "Can I be a member of a political party?", id: "same-id");

        using (var first = await Post(activity))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var again = await Post(activity))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await _connector.WaitForAsync("message");
        await Task.Delay(500);
        Assert.Single(_connector.Calls, c => c.Type == "message");
    }

    [Theory]
    [InlineData("{not json", "not a valid activity")]
    [InlineData("[1,2,3]", "not a valid activity")]
    [InlineData("null", "null")]
    [InlineData("""{"text":"hi"}""", "no type")]
    [InlineData("""{"type":"message","text":"hi","conversation":{"id":"c"}}""", "no serviceUrl")]
    [InlineData("""{"type":"message","serviceUrl":"http://127.0.0.1:1/","text":"hi"}""", "no conversation id")]
    [InlineData("""{"type":"message","serviceUrl":"https://smba.trafficmanager.net/emea/","conversation":{"id":"c"},"text":"hi"}""", "this machine")]
    [InlineData("", "empty")]
    public async Task Bad_bodies_are_refused_with_400_naming_the_problem(string body, string problem)
    {
        using var response = await Post(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var huge = Activities.Message(_connector.ServiceUrl, new string('a', 300 * 1024));

        using var response = await Post(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 262144 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_long_message_within_the_limit_is_answered()
    {
        // 74 KB: read whole into its pooled buffer, answered like any message.
        var message = Activities.Message(_connector.ServiceUrl, string.Concat(Enumerable.Repeat("Can I accept a gift from a supplier? ", 2_000)));

        using var response = await Post(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_connector.Calls);
    }

    [Fact]
    public async Task Unknown_activity_types_are_acknowledged_and_ignored()
    {
        var json = Activities.Message(_connector.ServiceUrl, "x").Replace("\"type\":\"message\"", "\"type\":\"somethingNew\"", StringComparison.Ordinal);

        using var response = await Post(json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(300);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_team_channel_logs_what_to_set_for_the_ethics_office()
    {
        using var response = await Post(Activities.MembersAdded(_connector.ServiceUrl, "19:office@thread.tacv2", "channel"));

        await _connector.WaitForAsync("message");
        Assert.Contains(_bot.Logs.Lines, l => l.Contains("set Organizations:iom:EthicsOffice:ConversationId=19:office@thread.tacv2", StringComparison.Ordinal)
                                              && l.Contains($"ServiceUrl={_connector.ServiceUrl}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adding_the_bot_sends_the_welcome_card()
    {
        using var response = await Post(Activities.MembersAdded(_connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = (await _connector.WaitForAsync("message"))[0].Card!.Value.GetRawText();
        Assert.Contains("not anonymous", card, StringComparison.Ordinal);
        Assert.Contains("Can I accept a gift from a supplier?", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_talk_gets_a_sentence_not_a_search()
    {
        using var response = await Post(Activities.Message(_connector.ServiceUrl, "thank you"));

        var reply = (await _connector.WaitForAsync("message"))[0];
        Assert.Null(reply.Card);
        Assert.Contains("welcome", reply.Body.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("typing", _connector.Calls.Select(c => c.Type));
    }

    [Fact]
    public async Task A_question_the_Code_does_not_cover_says_so_and_offers_the_ethics_office()
    {
        using var response = await Post(Activities.Message(_connector.ServiceUrl, "How do I reset my laptop password?"));

        var card = (await _connector.WaitForAsync("message"))[0].Card!.Value.GetRawText();
        Assert.Contains("does not clearly cover", card, StringComparison.Ordinal);
        Assert.Contains("Send my question to the ethics office", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_is_answered_in_the_invoke_response_and_recorded_against_the_answer()
    {
        using var response = await Post(Activities.CardAction(_connector.ServiceUrl, "feedback",
            new { answerId = "answer-42", helpful = false, org = "iom", clauses = new[] { "iom-5.49" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.activity.message", body.RootElement.GetProperty("type").GetString());
        var stored = await _bot.Services.GetRequiredService<IOfficeStore>().FeedbackAsync("iom", "answer-42", default);
        Assert.NotNull(stored);
        Assert.False(stored.Helpful);
        Assert.Equal(["iom-5.49"], stored.Clauses);
    }

    [Fact]
    public async Task Asking_the_ethics_office_queues_the_question_once_with_where_to_answer()
    {
        var data = new { answerId = "answer-7", question = "Can I bring my dog to the office?", org = "iom", clauses = new[] { "iom-5.46" } };

        using (var first = await Post(Activities.CardAction(_connector.ServiceUrl, "askEthicsOffice", data)))
            Assert.Contains("was sent to the IOM Ethics and Conduct Office", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var second = await Post(Activities.CardAction(_connector.ServiceUrl, "askEthicsOffice", data)))
            Assert.Contains("already with", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var queued = Assert.Single((await _bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default)));
        Assert.Equal("Can I bring my dog to the office?", queued.Question);
        Assert.Equal("a:1on1-conversation", queued.Asker.Conversation!.Id);
        Assert.Equal(_connector.ServiceUrl, queued.Asker.ServiceUrl);
    }

    [Fact]
    public async Task A_card_action_without_a_verb_is_a_clear_error_not_a_500()
    {
        var json = Activities.CardAction(_connector.ServiceUrl, "x", new { }).Replace("\"verb\":\"x\",", "", StringComparison.Ordinal);

        using var response = await Post(json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no verb", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
