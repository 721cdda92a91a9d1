using System.Security.Cryptography;
using System.Text;

namespace EthicsBot.Teams.Hosting;

/// <summary>What <see cref="IActivityLedger.TryClaimAsync"/> found.</summary>
public enum ClaimOutcome
{
    /// <summary>This instance now owns the activity (new, or taken over from a claim whose lease ran out).</summary>
    Claimed,
    /// <summary>The activity was handled already (within the dedup window): drop the redelivery.</summary>
    Done,
    /// <summary>Another owner holds a live claim: it is being handled right now.</summary>
    Busy,
}

/// <summary>
/// The record of activities taken in, shared by every instance of the bot (SQLite file or Azure Table Storage):
/// insert-if-absent with an expiry. A claim is a lease (owner, expiry) that the owner renews while the turn runs and
/// turns into "done" when it ends; "done" is kept for the dedup window. A claim whose lease ran out (its owner died)
/// may be taken over. Keys are <see cref="ActivityKeys.KeyOf"/> hashes: no conversation id is stored.
/// </summary>
public interface IActivityLedger
{
    Task<ClaimOutcome> TryClaimAsync(string key, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Extends this owner's claim; false when it is no longer this owner's.</summary>
    Task<bool> RenewAsync(string key, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Marks the activity handled, remembered until <paramref name="keepUntil"/>.</summary>
    Task CompleteAsync(string key, string owner, DateTimeOffset keepUntil, CancellationToken cancellationToken);

    /// <summary>Gives up this owner's claim (the turn never ran), so a redelivery may be taken at once.</summary>
    Task ReleaseAsync(string key, string owner, CancellationToken cancellationToken);

    /// <summary>Removes entries that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

public static class ActivityKeys
{
    /// <summary>The ledger key of an activity: SHA-256 of channel, conversation and activity id, in hex.</summary>
    public static string KeyOf(string? channelId, string conversationId, string activityId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}|{conversationId}|{activityId}")));
}

/// <summary>The ledger in this process only: enough for one instance with no shared store (the protocol's default).</summary>
public sealed class MemoryActivityLedger(int capacity = 100_000) : IActivityLedger
{
    private readonly Dictionary<string, (string Owner, bool Done, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<ClaimOutcome> TryClaimAsync(string key, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.Count >= capacity)
                Sweep(now);
            if (_entries.TryGetValue(key, out var entry) && entry.Expires >= now)
                return Task.FromResult(entry.Done ? ClaimOutcome.Done : ClaimOutcome.Busy);
            _entries[key] = (owner, false, leaseUntil);
            return Task.FromResult(ClaimOutcome.Claimed);
        }
    }

    public Task<bool> RenewAsync(string key, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry) || entry.Owner != owner || entry.Done)
                return Task.FromResult(false);
            _entries[key] = entry with { Expires = leaseUntil };
            return Task.FromResult(true);
        }
    }

    public Task CompleteAsync(string key, string owner, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
            _entries[key] = (owner, true, keepUntil);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var entry) && entry.Owner == owner && !entry.Done)
                _entries.Remove(key);
        return Task.CompletedTask;
    }

    public Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(Sweep(now));
    }

    private int Sweep(DateTimeOffset now)
    {
        var expired = _entries.Where(e => e.Value.Expires < now).Select(e => e.Key).ToList();
        foreach (var key in expired)
            _entries.Remove(key);
        // Still full of live entries: drop the oldest half rather than grow without bound.
        if (_entries.Count >= capacity)
            foreach (var key in _entries.OrderBy(e => e.Value.Expires).Take(_entries.Count / 2).Select(e => e.Key).ToList())
                _entries.Remove(key);
        return expired.Count;
    }
}
