using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// Runs turns: many at once (up to <see cref="TurnSettings.MaxConcurrent"/>, none of them waiting on another's I/O),
/// but one at a time per conversation, in the order they arrived: a conversation's next turn starts when its previous
/// one has ended, so its answers reach the connector in order. Each conversation with work has a lane (a queue drained
/// by one task); an idle conversation costs nothing. On shutdown no new turn is taken, the lanes are drained, and turns
/// that could not start in time are cancelled (their claims are released by the caller, so another instance may take
/// the redelivery).
/// </summary>
public sealed partial class TurnQueue(IServiceScopeFactory scopes, IConnectorClient connector, IOptions<BotSettings> settings, ILogger<TurnQueue> logger) : IHostedService, IDisposable
{
    private readonly TurnSettings _settings = settings.Value.Turns;
    private readonly SemaphoreSlim _slots = new(settings.Value.Turns.MaxConcurrent, settings.Value.Turns.MaxConcurrent);
    private readonly Dictionary<string, Queue<WorkItem>> _lanes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private bool _stopping;

    private sealed record WorkItem(Activity Activity, CancellationToken Cancellation, TaskCompletionSource<InvokeResponse?> Done, System.Diagnostics.ActivityContext Parent);

    /// <summary>Turns accepted and not finished.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Queues a turn behind its conversation's earlier ones. The task ends with the turn (a message's failure is
    /// logged and apologised for; an invoke's is thrown to the caller, who answers in the response body). Null when the
    /// bot is stopping or too many turns are pending (the caller answers 503 and Teams retries later).
    /// </summary>
    public Task<InvokeResponse?>? TryRun(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var item = new WorkItem(activity, cancellationToken, new TaskCompletionSource<InvokeResponse?>(TaskCreationOptions.RunContinuationsAsynchronously), TurnTelemetry.CurrentParent());
        var lane = $"{activity.ChannelId}|{activity.Conversation?.Id}";
        bool start;
        lock (_gate)
        {
            if (_stopping || _pending >= _settings.MaxQueued)
                return null;
            _pending++;
            start = !_lanes.TryGetValue(lane, out var queue);
            if (start)
                _lanes[lane] = queue = new Queue<WorkItem>();
            queue!.Enqueue(item);
        }
        if (start)
            _ = Task.Run(() => DrainAsync(lane), CancellationToken.None);
        return item.Done.Task;
    }

    /// <summary>Runs a lane's turns one after another until it is empty, then removes it.</summary>
    private async Task DrainAsync(string lane)
    {
        while (true)
        {
            WorkItem item;
            lock (_gate)
                item = _lanes[lane].Peek();
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(item.Cancellation, _abort.Token);
                await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
                try
                {
                    item.Done.TrySetResult(await RunAsync(item.Activity, item.Parent, linked.Token).ConfigureAwait(false));
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (OperationCanceledException e)
            {
                item.Done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                item.Done.TrySetException(e);
            }
            lock (_gate)
            {
                var queue = _lanes[lane];
                queue.Dequeue();
                if (--_pending == 0 && _stopping)
                    _drained.TrySetResult();
                if (queue.Count == 0)
                {
                    _lanes.Remove(lane);
                    return;
                }
            }
        }
    }

    private async Task<InvokeResponse?> RunAsync(Activity activity, System.Diagnostics.ActivityContext parent, CancellationToken cancellationToken)
    {
        using var telemetry = TurnTelemetry.Begin(activity, parent, logger);
        try
        {
            return await RunTurnAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            telemetry.Cancelled();
            throw;
        }
        catch (Exception e)
        {
            telemetry.Failed(e);
            if (activity.Type == ActivityTypes.Invoke)
                throw; // answered in the response body by the endpoint, which logs it
            // The activity's type and id and the fault, never its text: it may be something the bot must not keep.
            LogTurnFailed(logger, e, activity.Type, activity.Id);
            await ApologiseAsync(activity, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>What the user hears when their turn failed on our side.</summary>
    public const string SomethingWentWrong = "Something went wrong on our side; nothing you sent was lost. Please try again in a moment.";

    /// <summary>Tells the sender of a failed message that it failed; a failure to say so is logged, not thrown.</summary>
    private async Task ApologiseAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.Message)
            return;
        try
        {
            await new TurnContext(activity, connector).SendAsync(activity.CreateReply(SomethingWentWrong), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectorException or InvalidOperationException or HttpRequestException)
        {
            LogApologyFailed(logger, activity.Id, e.GetType().Name);
        }
    }

    /// <summary>Runs one activity through the bot in its own DI scope.</summary>
    private async Task<InvokeResponse?> RunTurnAsync(Activity activity, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var bot = scope.ServiceProvider.GetRequiredService<IBot>();
            return await bot.OnTurnAsync(new TurnContext(activity, connector), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Takes no new turn and lets the pending ones finish; those still waiting when the host gives up are cancelled.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        int pending;
        lock (_gate)
        {
            _stopping = true;
            pending = _pending;
            if (pending == 0)
                _drained.TrySetResult();
        }
        if (pending > 0)
            LogDraining(logger, pending);
        try
        {
            await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(logger, Pending);
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        _abort.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for {Type} activity {Id}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? type, string? id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the sender of activity {Id} that their turn failed: {Error}")]
    private static partial void LogApologyFailed(ILogger logger, string? id, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: finishing {Count} pending turn(s), taking no new ones.")]
    private static partial void LogDraining(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Count} turn(s) did not finish in time and were cancelled; their activities are left to a redelivery.")]
    private static partial void LogAbandoned(ILogger logger, int count);
}
