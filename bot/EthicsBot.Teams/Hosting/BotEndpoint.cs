using EthicsBot.Teams.Authentication;
using EthicsBot.Teams.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: authenticates the caller (<see cref="BotAuthentication"/>), reads and checks the activity, claims it in the shared ledger
/// (<see cref="ActivityGate"/>: a redelivery is handled once), runs it in its conversation's order (<see cref="TurnQueue"/>)
/// and answers 200 when the turn has ended; invokes are answered in the response body.
/// A bad body is a 400 naming the problem, one over the protocol's 256 KB a 413, a body that is not declared JSON a 415, a bad token a 401, an activity from a
/// channel the bot does not serve (<see cref="BotSettings.Channels"/>) a 403, and so is a web page's request without an
/// app id; nothing here throws to the host.
/// </summary>
public static partial class BotEndpoint
{
    /// <summary>How long an invoke may take before Teams gives up on it.</summary>
    private static readonly TimeSpan InvokeTimeout = TimeSpan.FromSeconds(12);

    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, HandleAsync).DisableAntiforgery().RequireAuthorization(BotAuthentication.Policy);

    private static async Task<IResult> HandleAsync(HttpContext http, IOptions<BotSettings> settings,
        ActivityGate gate, TurnQueue queue, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(BotEndpoint).FullName!);
        var cancellationToken = http.RequestAborted;

        // Without an app id nothing but the remote address stands between a web page the developer has open and this
        // endpoint: a page's request (a cross-site "simple" POST needs no preflight) is refused before anything is read.
        if (!settings.Value.IsAuthenticated && ActivityRequest.IsFromBrowser(http.Request))
        {
            LogFromBrowser(logger);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not from a web page",
                detail: "Without an app id (local development) this endpoint takes no request from a web page. Post from the Agents Playground or the emulator, which send no Origin.");
        }
        if (!ActivityRequest.IsJson(http.Request))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not JSON",
                detail: "This endpoint takes an activity in JSON: the Content-Type must be application/json (with charset utf-8, if any).");

        // The caller was authenticated before this runs (BotAuthentication.Policy), on the same parse of the body.
        var (activity, problem) = await ActivityRequest.ReadAsync(http).ConfigureAwait(false);
        if (problem is not null || activity is null)
            return Problem(problem ?? "The body is not a valid activity.");

        // Who sent it (from.id, from.aadObjectId) is only as good as the channel that says so: Teams vouches for its
        // users, Web Chat and Direct Line let the client choose. Another channel's activity runs no turn at all.
        var channels = settings.Value.ServedChannels;
        if (!channels.Contains(activity.ChannelId ?? "", StringComparer.Ordinal))
        {
            LogOtherChannel(logger, activity.ChannelId, activity.Type);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Channel not served",
                detail: $"This bot takes activities only from {string.Join(", ", channels)}; this activity's channel is not one of them.");
        }

        if (activity.Type == ActivityTypes.Invoke)
            return await InvokeAsync(activity, queue, logger, cancellationToken).ConfigureAwait(false);

        // Messages and updates: the 200 says "handled", so it is sent when the turn has ended (or after AckWithin, the
        // turn going on): a crash before it makes Teams redeliver, to this instance or another. Each activity is
        // claimed in the ledger that all instances share: a redelivery of a handled one is dropped, one being handled
        // elsewhere waits for it, one whose owner died is taken over.
        var work = string.IsNullOrEmpty(activity.Id)
            ? RunAsync(activity, queue)
            : ClaimAndRunAsync(activity, gate, queue, lifetime.ApplicationStopping, logger);
        try
        {
            return await work.WaitAsync(settings.Value.Turns.AckWithin, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Results.Ok(); // still running: acknowledged so Teams does not give up; it finishes here
        }
    }

    private static async Task<IResult> RunAsync(Activity activity, TurnQueue queue)
    {
        if (queue.TryRun(activity) is not { } turn)
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        try
        {
            await turn.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return Results.Ok();
    }

    private static async Task<IResult> ClaimAndRunAsync(Activity activity, ActivityGate gate, TurnQueue queue, CancellationToken stopping, ILogger logger)
    {
        var key = ActivityKeys.KeyOf(activity.ChannelId, activity.Conversation!.Id!, activity.Id!);
        try
        {
            if (!await gate.ClaimAsync(key, stopping).ConfigureAwait(false))
            {
                LogRedelivery(logger, activity.Type, activity.Id);
                return Results.Ok();
            }
        }
        catch (OperationCanceledException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e)
        {
            // The shared store is out of reach: answering, perhaps twice, beats not answering.
            LogLedgerDown(logger, e, activity.Id);
            return await RunAsync(activity, queue).ConfigureAwait(false);
        }
        if (queue.TryRun(activity) is not { } turn)
        {
            await gate.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        try
        {
            await turn.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping before the turn could run: whoever gets the redelivery takes it.
            await gate.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        try
        {
            await gate.CompleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLedgerDown(logger, e, activity.Id); // answered; a redelivery within the lease waits, later ones are answered again
        }
        return Results.Ok();
    }

    /// <summary>
    /// An invoke is answered in the response body, every time: a redelivery means the first response was lost, and
    /// invoke handlers are idempotent (the same submit gives the same reference number). It takes its place in its
    /// conversation's order like any turn.
    /// </summary>
    private static async Task<IResult> InvokeAsync(Activity activity, TurnQueue queue, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InvokeTimeout);
        try
        {
            if (queue.TryRun(activity, timeout.Token) is not { } turn)
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            var response = await turn.ConfigureAwait(false);
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

    /// <summary>A 400 naming what is wrong with the activity; a 413 for a body over the protocol's limit.</summary>
    private static IResult Problem(string detail) => ReferenceEquals(detail, ActivityRequest.TooLarge)
        ? Results.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large")
        : Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad activity");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request from a web page (it carried Origin or Sec-Fetch-Site): without an app id the bot takes none")]
    private static partial void LogFromBrowser(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Type} activity from channel '{ChannelId}': not one of Bot:Channels")]
    private static partial void LogOtherChannel(ILogger logger, string? channelId, string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The activity ledger could not be reached for activity {Id}; it is handled without deduplication")]
    private static partial void LogLedgerDown(ILogger logger, Exception exception, string? id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a redelivered {Type} activity {Id}")]
    private static partial void LogRedelivery(ILogger logger, string? type, string? id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invoke {Name} failed: {Error}")]
    private static partial void LogInvokeFailed(ILogger logger, string? name, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invoke {Name} of activity {Id} failed")]
    private static partial void LogInvokeException(ILogger logger, Exception exception, string? name, string? id);
}
