using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// In the background: posts disclosures the ethics office has not yet received (at start, after each submit and
/// every <see cref="DisclosureSettings.UpkeepInterval"/>), and removes dialogs left idle past their timeout.
/// </summary>
public sealed partial class DisclosureUpkeep(EthicsOfficeNotifier notifier, IDisclosureStore store, IOptions<DisclosureSettings> settings, TimeProvider time, ILogger<DisclosureUpkeep> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Runs a round now (after a submit) rather than at the next interval.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await notifier.PostPendingAsync(stoppingToken).ConfigureAwait(false);
                var removed = await store.DeleteDialogsIdleSinceAsync(time.GetUtcNow() - settings.Value.IdleTimeout, stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                    LogRemoved(logger, removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name, e.Message);
            }
            try
            {
                await _wake.WaitAsync(settings.Value.UpkeepInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} disclosure dialog(s) left idle past their timeout.")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disclosure upkeep failed ({Error}: {Problem}); retried at the next round.")]
    private static partial void LogFailed(ILogger logger, string error, string problem);
}
