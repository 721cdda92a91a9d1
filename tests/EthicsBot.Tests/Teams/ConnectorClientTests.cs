using Azure.Core;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Tests.Teams;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private LoopbackConnector _connector = null!;
    private readonly CapturingLoggerProvider _logs = new();

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private ConnectorClient Client(HttpClient http) => new(http, new NoConnectorToken(), new Logger<ConnectorClient>(new LoggerFactory([_logs])),
        new ConnectorRetry { BaseDelay = TimeSpan.FromMilliseconds(10) });

    private static Activity Hello => new() { Type = "message", Text = "hello" };

    [Fact]
    public async Task Throttling_is_retried_after_the_time_the_connector_asks_for()
    {
        using var http = new HttpClient();
        _connector.FailNext(429, retryAfter: "1");
        _connector.FailNext(503);

        var started = DateTime.UtcNow;
        var sent = await Client(http).SendToConversationAsync(_connector.ServiceUrl, "conv", Hello, default);

        Assert.Equal("activity-1", sent!.Id);
        Assert.Equal(3, _connector.Calls.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
    }

    [Fact]
    public async Task A_send_that_keeps_failing_throws_and_logs_one_clear_line()
    {
        using var http = new HttpClient();
        for (var i = 0; i < 4; i++)
            _connector.FailNext(500);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client(http).SendToConversationAsync(_connector.ServiceUrl, "conv", Hello, default));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal(4, _connector.Calls.Count);
        Assert.Single(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("failed for good", StringComparison.Ordinal) && l.Contains("after 4 attempt(s): HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        using var http = new HttpClient();
        _connector.FailNext(403);

        await Assert.ThrowsAsync<ConnectorException>(() => Client(http).SendToConversationAsync(_connector.ServiceUrl, "conv", Hello, default));

        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_message_over_100_KB_is_refused_before_sending()
    {
        using var http = new HttpClient();

        var big = new Activity { Type = "message", Text = new string('x', 101 * 1024) };
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client(http).SendToConversationAsync(_connector.ServiceUrl, "conv", big, default));

        Assert.Contains("over Teams' 102400-byte limit", error.Message, StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task The_connector_token_is_kept_until_shortly_before_it_expires()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var credential = new CountingCredential(time);
        var tokens = new CredentialConnectorToken(credential, "https://api.botframework.com/.default", time);

        Assert.Equal("token-1", await tokens.GetTokenAsync(default));
        time.Now += TimeSpan.FromMinutes(50);
        Assert.Equal("token-1", await tokens.GetTokenAsync(default));
        time.Now += TimeSpan.FromMinutes(6); // 4 minutes left of the hour: refreshed
        Assert.Equal("token-2", await tokens.GetTokenAsync(default));
        Assert.Equal(["https://api.botframework.com/.default"], credential.Scopes);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingCredential(ManualTime time) : TokenCredential
    {
        private int _count;
        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken($"token-{++_count}", time.Now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
