using System.Globalization;
using EthicsBot.Features.Disclosures;

namespace EthicsBot.Features.Office.Desk;

/// <summary>The register as rows for a file (<see cref="DeskSheets"/>): one row per disclosure.</summary>
public static class RegisterExport
{
    public const int MaxRows = 50_000;

    /// <summary>
    /// Every disclosure a register query matches (up to <see cref="MaxRows"/>), newest first, read <paramref name="batch"/>
    /// at a time. Each batch starts where the last one ended in time, not at a count of rows to skip, so each is a
    /// first page for the store (a store that must read every row before an offset, as Table Storage does, would read
    /// the register again for every batch). The next batch includes the last one's oldest instant, which others may
    /// share, and drops the disclosures already read; a batch with nothing new (more than a batch submitted at one
    /// instant, or all erased between the store's two reads) moves on by position instead.
    /// </summary>
    public static async Task<List<Disclosure>> ReadAsync(IDisclosureStore store, DisclosureQuery query, int batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        batch = Math.Clamp(batch, 1, 500); // what a store gives at most
        var rows = new List<Disclosure>();
        var seen = new HashSet<(string, string)>();
        var next = query with { Skip = 0, Take = batch };
        while (rows.Count < MaxRows)
        {
            var page = await store.QueryAsync(next, cancellationToken).ConfigureAwait(false);
            var fresh = page.Items.Where(d => seen.Add((d.Organization, d.Id))).ToList();
            rows.AddRange(fresh);
            // Done when the store says nothing matches past this batch; a short batch alone (a disclosure erased
            // between the store's two reads) is not the end.
            if (page.Exact && next.Skip + batch >= page.Total)
                break;
            next = fresh.Count > 0
                ? next with { Before = page.Items[^1].Submitted.AddTicks(1), Skip = 0 }
                : next with { Skip = next.Skip + batch };
        }
        return rows.Count > MaxRows ? rows[..MaxRows] : rows;
    }

    public static readonly IReadOnlyList<string> Columns =
        ["Reference", "Organisation", "Type", "Submitted (UTC)", "Status", "Discloser", "Decided by", "Decided at (UTC)", "Comment", "Answers"];

    public static IEnumerable<IReadOnlyList<string>> Rows(IEnumerable<Disclosure> disclosures, IReadOnlyDictionary<string, string> organizationNames)
    {
        ArgumentNullException.ThrowIfNull(disclosures);
        ArgumentNullException.ThrowIfNull(organizationNames);
        foreach (var d in disclosures)
        {
            var last = d.Decisions.Count > 0 ? d.Decisions[^1] : null;
            yield return
            [
                d.Reference, organizationNames.GetValueOrDefault(d.Organization, d.Organization), d.FormTitle,
                d.Submitted.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), d.Status, d.Discloser.Name,
                last?.ByName ?? "", last?.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", last?.Comment ?? "",
                string.Join("; ", d.Answers.Select(a => $"{a.Label}: {a.Display}")),
            ];
        }
    }
}
