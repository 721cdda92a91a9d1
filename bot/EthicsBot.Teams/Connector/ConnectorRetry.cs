using System.Globalization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace EthicsBot.Teams.Connector;

/// <summary>
/// How often and how long a connector send is retried, applied to the standard resilience handler of the connector
/// client: throttling (429), server errors (5xx), dropped connections and timed-out attempts are retried up to
/// <see cref="MaxAttempts"/> attempts, after the Retry-After the connector asks for (seconds or a date, at most
/// <see cref="MaxDelay"/>) or else an exponential back-off from <see cref="BaseDelay"/>. Registered once; a host (or a
/// test) may register its own before the connector.
/// </summary>
public sealed partial class ConnectorRetry
{
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest the bot waits between attempts, whatever Retry-After asks.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt's limit (the connector answers in well under a second when it is well).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sets the standard handler's retry, timeouts and circuit breaker from these settings.</summary>
    internal void Apply(HttpStandardResilienceOptions options, TimeProvider time, ILogger logger)
    {
        options.Retry.MaxRetryAttempts = MaxAttempts - 1;
        options.Retry.Delay = BaseDelay;
        options.Retry.MaxDelay = MaxDelay;
        options.Retry.DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, time) : null);
        options.Retry.OnRetry = args =>
        {
            var send = ConnectorSend.Of(args.Context.GetRequestMessage());
            send?.Retried();
            var reason = args.Outcome.Result is { } response
                ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
                : args.Outcome.Exception?.Message ?? "no answer";
            LogRetrying(logger, send?.What ?? "a send", reason, args.RetryDelay.TotalMilliseconds);
            return ValueTask.CompletedTask;
        };
        options.AttemptTimeout.Timeout = AttemptTimeout;
        // Every attempt and every wait (each at most MaxDelay) fit in the whole send's time.
        options.TotalRequestTimeout.Timeout = (AttemptTimeout * MaxAttempts) + (MaxDelay * (MaxAttempts - 1));
        options.CircuitBreaker.SamplingDuration = AttemptTimeout * 2;
        // Throttling is the connector asking to slow down, not failing: a burst of 429s must not open the breaker and
        // fail every send to the host at once (each 429 is waited out by the retry, after its Retry-After).
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(OpensTheBreaker(args.Outcome));
    }

    /// <summary>Server errors, dropped connections and timed-out attempts count against the host; throttling (429) does not.</summary>
    internal static bool OpensTheBreaker(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
        || outcome.Result is { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } or { StatusCode: System.Net.HttpStatusCode.RequestTimeout };

    /// <summary>The wait the connector asked for in Retry-After (seconds or a date), at most <see cref="MaxDelay"/>; null when it asked none.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var header = response.Headers.RetryAfter;
        TimeSpan delay;
        if (header?.Delta is { } delta)
            delay = delta;
        else if (header?.Date is { } date)
            delay = date - time.GetUtcNow();
        else
            return null;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector send {What} got {Reason}; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string what, string reason, double delayMs);
}
