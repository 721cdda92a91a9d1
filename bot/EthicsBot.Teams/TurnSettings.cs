namespace EthicsBot.Teams;

/// <summary>How turns are run, configuration section <c>Bot:Turns</c>.</summary>
public sealed class TurnSettings
{
    /// <summary>Turns running at once, across conversations (one at a time within a conversation).</summary>
    public int MaxConcurrent { get; set; } = 256;

    /// <summary>Turns accepted and not yet finished (running or waiting their conversation's turn); past it, 503.</summary>
    public int MaxQueued { get; set; } = 10_000;

    /// <summary>
    /// How long a message's POST is held for its turn to finish. The 200 means "handled", so a crash before it makes
    /// Teams redeliver; a turn still running then is acknowledged anyway (Teams gives up at 15 s) and goes on.
    /// </summary>
    public TimeSpan AckWithin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An instance's claim on an activity lasts this long unless renewed (every third of it while the turn runs).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a handled activity's id is remembered, so its redelivery is dropped.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a redelivery waiting on another instance's claim looks at the shared ledger again.</summary>
    public TimeSpan BusyPoll { get; set; } = TimeSpan.FromMilliseconds(200);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxConcurrent < 1)
            problems.Add("Bot:Turns:MaxConcurrent must be at least 1.");
        if (MaxQueued < MaxConcurrent)
            problems.Add("Bot:Turns:MaxQueued must be at least Bot:Turns:MaxConcurrent.");
        if (AckWithin <= TimeSpan.Zero || AckWithin > TimeSpan.FromSeconds(14))
            problems.Add("Bot:Turns:AckWithin must be more than 0 and at most 14 seconds (Teams waits 15).");
        if (ClaimLease < TimeSpan.FromSeconds(1))
            problems.Add("Bot:Turns:ClaimLease must be at least one second.");
        if (DedupWindow < ClaimLease)
            problems.Add("Bot:Turns:DedupWindow must be at least Bot:Turns:ClaimLease.");
        if (BusyPoll <= TimeSpan.Zero)
            problems.Add("Bot:Turns:BusyPoll must be more than 0.");
        return problems;
    }
}
