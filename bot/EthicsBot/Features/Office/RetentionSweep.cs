using EthicsBot.Shared.DataRights;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Office;

/// <summary>Applies the retention rule at start and then daily.</summary>
public sealed partial class RetentionSweep(IOfficeStore store, IOptions<ReviewSettings> settings, TimeProvider time, ILogger<RetentionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await ApplyRetentionAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Deletes review items, answer events and feedback older than <see cref="ReviewSettings.RetentionDays"/>.</summary>
    public async Task<DeletedCounts> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-Math.Max(1, settings.Value.RetentionDays));
        var counts = await store.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (counts.Total > 0)
            LogRetention(logger, counts.ReviewItems, counts.AnswerEvents, counts.Feedback, settings.Value.RetentionDays);
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed ({Error}: {Problem}); retried tomorrow.")]
    private static partial void LogFailed(ILogger logger, string error, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Items} review item(s), {Answers} answer event(s), {Feedback} feedback(s) older than {Days} days.")]
    private static partial void LogRetention(ILogger logger, int items, int answers, int feedback, int days);
}
