using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Office;

/// <summary>Where one person's erasures reach: every organisation (a data-protection officer), or these organisations.</summary>
public sealed record ErasureReach(bool Everywhere, IReadOnlyList<OrganizationProfile> Organizations)
{
    /// <summary>"in every organisation", or "in IOM only" / "in IOM and IMS only".</summary>
    public string Describe() => Everywhere ? "in every organisation" : $"in {string.Join(" and ", Organizations.Select(o => o.Name))} only";
}
