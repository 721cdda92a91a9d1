using System.Security.Claims;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Office.Desk;

/// <summary>The person at the desk and the organisations whose ethics office they belong to (at least one).</summary>
public sealed record DeskMember(OfficeMember Member, IReadOnlyList<OrganizationProfile> Organizations)
{
    public OrganizationProfile? Find(string organization) =>
        Organizations.FirstOrDefault(o => string.Equals(o.Id, organization, StringComparison.OrdinalIgnoreCase));

    /// <summary>The member behind a signed-in user, or null when they belong to no ethics office.</summary>
    public static DeskMember? Of(ClaimsPrincipal user, OrganizationDirectory organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        if (DeskAuthentication.ObjectId(user) is not { Length: > 0 } id)
            return null;
        var mine = organizations.OfficesOf(id);
        if (mine.Count == 0)
            return null;
        var name = user.FindFirst("name")?.Value;
        return new DeskMember(mine[0].EthicsOffice.Acting(id, name), mine);
    }
}
