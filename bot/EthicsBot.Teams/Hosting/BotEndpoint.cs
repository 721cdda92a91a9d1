using EthicsBot.Teams.Authentication;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: reads and checks the activity, authenticates the caller, drops redelivered messages, answers
/// invokes in the response body and hands everything else to the <see cref="TurnQueue"/> with an immediate 200.
/// A bad body is a 400 naming the problem, a bad token a 401; nothing here throws to the host.
/// </summary>
public static partial class BotEndpoint
{
    /// <summary>The largest request body taken; Teams activities are far smaller.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>How long an invoke may take before Teams gives up on it.</summary>
    private static readonly TimeSpan InvokeTimeout = TimeSpan.FromSeconds(12);

    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, HandleAsync).DisableAntiforgery();

    private static async Task<IResult> HandleAsync(HttpContext http, IOptions<BotSettings> settings, BotTokenValidator validator,
        ActivityDeduplicator deduplicator, TurnQueue queue, IServiceScopeFactory scopes, IConnectorClient connector, ServiceUrlPolicy serviceUrls, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(BotEndpoint).FullName!);
        var cancellationToken = http.RequestAborted;

        if (!settings.Value.IsAuthenticated && !IsLoopback(http))
        {
            LogRefused(logger, "no app id is configured and the request is not from this machine");
            return Results.Unauthorized();
        }

        var (body, bodyError) = await ReadBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (bodyError is not null)
            return Problem(bodyError);

        var (activity, problem) = ActivityReader.Read(body, serviceUrls);
        if (problem is not null || activity is null)
            return Problem(problem ?? "The body is not a valid activity.");

        if (settings.Value.IsAuthenticated)
        {
            var check = await validator.ValidateAsync(http.Request.Headers.Authorization, activity.ChannelId, activity.ServiceUrl, cancellationToken).ConfigureAwait(false);
            if (!check.Succeeded)
            {
                LogRefused(logger, check.Failure!);
                return Results.Unauthorized();
            }
        }

        // A redelivered message or update is dropped: its answer went, or goes, out through the connector. An invoke
        // is answered every time, because its answer travels in this response and a redelivery means the first
        // response was lost: invoke handlers are idempotent (the same submit gives the same reference number).
        if (activity.Type != ActivityTypes.Invoke && !string.IsNullOrEmpty(activity.Id)
            && !deduplicator.TryBegin($"{activity.ChannelId}|{activity.Conversation!.Id}|{activity.Id}"))
        {
            LogRedelivery(logger, activity.Type, activity.Id);
            return Results.Ok();
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(InvokeTimeout);
            try
            {
                var response = await TurnQueue.RunTurnAsync(scopes, connector, activity, timeout.Token).ConfigureAwait(false);
                return response is null
                    ? Results.StatusCode(StatusCodes.Status501NotImplemented)
                    : Results.Json(response.Body, ProtocolJson.Options, statusCode: response.Status);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogInvokeFailed(logger, activity.Name, "timed out");
                return Results.Json(AdaptiveCardInvoke.Error(503, "Timeout", "The bot took too long; please try again.").Body, ProtocolJson.Options);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogInvokeException(logger, e, activity.Name, activity.Id);
                return Results.Json(AdaptiveCardInvoke.Error(500, "InternalError", TurnQueue.SomethingWentWrong).Body, ProtocolJson.Options);
            }
        }

        return queue.TryEnqueue(activity)
            ? Results.Ok()
            : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<(byte[] Body, string? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return ([], $"The body is larger than {MaxBodyBytes} bytes.");
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return ([], $"The body is larger than {MaxBodyBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == 0 ? ([], "The body is empty; an activity was expected.") : (buffer.ToArray(), null);
    }

    private static IResult Problem(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad activity");

    /// <summary>A request from this machine; the in-memory test server has no remote address at all.</summary>
    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is null || System.Net.IPAddress.IsLoopback(http.Connection.RemoteIpAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to the bot endpoint: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a redelivered {Type} activity {Id}")]
    private static partial void LogRedelivery(ILogger logger, string? type, string? id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invoke {Name} failed: {Error}")]
    private static partial void LogInvokeFailed(ILogger logger, string? name, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invoke {Name} of activity {Id} failed")]
    private static partial void LogInvokeException(ILogger logger, Exception exception, string? name, string? id);
}
