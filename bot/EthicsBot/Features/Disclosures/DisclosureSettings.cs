namespace EthicsBot.Features.Disclosures;

/// <summary>Configuration section <c>Disclosures</c>.</summary>
public sealed class DisclosureSettings
{
    public const string Section = "Disclosures";

    /// <summary>A disclosure left this long without a step is discarded (nothing was submitted).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often disclosures not yet posted to the ethics office are retried, and idle dialogs removed.</summary>
    public TimeSpan UpkeepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultPostLease = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an instance's claim to post a disclosure to the ethics office lasts: another instance posts it only
    /// after the claim ran out (its owner failed or died before marking it posted).
    /// </summary>
    public TimeSpan PostLease { get; set; } = DefaultPostLease;
}
