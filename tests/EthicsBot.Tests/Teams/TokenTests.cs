using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthicsBot.Teams;
using EthicsBot.Teams.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// Inbound tokens, signed with a test key published by a loopback OpenID metadata server the way the Bot Connector
/// publishes its keys (with channel endorsements). A good token passes; each bad one is refused with 401.
/// </summary>
public sealed class TokenTests : IAsyncLifetime
{
    private const string AppId = ConnectorKeys.AppId;
    private readonly RsaSecurityKey _otherKey = new(RSA.Create(2048)) { KeyId = "connector-key" };
    private const string OtherAppOfTheTenant = "77777777-6666-5555-4444-333333333333";
    private const string AllowedSkill = "12121212-3434-5656-7878-909090909090";
    private const string OfficeMember = "00000000-0000-0000-0000-0000000000f1";
    private ConnectorKeys _keys = null!;
    private LoopbackConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _keys = await ConnectorKeys.StartAsync();
        _connector = await LoopbackConnector.StartAsync();
        var settings = _keys.Settings();
        settings["Bot:AllowedCallers:0"] = AllowedSkill;
        settings["Organizations:iom:EthicsOffice:Members:0"] = OfficeMember;
        _bot = new BotFactory(settings, services => services.AddSingleton<EthicsBot.Teams.Connector.IConnectorTokenProvider>(new FixedConnectorToken("outbound-token")));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _keys.DisposeAsync();
    }

    private string EntraToken(string caller) => _keys.EntraToken(caller);

    private string Token(SecurityKey? key = null, string issuer = BotTokenIssuers.BotFramework, string audience = AppId,
        DateTime? notBefore = null, DateTime? expires = null, string? serviceUrl = null) =>
        _keys.Token(serviceUrl ?? _connector.ServiceUrl, key, issuer, audience, notBefore, expires);

    private async Task<HttpStatusCode> Send(string? token, string channelId = "msteams", string? serviceUrl = null)
    {
        using var client = _bot.CreateClient();
        var body = Activities.Message(serviceUrl ?? _connector.ServiceUrl, "thanks").Replace("\"channelId\":\"msteams\"", $"\"channelId\":\"{channelId}\"", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>An ethics office member's "review", as Web Chat's client may claim to be anyone (from.aadObjectId is its to choose).</summary>
    private string MemberActivity(string type, string channel, string id) =>
        (type == "message"
            ? Activities.Message(_connector.ServiceUrl, "review", id: id, aadObjectId: OfficeMember, name: "Olu Office")
            : Activities.CardAction(_connector.ServiceUrl, "feedback", new { answerId = "a" }, id: id, aadObjectId: OfficeMember))
        .Replace("\"channelId\":\"msteams\"", $"\"channelId\":\"{channel}\"", StringComparison.Ordinal);

    private async Task<HttpResponseMessage> Post(string activity, string token)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity, Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", token) },
        };
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("message")]
    [InlineData("invoke")]
    public async Task An_activity_from_Web_Chat_signed_with_a_key_endorsed_for_Web_Chat_is_refused_with_403_and_runs_no_turn(string type)
    {
        using var response = await Post(MemberActivity(type, "webchat", "webchat-" + type), Token(key: _keys.WebChatKey));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This bot takes activities only from msteams", body, StringComparison.Ordinal);
        OurWords.Assert(body);
        Assert.Contains(_bot.Logs.Lines, l => l.Contains($"Refused a {type} activity from channel 'webchat': not one of Bot:Channels", StringComparison.Ordinal));
        // No turn: nothing sent, and the activity was never claimed (a claim is the first thing a turn leaves behind).
        await Task.Delay(300);
        Assert.Empty(_connector.Calls);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(EthicsBot.Teams.Hosting.ClaimOutcome.Claimed, await _bot.Services.GetRequiredService<EthicsBot.Teams.Hosting.IActivityLedger>()
            .TryClaimAsync(EthicsBot.Teams.Hosting.ActivityKeys.KeyOf("webchat", "a:1on1-conversation", "webchat-" + type), "probe", now, now.AddMinutes(1), default));
    }

    [Fact]
    public async Task The_same_member_s_review_from_Teams_is_answered()
    {
        using var response = await Post(MemberActivity("message", "msteams", "teams-review"), Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await _connector.WaitForAsync("message"));
    }

    [Fact]
    public async Task With_an_app_id_a_body_not_declared_as_JSON_is_refused_with_415_even_with_a_good_token()
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(MemberActivity("message", "msteams", "as-text"), Encoding.UTF8, "text/plain"),
            Headers = { Authorization = new("Bearer", Token()) },
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        OurWords.Assert(await response.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task An_activity_naming_no_channel_is_refused_whatever_the_key()
    {
        var activity = System.Text.Json.Nodes.JsonNode.Parse(MemberActivity("message", "msteams", "no-channel"))!.AsObject();
        activity.Remove("channelId");

        using var response = await Post(activity.ToJsonString(), Token());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(_bot.Logs.Lines, l => l.Contains("the activity names no channel", StringComparison.Ordinal));
        await Task.Delay(200);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_good_connector_token_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, await Send(Token()));
        var reply = (await _connector.WaitForAsync("message"))[0];
        Assert.Equal("Bearer outbound-token", reply.Authorization);
    }

    [Fact]
    public async Task A_token_within_the_five_minute_clock_skew_is_accepted() =>
        Assert.Equal(HttpStatusCode.OK, await Send(Token(notBefore: DateTime.UtcNow.AddMinutes(-40), expires: DateTime.UtcNow.AddMinutes(-3))));

    public static TheoryData<string> BadTokens => new()
    {
        "no token", "not a jwt", "bad signature", "expired", "not yet valid", "wrong issuer", "wrong audience",
        "serviceUrl mismatch", "unendorsed channel", "alg none", "unknown key",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_with_401_and_the_activity_is_not_processed(string bad)
    {
        var channel = "msteams";
        var token = bad switch
        {
            "no token" => null,
            "not a jwt" => "abc.def",
            "bad signature" => Token(key: _otherKey),
            "expired" => Token(notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6)),
            "not yet valid" => Token(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(60)),
            "wrong issuer" => Token(issuer: "https://evil.example.com"),
            "wrong audience" => Token(audience: "00000000-0000-0000-0000-000000000000"),
            "serviceUrl mismatch" => Token(serviceUrl: "https://smba.trafficmanager.net/evil/"),
            "unendorsed channel" => Token(key: _keys.WebChatKey),
            "alg none" => Unsigned(),
            "unknown key" => Token(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "never-published" }),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await Send(token, channel));
        await Task.Delay(200);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_refusal_says_nothing_of_the_library_s_reasons()
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(Activities.Message(_connector.ServiceUrl, "thanks"), Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", Token(notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6))) },
        };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("This endpoint takes activities from the Bot Framework with a valid token for this bot.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("IDX", body, StringComparison.Ordinal);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task An_Entra_token_from_another_application_of_the_tenant_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(EntraToken(OtherAppOfTheTenant)));
        await Task.Delay(200);
        Assert.Empty(_connector.Calls);
    }

    [Theory]
    [InlineData(AppId)]
    [InlineData(AllowedSkill)]
    public async Task An_Entra_token_from_the_bot_itself_or_an_allowed_caller_is_accepted(string caller)
    {
        Assert.Equal(HttpStatusCode.OK, await Send(EntraToken(caller)));
        Assert.Equal("Bearer outbound-token", (await _connector.WaitForAsync("message"))[0].Authorization);
    }

    [Fact]
    public async Task An_activity_asking_for_answers_at_an_untrusted_host_is_refused_and_nothing_is_sent_there()
    {
        // "localhost" reaches the same loopback connector, so a send there would be seen; it is not a trusted host.
        var untrusted = _connector.ServiceUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, await Send(Token(serviceUrl: untrusted), serviceUrl: untrusted));
        Assert.Equal(HttpStatusCode.BadRequest, await Send(EntraToken(AppId), serviceUrl: untrusted));
        await Task.Delay(300);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task The_connector_client_never_sends_the_token_to_an_untrusted_host()
    {
        var untrusted = _connector.ServiceUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var services = ConnectorPipeline.Build(new BotSettings(), new FixedConnectorToken("outbound-token"));
        var client = services.GetRequiredService<EthicsBot.Teams.Protocol.IConnectorClient>();

        await Assert.ThrowsAsync<EthicsBot.Teams.Protocol.ConnectorException>(() =>
            client.SendToConversationAsync(untrusted, "conv", new EthicsBot.Teams.Protocol.Activity { Type = "message", Text = "hi" }, default));
        await Assert.ThrowsAsync<EthicsBot.Teams.Protocol.ConnectorException>(() =>
            client.SendToConversationAsync("http://smba.trafficmanager.net.localhost:1/", "conv", new EthicsBot.Teams.Protocol.Activity { Type = "message" }, default));
        Assert.Empty(_connector.Calls);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://webchat.botframework.com/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/amer/", true)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.example/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("https://user:pw@smba.trafficmanager.net/", false)]
    [InlineData("http://192.0.2.2:8080/", false)]
    [InlineData("ftp://smba.trafficmanager.net/", false)]
    public void Only_Bot_Framework_and_Teams_hosts_on_https_are_trusted_by_default(string serviceUrl, bool trusted)
    {
        var policy = new ServiceUrlPolicy(new BotSettings { AppId = AppId });
        Assert.Equal(trusted, policy.Refusal(serviceUrl) is null);
    }

    private string Unsigned()
    {
        static string Part(object o) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(o));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT", kid = "connector-key" })}.{Part(new { iss = BotTokenIssuers.BotFramework, aud = AppId, nbf = now - 60, exp = now + 600, serviceurl = _connector.ServiceUrl })}.";
    }

    [Fact]
    public async Task Validator_names_why_a_token_was_refused()
    {
        // The reason is written to the log (never to the caller); the 401's body is in our words.
        string Reason() => _bot.Logs.Lines.Last(l => l.Contains("Refused a request to the bot endpoint: ", StringComparison.Ordinal))
            .Split("Refused a request to the bot endpoint: ")[1].Split(" Reason=")[0];

        Assert.Equal(HttpStatusCode.Unauthorized, await Send(Token(notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddMinutes(-6))));
        var expired = Reason();
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(Token(key: _keys.WebChatKey)));
        var unendorsed = Reason();
        var good = await Send(Token());

        Assert.Equal("the token has expired", expired);
        Assert.Equal("signing key is not endorsed for channel 'msteams'", unendorsed);
        Assert.Equal(HttpStatusCode.OK, good);
    }

    [Fact]
    public async Task With_an_app_id_the_bot_sends_its_token_to_the_connector()
    {
        // The client-credentials flow itself needs Entra; here the token provider is the seam that is checked.
        var tokens = new FixedConnectorToken("outbound-token");
        await using var services = ConnectorPipeline.Build(new BotSettings { AppId = AppId, TrustedServiceUrlHosts = ["127.0.0.1"] }, tokens);
        var client = services.GetRequiredService<EthicsBot.Teams.Protocol.IConnectorClient>();

        await client.SendToConversationAsync(_connector.ServiceUrl, "conv", new EthicsBot.Teams.Protocol.Activity { Type = "message", Text = "hi" }, default);

        Assert.Equal("Bearer outbound-token", Assert.Single(_connector.Calls).Authorization);
    }

}

/// <summary>Without an app id the endpoint takes requests from this machine only, and says so in our words.</summary>
public sealed class LocalDevelopmentTests
{
    [Fact]
    public async Task Without_an_app_id_a_request_from_another_machine_is_refused_in_our_words()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        await using var bot = new BotFactory(services: services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new FromAnotherMachine()));
        using var client = bot.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.Message(connector.ServiceUrl, "thanks"), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("This endpoint takes activities from the Bot Framework with a valid token for this bot.", body, StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("Refused a request to the bot endpoint: no app id is configured and the request is not from this machine", StringComparison.Ordinal));
        await Task.Delay(200);
        Assert.Empty(connector.Calls);
    }

    [Theory]
    [InlineData("msteams", null, HttpStatusCode.OK)] // what the Agents Playground sends (its default, and -c msteams) and the tests send
    [InlineData("emulator", null, HttpStatusCode.OK)] // the Bot Framework Emulator
    [InlineData("webchat", null, HttpStatusCode.Forbidden)]
    [InlineData("directline", null, HttpStatusCode.Forbidden)]
    [InlineData("emulator", "msteams", HttpStatusCode.Forbidden)] // Bot:Channels replaces the default
    public async Task Without_an_app_id_the_Playground_s_channel_is_taken_and_others_are_refused(string channel, string? setting, HttpStatusCode expected)
    {
        await using var http = await BotOverHttp.StartAsync(_ => setting is null ? [] : new() { ["Bot:Channels:0"] = setting });

        using var response = await http.PostAsync(Activities.Message(http.Connector.ServiceUrl, "Can I accept a gift from a supplier?")
            .Replace("\"channelId\":\"msteams\"", $"\"channelId\":\"{channel}\"", StringComparison.Ordinal));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.NotEmpty(await http.Connector.WaitForAsync("message"));
            return;
        }
        OurWords.Assert(await response.Content.ReadAsStringAsync());
        await Task.Delay(300);
        Assert.Empty(http.Connector.Calls);
    }

    /// <summary>Makes every request look as if it came from 192.0.2.7 (the test server has no remote address).</summary>
    private sealed class FromAnotherMachine : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.7");
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
