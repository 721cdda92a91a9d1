using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Teams.Connector;

/// <summary>
/// Sends activities to the connector with the bot's token (none without an app id), retrying throttling (429) and
/// server errors (5xx) and dropped connections, honouring Retry-After, and logging one clear line when a send
/// finally fails. Refuses, before sending, a message over Teams' 100 KB limit, and any send that would carry the bot's
/// token to a host that is not a trusted connector (<see cref="ServiceUrlPolicy"/>).
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, ILogger<ConnectorClient> logger,
    ConnectorRetry? retry = null, ServiceUrlPolicy? serviceUrls = null) : IConnectorClient
{
    /// <summary>Teams refuses bot messages larger than this (bytes of the JSON activity).</summary>
    public const int MaxMessageBytes = 100 * 1024;

    private readonly ConnectorRetry _retry = retry ?? new ConnectorRetry();

    /// <summary>Per conversation, the last send's "request written" signal: sends leave in the order they were made.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _dispatched = new(StringComparer.Ordinal);

    /// <summary>The longest a send waits for the previous send to the same conversation to be on the wire.</summary>
    private static readonly TimeSpan DispatchWait = TimeSpan.FromSeconds(2);
    private readonly ServiceUrlPolicy _serviceUrls = serviceUrls ?? new ServiceUrlPolicy(new BotSettings());

    public Task<ResourceResponse?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken, conversationId);

    public Task<ResourceResponse?> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken, conversationId);

    public Task<ResourceResponse?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken, conversationId);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task<T?> SendAsync<T>(HttpMethod method, string serviceUrl, string path, object body, CancellationToken cancellationToken, string? conversationId = null)
        where T : class
    {
        // What the logs name: the operation and the activity type, never the conversation (a person's chat).
        var what = $"{method.Method} {(conversationId is null ? "/v3/conversations" : "/v3/conversations/{conversation}/activities")} ({(body as Activity)?.Type ?? "conversation"})";
        if (!Uri.TryCreate(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/", UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            throw new ConnectorException($"serviceUrl '{serviceUrl}' is not an http(s) URL");
        var url = new Uri(baseUri, path);
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ProtocolJson.Options);
        if (payload.Length > MaxMessageBytes)
        {
            LogTooLarge(logger, what, payload.Length, MaxMessageBytes);
            throw new ConnectorException($"message of {payload.Length} bytes is over Teams' {MaxMessageBytes}-byte limit");
        }

        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null && _serviceUrls.TokenRefusal(baseUri) is { } refusal)
        {
            LogUntrustedServiceUrl(logger, method.Method, baseUri.IdnHost, refusal);
            throw new ConnectorException($"not sent: {refusal}");
        }
        // Sends to one conversation leave in the order they were made: this one waits until the previous one's request
        // is on the wire (never for its response), so a typing indicator sent alongside the work precedes the answer.
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? previous = null;
        var order = conversationId is null ? null : serviceUrl + "|" + conversationId;
        if (order is not null)
        {
            _ = _dispatched.AddOrUpdate(order, written.Task, (_, last) => { previous = last; return written.Task; });
            if (previous is { IsCompleted: false })
            {
                try
                {
                    await previous.WaitAsync(DispatchWait, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The previous send is stuck before the wire (connecting): this one does not wait for it any longer.
                }
            }
        }
        try
        {
            return await SendWithRetriesAsync<T>(method, url, payload, token, what, written, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            written.TrySetResult();
            if (order is not null)
                _dispatched.TryRemove(new KeyValuePair<string, Task>(order, written.Task));
        }
    }

    private async Task<T?> SendWithRetriesAsync<T>(HttpMethod method, Uri url, byte[] payload, string? token, string what, TaskCompletionSource written, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = new SignallingContent(payload, written) };
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            HttpResponseMessage? response = null;
            Exception? error = null;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                error = e;
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                error = e; // the HttpClient's own timeout
            }

            using (response)
            {
                if (response is { IsSuccessStatusCode: true })
                {
                    if (response.Content.Headers.ContentLength == 0)
                        return null;
                    try
                    {
                        return await response.Content.ReadFromJsonAsync<T>(ProtocolJson.Options, cancellationToken).ConfigureAwait(false);
                    }
                    catch (JsonException)
                    {
                        return null; // sent; the connector's answer just had no id we can read
                    }
                }

                var status = response?.StatusCode;
                var transient = error is not null || status == HttpStatusCode.TooManyRequests || (int?)status >= 500;
                if (!transient || attempt >= _retry.MaxAttempts)
                {
                    var reason = status is null ? error!.Message : $"HTTP {(int)status} {status}";
                    LogSendFailed(logger, what, attempt, reason);
                    throw new ConnectorException($"{what} failed after {attempt} attempt(s): {reason}", status, error);
                }

                var delay = _retry.DelayFor(attempt, response?.Headers.RetryAfter);
                LogRetrying(logger, what, status is null ? error!.Message : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), delay.TotalMilliseconds);
                await Task.Delay(delay, _retry.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector send failed for good: {What} after {Attempts} attempt(s): {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string what, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector send {What} got {Reason}; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string what, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector send refused: {Method} to {Host} would carry the bot's token there: {Reason}")]
    private static partial void LogUntrustedServiceUrl(ILogger logger, string method, string host, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector send refused: {What} is {Bytes} bytes, over the {Limit}-byte message limit")]
    private static partial void LogTooLarge(ILogger logger, string what, int bytes, int limit);

    /// <summary>The JSON body, which says when it has been written to the connection (the request is on the wire).</summary>
    private sealed class SignallingContent : HttpContent
    {
        private readonly byte[] _payload;
        private readonly TaskCompletionSource _written;

        public SignallingContent(byte[] payload, TaskCompletionSource written)
        {
            _payload = payload;
            _written = written;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(_payload, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _written.TrySetResult();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _payload.Length;
            return true;
        }
    }
}

/// <summary>How often and how long to retry a connector send.</summary>
public sealed class ConnectorRetry
{
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>The longest the bot waits between attempts, whatever Retry-After asks.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Retry-After when the connector sent one (seconds or a date), otherwise exponential back-off.</summary>
    public TimeSpan DelayFor(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        TimeSpan delay;
        if (retryAfter?.Delta is { } delta)
            delay = delta;
        else if (retryAfter?.Date is { } date)
            delay = date - Time.GetUtcNow();
        else
            delay = BaseDelay * Math.Pow(2, attempt - 1);
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        return delay > MaxDelay ? MaxDelay : delay;
    }
}
