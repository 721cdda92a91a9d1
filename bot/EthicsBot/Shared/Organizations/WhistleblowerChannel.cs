namespace EthicsBot.Shared.Organizations;

/// <summary>Where staff report misconduct, outside this chat.</summary>
public sealed class WhistleblowerChannel
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public bool AcceptsAnonymousReports { get; set; }
    /// <summary>How to use the channel, in a sentence or two shown on the handoff card.</summary>
    public string HowTo { get; set; } = "";
    /// <summary>The clause that protects good-faith reporters from retaliation (e.g. <c>ims-3.7</c>, <c>iom-5.21</c>).</summary>
    public string ProtectionClause { get; set; } = "";
}
