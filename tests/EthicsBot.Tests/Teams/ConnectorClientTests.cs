using Azure.Core;
using EthicsBot.Teams;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Teams;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private LoopbackConnector _connector = null!;
    private readonly CapturingLoggerProvider _logs = new();

    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _services = ConnectorPipeline.Build(new BotSettings(), new NoConnectorToken(), _logs, new ConnectorRetry { BaseDelay = TimeSpan.FromMilliseconds(10) });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private IConnectorClient Client() => _services.GetRequiredService<IConnectorClient>();

    private static Activity Hello => new() { Type = "message", Text = "hello" };

    [Fact]
    public async Task Throttling_is_retried_after_the_time_the_connector_asks_for()
    {
        _connector.FailNext(429, retryAfter: "1");
        _connector.FailNext(503);

        var started = DateTime.UtcNow;
        var sent = await Client().SendToConversationAsync(_connector.ServiceUrl, "conv", Hello, default);

        Assert.Equal("activity-1", sent!.Id);
        Assert.Equal(3, _connector.Calls.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
    }

    [Fact]
    public async Task A_long_burst_of_throttling_is_waited_out_and_never_opens_the_circuit()
    {
        // 40 sends, each throttled three times before it goes through: 120 of 160 attempts are 429s, far past the
        // breaker's failure ratio. Throttling is the connector asking to slow down: every send must still arrive.
        for (var i = 0; i < 40; i++)
        {
            for (var t = 0; t < 3; t++)
                _connector.FailNext(429, retryAfter: "0");
            Assert.NotNull(await Client().SendToConversationAsync(_connector.ServiceUrl, "conv", Hello, default));
        }
        Assert.Equal(160, _connector.Calls.Count);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_retried_after_that_time()
    {
        _connector.FailNext(503, retryAfter: "1");

        var started = DateTime.UtcNow;
        var sent = await Client().SendToConversationAsync(_connector.ServiceUrl, "conv", Hello, default);

        Assert.Equal("activity-1", sent!.Id);
        Assert.Equal(2, _connector.Calls.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 on a 503 was not honoured");
        Assert.Single(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("got 503; retrying in 1000 ms", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("3600", 30_000)]
    [InlineData("2", 2_000)]
    [InlineData("Mon, 23 Nov 2026 10:00:10 GMT", 10_000)]
    [InlineData("Mon, 23 Nov 2026 09:59:00 GMT", 0)]
    [InlineData(null, -1)]
    public void Retry_After_is_read_as_seconds_or_a_date_and_capped_at_30_seconds(string? header, int expectedMs)
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        if (header is not null)
            response.Headers.TryAddWithoutValidation("Retry-After", header);

        var delay = new ConnectorRetry().RetryAfter(response, time);

        Assert.Equal(expectedMs < 0 ? null : TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void The_connector_client_is_one_instance_for_every_caller()
    {
        var first = Client();
        Assert.Same(first, Client());
        Assert.IsType<ConnectorClient>(first);
    }

    [Fact]
    public async Task A_send_that_keeps_failing_throws_and_logs_one_clear_line()
    {
        for (var i = 0; i < 4; i++)
            _connector.FailNext(500);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client().SendToConversationAsync(_connector.ServiceUrl, "conv", Hello, default));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal(4, _connector.Calls.Count);
        Assert.Single(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("failed for good", StringComparison.Ordinal) && l.Contains("after 4 attempt(s): HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        _connector.FailNext(403);

        await Assert.ThrowsAsync<ConnectorException>(() => Client().SendToConversationAsync(_connector.ServiceUrl, "conv", Hello, default));

        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_message_over_100_KB_is_refused_before_sending()
    {

        var big = new Activity { Type = "message", Text = new string('x', 101 * 1024) };
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Client().SendToConversationAsync(_connector.ServiceUrl, "conv", big, default));

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
