using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EthicsBot.Teams.Hosting;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// What arrives at the edge and is not as Teams would send it: refused with a 400 in our own words naming the field,
/// never a runtime message; and a turn that fails on our side still gets an answer.
/// </summary>
public sealed class EdgeTests : IAsyncLifetime
{
    private BotOverHttp _http = null!;

    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    private string ServiceUrl => _http.Connector.ServiceUrl;

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("ws://127.0.0.1:1/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("127.0.0.1:3978")]
    [InlineData("http://user:secret@127.0.0.1:1/")]
    public async Task A_serviceUrl_that_is_not_http_on_this_machine_is_refused_at_the_edge(string serviceUrl)
    {
        using var response = await _http.PostAsync(Activities.Message(serviceUrl, "hello"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("serviceUrl", body, StringComparison.Ordinal);
        OurWords.Assert(body);
    }

    public static TheoryData<string, string, string> WrongKinds => new()
    {
        { "type", "5", "'type' must be a string" },
        { "from", "\"x\"", "'from' must be an object" },
        { "conversation", "[1]", "'conversation' must be an object" },
        { "timestamp", "\"yesterday\"", "'timestamp' must be a date and time" },
        { "membersAdded", "{}", "'membersAdded' must be an array" },
        { "attachments", "7", "'attachments' must be an array" },
        { "text", "{\"a\":1}", "'text' must be a string" },
        { "recipient", "true", "'recipient' must be an object" },
        { "entities", "\"e\"", "'entities' must be an array" },
    };

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public async Task A_field_of_the_wrong_kind_is_named_in_our_words(string field, string value, string expected)
    {
        var activity = JsonNode.Parse(Activities.Message(ServiceUrl, "hello"))!.AsObject();
        activity[field] = JsonNode.Parse(value);

        using var response = await _http.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, body, StringComparison.Ordinal);
        OurWords.Assert(body);
    }

    [Fact]
    public async Task A_nested_field_of_the_wrong_kind_is_named_by_its_path()
    {
        var activity = JsonNode.Parse(Activities.MembersAdded(ServiceUrl))!.AsObject();
        activity["membersAdded"] = JsonNode.Parse("""[{"id":"28:ethicsbot"},{"id":{"x":1}}]""");

        using var response = await _http.PostAsync(activity.ToJsonString());

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'membersAdded[1].id' must be a string", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"membersAdded":[null]}""", "membersAdded[0]")]
    [InlineData("""{"membersRemoved":[{"name":"no id"}]}""", "membersRemoved[0]")]
    public async Task A_conversation_update_with_a_member_that_is_not_one_is_refused(string members, string named)
    {
        var activity = JsonNode.Parse(Activities.MembersAdded(ServiceUrl))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(members)!.AsObject())
            activity[key] = value?.DeepClone();

        using var response = await _http.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message", null)]
    [InlineData("message", """{"name":"no id"}""")]
    [InlineData("invoke", """{"id":null}""")]
    public async Task A_message_or_invoke_without_its_sender_is_refused(string type, string? from)
    {
        var activity = JsonNode.Parse(type == "message" ? Activities.Message(ServiceUrl, "cancel")
            : Activities.CardAction(ServiceUrl, "disclosure", new { dialog = "d", org = "iom", op = "submit" }))!.AsObject();
        activity.Remove("from");
        if (from is not null)
            activity["from"] = JsonNode.Parse(from);

        using var response = await _http.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'from.id' is missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(200);
        Assert.Empty(_http.Connector.Calls);
    }

    /// <summary>Posts a real activity (a question the bot would answer) as <paramref name="contentType"/>, with these headers.</summary>
    private async Task<HttpResponseMessage> PostAsAsync(string? contentType, params (string Name, string Value)[] headers)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Activities.Message(ServiceUrl, "Can I accept a gift from a supplier?")));
        if (contentType is not null)
            Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await _http.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonp")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; odata=verbose")]
    [InlineData("application/json, text/plain")]
    [InlineData(null)]
    public async Task A_body_not_declared_as_JSON_is_refused_with_415_in_our_words_and_runs_no_turn(string? contentType)
    {
        using var response = await PostAsAsync(contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("the Content-Type must be application/json", body, StringComparison.Ordinal);
        OurWords.Assert(body);
        await Task.Delay(300);
        Assert.Empty(_http.Connector.Calls);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=\"UTF-8\"")]
    public async Task JSON_with_or_without_a_UTF8_charset_is_taken(string contentType)
    {
        using var response = await PostAsAsync(contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await _http.Connector.WaitForAsync("message"));
    }

    [Theory]
    [InlineData("text/plain", "Origin", "https://evil.example")] // the probe: a cross-site "simple" POST, which needs no preflight
    [InlineData("application/json", "Origin", "https://evil.example")]
    [InlineData("application/json", "Origin", "null")] // a sandboxed or file:// page
    [InlineData("application/json", "Origin", "http://127.0.0.1:56150")] // even a page on this machine: the Playground's page never posts here, its server does
    [InlineData("application/json", "Sec-Fetch-Site", "cross-site")]
    public async Task Without_an_app_id_a_request_from_a_web_page_is_refused_with_403_in_our_words_and_runs_no_turn(string contentType, string header, string value)
    {
        using var response = await PostAsAsync(contentType, (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("takes no request from a web page", body, StringComparison.Ordinal);
        OurWords.Assert(body);
        await Task.Delay(300);
        Assert.Empty(_http.Connector.Calls);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("emoji")]
    public async Task A_long_message_in_another_script_is_answered(string script)
    {
        // 9,000 Arabic characters (16 KB of UTF-8), or 6,000 emoji (24 KB).
        var text = script == "ar"
            ? string.Concat(Enumerable.Repeat("هل يمكنني قبول هدية من مورد؟ ", 400))[..9000]
            : string.Concat(Enumerable.Repeat("😀", 6000));

        await _http.SendAsync(Activities.Message(ServiceUrl, text));

        var reply = (await _http.Connector.WaitForAsync("message")).Single();
        Assert.True(reply.Card is not null || reply.Body.TryGetProperty("text", out _));
        Assert.True(Encoding.UTF8.GetByteCount(reply.Body.GetRawText()) < EthicsBot.Teams.Connector.ConnectorClient.MaxMessageBytes);
        Assert.DoesNotContain(text[..500], reply.Body.GetRawText(), StringComparison.Ordinal);
    }
}

/// <summary>A turn that fails on our side: the user hears that it did, the log has the fault and the activity id.</summary>
public sealed class FailingTurnTests : IAsyncLifetime
{
    private LoopbackConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _bot = new BotFactory(services: services => services.AddScoped<IBot, FaultyBot>());
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private sealed class FaultyBot : IBot
    {
        public Task<InvokeResponse?> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a fault deep in the bot");
    }

    [Fact]
    public async Task A_message_whose_turn_fails_is_answered_with_an_apology_and_the_fault_is_logged()
    {
        using var client = _bot.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.Message(_connector.ServiceUrl, "Can I accept a gift?", id: "m-faulty"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (await _connector.WaitForAsync("message")).Single();
        Assert.Equal(TurnQueue.SomethingWentWrong, reply.Body.GetProperty("text").GetString());
        Assert.Contains(_bot.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("m-faulty", StringComparison.Ordinal)
                                              && l.Contains("a fault deep in the bot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invoke_whose_turn_fails_gets_the_apology_in_its_body()
    {
        using var client = _bot.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.CardAction(_connector.ServiceUrl, "feedback", new { answerId = "a" }, id: "i-faulty"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("nothing you sent was lost", body, StringComparison.Ordinal);
        OurWords.Assert(body);
        Assert.Contains(_bot.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("i-faulty", StringComparison.Ordinal));
    }
}

/// <summary>Words that only a runtime, never we, would write in a response.</summary>
public static class OurWords
{
    public static readonly string[] RuntimeText =
        ["System.", "EthicsBot.", "Exception", "LineNumber", "BytePosition", "Path: $", "could not be converted", "   at "];

    public static bool HasRuntimeText(string body) => RuntimeText.Any(w => body.Contains(w, StringComparison.Ordinal));

    public static void Assert(string body)
    {
        foreach (var word in RuntimeText)
            Xunit.Assert.DoesNotContain(word, body, StringComparison.Ordinal);
    }
}
