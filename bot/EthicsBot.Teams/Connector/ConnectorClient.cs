using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Teams.Connector;

/// <summary>A send to the connector that failed for good (after retries), or was refused before sending.</summary>
public sealed class ConnectorException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>The Bot Connector REST API (<c>{serviceUrl}/v3/conversations/…</c>): what the bot needs of it.</summary>
public interface IConnectorClient
{
    Task<ResourceResponse?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);
    Task<ResourceResponse?> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken);
    Task<ResourceResponse?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);
    Task<ConversationResourceResponse?> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);
}

/// <summary>Sending into a conversation the bot was in before (proactive messages).</summary>
public static class ProactiveMessages
{
    /// <summary>
    /// Sends <paramref name="activity"/> into the conversation of <paramref name="reference"/>, addressed from the bot to
    /// the user as the reference records them. False when the reference lacks a serviceUrl or a conversation.
    /// </summary>
    public static async Task<bool> SendToAsync(this IConnectorClient connector, ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(reference.ServiceUrl) || reference.Conversation?.Id is not { Length: > 0 } conversationId)
            return false;
        activity.Type ??= ActivityTypes.Message;
        activity.From ??= reference.Bot;
        activity.Recipient ??= reference.User;
        activity.Conversation ??= reference.Conversation;
        activity.ChannelId ??= reference.ChannelId;
        await connector.SendToConversationAsync(reference.ServiceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

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
    private readonly ServiceUrlPolicy _serviceUrls = serviceUrls ?? new ServiceUrlPolicy(new BotSettings());

    public Task<ResourceResponse?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken);

    public Task<ResourceResponse?> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken);

    public Task<ResourceResponse?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);

    public Task<ConversationResourceResponse?> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        SendAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task<T?> SendAsync<T>(HttpMethod method, string serviceUrl, string path, object body, CancellationToken cancellationToken)
        where T : class
    {
        if (!Uri.TryCreate(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/", UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            throw new ConnectorException($"serviceUrl '{serviceUrl}' is not an http(s) URL");
        var url = new Uri(baseUri, path);
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ProtocolJson.Options);
        if (payload.Length > MaxMessageBytes)
        {
            LogTooLarge(logger, method.Method, url.AbsolutePath, payload.Length, MaxMessageBytes);
            throw new ConnectorException($"message of {payload.Length} bytes is over Teams' {MaxMessageBytes}-byte limit");
        }

        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null && _serviceUrls.TokenRefusal(baseUri) is { } refusal)
        {
            LogUntrustedServiceUrl(logger, method.Method, baseUri.IdnHost, refusal);
            throw new ConnectorException($"not sent: {refusal}");
        }
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(payload) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
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
                    var what = status is null ? error!.Message : $"HTTP {(int)status} {status}";
                    LogSendFailed(logger, method.Method, url.AbsolutePath, attempt, what);
                    throw new ConnectorException($"{method} {url.AbsolutePath} failed after {attempt} attempt(s): {what}", status, error);
                }

                var delay = _retry.DelayFor(attempt, response?.Headers.RetryAfter);
                LogRetrying(logger, method.Method, url.AbsolutePath, status is null ? error!.Message : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), delay.TotalMilliseconds);
                await Task.Delay(delay, _retry.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector send failed for good: {Method} {Path} after {Attempts} attempt(s): {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string method, string path, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector send {Method} {Path} got {Reason}; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string method, string path, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector send refused: {Method} to {Host} would carry the bot's token there: {Reason}")]
    private static partial void LogUntrustedServiceUrl(ILogger logger, string method, string host, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector send refused: {Method} {Path} is {Bytes} bytes, over the {Limit}-byte message limit")]
    private static partial void LogTooLarge(ILogger logger, string method, string path, int bytes, int limit);
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
