using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EthicsBot.Teams.Protocol;
using EthicsBot.Teams.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace EthicsBot.Teams.Connector;

/// <summary>
/// The typed client of the connector (registered with <c>AddHttpClient</c> by <see cref="ConnectorServiceExtensions"/>):
/// serializes an activity, refuses one over Teams' 100 KB limit before sending, keeps the sends to one conversation in
/// the order they were made, and turns a send that failed for good into one clear log line and a
/// <see cref="ConnectorException"/>. The handlers beneath it add the bot's token (only for a trusted host,
/// <see cref="ConnectorTokenHandler"/>) and retry throttling, server errors and dropped connections honouring
/// Retry-After (the standard resilience handler, <see cref="ConnectorRetry"/>).
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, ILogger<ConnectorClient> logger) : IConnectorClient
{
    /// <summary>Teams refuses bot messages larger than this (bytes of the JSON activity).</summary>
    public const int MaxMessageBytes = 100 * 1024;

    /// <summary>Per conversation, the last send's "request written" signal: sends leave in the order they were made.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _dispatched = new(StringComparer.Ordinal);

    /// <summary>The longest a send waits for the previous send to the same conversation to be on the wire.</summary>
    private static readonly TimeSpan DispatchWait = TimeSpan.FromSeconds(2);

    public Task<ResourceResponse?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken, conversationId);

    public Task<ResourceResponse?> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken, conversationId);

    public Task<ResourceResponse?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken, conversationId);

    public Task<ConversationResourceResponse?> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        CallAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, "POST /v3/conversations", cancellationToken);

    /// <summary>Teams gives at most 500 members a page.</summary>
    public Task<PagedMembersResult?> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken, CancellationToken cancellationToken) =>
        CallAsync<PagedMembersResult>(HttpMethod.Get, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/pagedmembers?pageSize=500" + (continuationToken is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuationToken)),
            null, "GET /v3/conversations/{conversation}/pagedmembers", cancellationToken);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>A call that is not an activity (open a conversation, read members), through the same handlers and with the same failures.</summary>
    private async Task<T?> CallAsync<T>(HttpMethod method, string serviceUrl, string path, object? body, string what, CancellationToken cancellationToken) where T : class
    {
        using var span = TeamsTelemetry.StartSend(null);
        try
        {
            var send = new ConnectorSend(what);
            using var request = new HttpRequestMessage(method, new Uri(BaseUri(serviceUrl), path));
            if (body is not null)
                request.Content = JsonContent.Create(body, body.GetType(), options: ProtocolJson.Options);
            send.AttachTo(request);
            return await SendOnceAsync<T>(request, send, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (TeamsTelemetry.Failed(span, e))
        {
            throw; // never reached: the filter only marks the span
        }
    }

    private static Uri BaseUri(string serviceUrl) =>
        Uri.TryCreate(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/", UriKind.Absolute, out var baseUri) && (baseUri.Scheme == Uri.UriSchemeHttps || baseUri.Scheme == Uri.UriSchemeHttp)
            ? baseUri
            : throw new ConnectorException($"serviceUrl '{serviceUrl}' is not an http(s) URL");

    /// <summary>One send (a message, a typing indicator, an update; in a turn or not) in its own span, marked failed when it throws.</summary>
    private async Task<ResourceResponse?> SendAsync(HttpMethod method, string serviceUrl, string path, Activity body, CancellationToken cancellationToken, string conversationId)
    {
        using var span = TeamsTelemetry.StartSend(body.Type);
        try
        {
            return await SendInOrderAsync(method, serviceUrl, path, body, cancellationToken, conversationId).ConfigureAwait(false);
        }
        catch (Exception e) when (TeamsTelemetry.Failed(span, e))
        {
            throw; // never reached: the filter only marks the span
        }
    }

    /// <summary>Checks and serializes the activity, then sends it once the previous send to its conversation is on the wire.</summary>
    private async Task<ResourceResponse?> SendInOrderAsync(HttpMethod method, string serviceUrl, string path, Activity body, CancellationToken cancellationToken, string conversationId)
    {
        var send = new ConnectorSend($"{method.Method} /v3/conversations/{{conversation}}/activities ({body.Type})");
        var baseUri = BaseUri(serviceUrl);
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, ProtocolJson.Options);
        if (payload.Length > MaxMessageBytes)
        {
            LogTooLarge(logger, send.What, payload.Length, MaxMessageBytes);
            throw new ConnectorException($"message of {payload.Length} bytes is over Teams' {MaxMessageBytes}-byte limit");
        }

        // Sends to one conversation leave in the order they were made: this one waits until the previous one's request
        // is on the wire (not for its response), so a typing indicator sent alongside the work precedes the answer. A
        // typing indicator is waited for until its response: written on its own connection, the answer written just
        // after it could otherwise reach the connector first. (Typing goes out only for an answer not ready within
        // Bot:TypingAfter, so an answer that waits behind it is already a slow one.)
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? previous = null;
        var order = serviceUrl + "|" + conversationId;
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
        try
        {
            var signal = body.Type == ActivityTypes.Typing ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : written;
            using var request = new HttpRequestMessage(method, new Uri(baseUri, path)) { Content = new SignallingContent(payload, signal) };
            send.AttachTo(request);
            return await SendOnceAsync<ResourceResponse>(request, send, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            written.TrySetResult();
            _dispatched.TryRemove(new KeyValuePair<string, Task>(order, written.Task));
        }
    }

    /// <summary>One send through the handlers (which retry it); what it came to, or a <see cref="ConnectorException"/>.</summary>
    private async Task<T?> SendOnceAsync<T>(HttpRequestMessage request, ConnectorSend send, CancellationToken cancellationToken) where T : class
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException
                                   || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e switch
            {
                TimeoutRejectedException => "no answer in time",
                BrokenCircuitException => "the connector has been failing; sends are paused for a moment",
                ExecutionRejectedException => "too many sends at once",
                _ => e.Message,
            };
            throw Failed(send, reason, null, e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw Failed(send, $"HTTP {(int)response.StatusCode} {response.StatusCode}", response.StatusCode, null);
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
    }

    private ConnectorException Failed(ConnectorSend send, string reason, HttpStatusCode? status, Exception? error)
    {
        LogSendFailed(logger, send.What, send.Attempts, reason);
        return new ConnectorException($"{send.What} failed after {send.Attempts} attempt(s): {reason}", status, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector send failed for good: {What} after {Attempts} attempt(s): {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string what, int attempts, string reason);

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
