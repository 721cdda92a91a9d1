using System.Text.RegularExpressions;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Office;

/// <summary>Clause ids typed by a member ("iom-5.50, iom-5.49"), for an answer or a FAQ entry.</summary>
public static partial class ClauseList
{
    /// <summary>The most characters the chat card's and the desk's clause fields take: ten ids with room to spare.</summary>
    public const int MaxLength = 300;

    /// <summary>The ids (at most ten, lower case, each once); a problem when any is not a clause of the organisation's Codes.</summary>
    public static (IReadOnlyList<string> Ids, string? Problem) Parse(ClauseCatalog clauses, OrganizationProfile organization, string? list)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(organization);
        var ids = Separators().Split(list ?? "").Where(s => s.Length > 0).Select(s => s.ToLowerInvariant()).Distinct().Take(10).ToList();
        var unknown = ids.Where(id => clauses.Find(id) is not { } c || !organization.CodeIds.Contains(c.Organization)).ToList();
        return unknown.Count > 0
            ? (ids, $"Not clauses of the {organization.Name} Code: {string.Join(", ", unknown)}. Write ids such as {organization.CodeIds[0]}-1.1, separated by commas.")
            : (ids, null);
    }

    [GeneratedRegex(@"[\s,;]+")]
    private static partial Regex Separators();
}
