namespace EthicsBot.Features.Campaigns;

/// <summary>How campaign cards go out, configuration section <c>Campaigns</c>.</summary>
public sealed class CampaignSettings
{
    public const string Section = "Campaigns";

    /// <summary>
    /// Cards a second for the whole bot, every instance together (the instances take their turns from the store). Teams
    /// allows an app 50 requests a second per tenant; the default leaves room for the answers people are asking for.
    /// </summary>
    public double MessagesPerSecond { get; set; } = 30;

    /// <summary>Queue entries an instance takes at once.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Cards an instance has on the wire at once (a slow connector does not slow the pace).</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>How long an instance holds the entries it took; when it dies they are taken again after this.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>How often an idle instance looks at the queue (a launch on this instance wakes it at once).</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Attempts of one card (each already retried by the connector client on throttling) before it counts as failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after a failed attempt, doubled with each attempt (at most an hour).</summary>
    public double RetryAfterSeconds { get; set; } = 30;

    /// <summary>Installing the app through Microsoft Graph for people of the audience who do not have it (off by default).</summary>
    public GraphInstallSettings Graph { get; set; } = new();

    /// <summary>Turns the sending off on this instance (it still records acknowledgements and takes launches).</summary>
    public bool Send { get; set; } = true;
}
