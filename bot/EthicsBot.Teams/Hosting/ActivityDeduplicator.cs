using System.Collections.Concurrent;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// Remembers the activities already taken in, so a redelivery (same channel, conversation and activity id — Teams
/// retries when an answer is slow) is handled once. Entries are kept for a time window and their number is bounded.
/// </summary>
public sealed class ActivityDeduplicator(TimeProvider time, TimeSpan? window = null, int capacity = 100_000)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time this key is seen within the window; false for a redelivery.</summary>
    public bool TryBegin(string key)
    {
        var now = time.GetUtcNow();
        if (_seen.Count >= capacity)
            Sweep(now);
        if (_seen.TryAdd(key, now))
            return true;
        if (_seen.TryGetValue(key, out var at) && now - at > _window && _seen.TryUpdate(key, now, at))
            return true;
        return false;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, at) in _seen)
            if (now - at > _window)
                _seen.TryRemove(key, out _);
        // Still full of recent entries: drop the oldest half rather than grow without bound.
        if (_seen.Count >= capacity)
            foreach (var (key, _) in _seen.OrderBy(p => p.Value).Take(_seen.Count / 2))
                _seen.TryRemove(key, out _);
    }
}
