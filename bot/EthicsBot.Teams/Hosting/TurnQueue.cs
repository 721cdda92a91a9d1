using System.Threading.Channels;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// Message and conversation activities are acknowledged at once and worked on here, a few at a time, so Teams never
/// waits on a search and never retries because the bot was slow. Answers go out through the connector.
/// </summary>
public sealed partial class TurnQueue(IServiceScopeFactory scopes, IConnectorClient connector, ILogger<TurnQueue> logger) : BackgroundService
{
    private const int Workers = 4;
    private readonly Channel<Activity> _queue = Channel.CreateBounded<Activity>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues an activity; false when the queue is full (the caller answers 503 and Teams retries later).</summary>
    public bool TryEnqueue(Activity activity) => _queue.Writer.TryWrite(activity);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var activity in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunTurnAsync(scopes, connector, activity, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The activity's type and id and the fault, never its text: it may be something the bot must not keep.
                LogTurnFailed(logger, e, activity.Type, activity.Id);
                await ApologiseAsync(activity, stoppingToken).ConfigureAwait(false);
            }
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
    public static async Task<InvokeResponse?> RunTurnAsync(IServiceScopeFactory scopes, IConnectorClient connector, Activity activity, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var bot = scope.ServiceProvider.GetRequiredService<IBot>();
            return await bot.OnTurnAsync(new TurnContext(activity, connector), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for {Type} activity {Id}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? type, string? id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the sender of activity {Id} that their turn failed: {Error}")]
    private static partial void LogApologyFailed(ILogger logger, string? id, string error);
}
