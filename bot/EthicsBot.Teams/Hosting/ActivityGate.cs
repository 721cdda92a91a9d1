using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// Makes sure each activity is handled once by all instances together, through the shared <see cref="IActivityLedger"/>:
/// the first delivery claims it (a lease this instance renews while the turn runs) and marks it done when the turn
/// ends; a redelivery finds it done and is dropped, or finds it being handled and waits for that to end. If the owner
/// dies, its lease runs out and a redelivery takes the activity over. A redelivery on the same instance waits on the
/// turn in memory, without asking the store.
/// </summary>
public sealed partial class ActivityGate(IActivityLedger ledger, IOptions<BotSettings> settings, TimeProvider time, ILogger<ActivityGate> logger) : BackgroundService
{
    private readonly TurnSettings _settings = settings.Value.Turns;
    private readonly ConcurrentDictionary<string, Claim> _owned = new(StringComparer.Ordinal);

    /// <summary>This instance's name in the ledger.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Claims the activity for this instance: true when this instance should run it; false when it was handled
    /// (here or elsewhere) by the time this returns. Waits while another instance handles it.
    /// </summary>
    public async Task<bool> ClaimAsync(string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_owned.TryGetValue(key, out var local))
            {
                // Redelivered to this instance while its first delivery runs here: wait for that one.
                await local.Ended.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            var mine = new Claim();
            if (!_owned.TryAdd(key, mine))
                continue;
            ClaimOutcome outcome;
            try
            {
                var now = time.GetUtcNow();
                outcome = await ledger.TryClaimAsync(key, Owner, now, now + _settings.ClaimLease, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Forget(key, mine);
                throw;
            }
            if (outcome == ClaimOutcome.Claimed)
            {
                mine.Held = true;
                return true;
            }
            Forget(key, mine);
            if (outcome == ClaimOutcome.Done)
                return false;
            // Another instance is on it: look again shortly (done, or its lease ran out and it may be taken over).
            await Task.Delay(_settings.BusyPoll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The turn ended (answered, or apologised for): redeliveries are dropped from now on.</summary>
    public async Task CompleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.CompleteAsync(key, Owner, time.GetUtcNow() + _settings.DedupWindow, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_owned.TryRemove(key, out var mine))
                mine.Ended.TrySetResult();
        }
    }

    /// <summary>The turn never ran (queue full, stopping): the claim is given up so a redelivery is taken at once.</summary>
    public async Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.ReleaseAsync(key, Owner, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_owned.TryRemove(key, out var mine))
                mine.Ended.TrySetResult();
        }
    }

    private void Forget(string key, Claim mine)
    {
        _owned.TryRemove(new KeyValuePair<string, Claim>(key, mine));
        mine.Ended.TrySetResult();
    }

    /// <summary>An activity this instance is claiming or holds; <see cref="Ended"/> completes when it lets go.</summary>
    private sealed class Claim
    {
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Held;
    }

    /// <summary>Renews this instance's claims every third of the lease, and sweeps expired entries now and then.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastSweep = time.GetUtcNow();
        using var timer = new PeriodicTimer(_settings.ClaimLease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var until = time.GetUtcNow() + _settings.ClaimLease;
                foreach (var (key, claim) in _owned)
                {
                    if (!claim.Held)
                        continue;
                    try
                    {
                        if (!await ledger.RenewAsync(key, Owner, until, stoppingToken).ConfigureAwait(false) && _owned.TryGetValue(key, out var still) && still.Held)
                            LogClaimLost(logger);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogLedgerFailed(logger, "renewing a claim", e.GetType().Name, e.Message);
                    }
                }
                if (time.GetUtcNow() - lastSweep < TimeSpan.FromMinutes(5))
                    continue;
                lastSweep = time.GetUtcNow();
                try
                {
                    await ledger.SweepAsync(lastSweep, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogLedgerFailed(logger, "sweeping expired entries", e.GetType().Name, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A claim on an activity ran out while its turn was still running; another instance may answer it too.")]
    private static partial void LogClaimLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity ledger failed while {What} ({Error}: {Problem}); retried.")]
    private static partial void LogLedgerFailed(ILogger logger, string what, string error, string problem);
}
