namespace EthicsBot.Features.Office;

/// <summary>Applies the retention rule at start and then daily.</summary>
public sealed partial class RetentionSweep(ReviewDesk desk, TimeProvider time, ILogger<RetentionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await desk.ApplyRetentionAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed ({Error}: {Problem}); retried tomorrow.")]
    private static partial void LogFailed(ILogger logger, string error, string problem);
}
