using System.Globalization;
using Azure.Data.Tables;
using EthicsBot.Features.Disclosures;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// The disclosure register's index in Azure Table Storage. Tables has one index, the row key, and sorts by it, so each
/// disclosure has a small second row in its organisation's partition, <c>t_{time}_{id}</c>, where time counts down
/// from the latest instant: a range of row keys is a date range, newest first. The row carries what the register
/// filters on (form, status, the answers' text), so a page is found by reading these small rows with the type and
/// status filtered on the service, and only the page's disclosures are then read whole. It is written in the same
/// entity-group transaction as its disclosure (submit, decision), so the two never disagree, carries the discloser's
/// id so that erasure finds it with the disclosure, and is rebuilt for a partition written before it existed (a
/// marker row records that the partition is indexed).
/// </summary>
internal static class TableRegisterIndex
{
    public const string Prefix = "t_";
    private const string End = "t`"; // the character after '_': the end of the index's row keys
    internal const string MarkerRow = "index_v1";

    /// <summary>Answers are joined with the unit separator, which a validated answer never holds.</summary>
    private const char Separator = '\u001F';

    public static string RowKey(DateTimeOffset submitted, string escapedId) => Prefix + Time(submitted) + "_" + escapedId;

    private static string Time(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>When an index row's disclosure was submitted, to the tick, read from its row key (the order the rows come in).</summary>
    public static DateTimeOffset Submitted(string rowKey) =>
        new(DateTimeOffset.MaxValue.UtcTicks - long.Parse(rowKey.AsSpan(Prefix.Length, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>
    /// Index rows to add in one entity-group transaction: at most 100, and well under its 4 MB, counting each
    /// character of the answers as the six bytes of a JSON escape (the most it can take).
    /// </summary>
    public static IEnumerable<List<TableEntity>> Batches(IEnumerable<TableEntity> rows)
    {
        const int MaxBytes = 3_500_000;
        var batch = new List<TableEntity>();
        var bytes = 0L;
        foreach (var row in rows)
        {
            var size = 2_048 + 6L * (row.GetString("Text")?.Length ?? 0);
            if (batch.Count == 100 || (batch.Count > 0 && bytes + size > MaxBytes))
            {
                yield return batch;
                (batch, bytes) = ([], 0);
            }
            batch.Add(row);
            bytes += size;
        }
        if (batch.Count > 0)
            yield return batch;
    }

    /// <summary>The index row of a disclosure, in its organisation's partition.</summary>
    public static TableEntity Row(Disclosure disclosure) => new(TableStorage.Key(disclosure.Organization), RowKey(disclosure.Submitted, TableStorage.Key(disclosure.Id)))
    {
        ["Id"] = disclosure.Id,
        ["DiscloserId"] = disclosure.Discloser.UserId,
        ["FormId"] = disclosure.FormId,
        ["Noun"] = disclosure.Noun,
        ["Status"] = disclosure.Status,
        ["Reference"] = disclosure.Reference,
        ["Submitted"] = disclosure.Submitted.ToUniversalTime(),
        ["Text"] = string.Join(Separator, disclosure.Answers.Select(a => a.Display)),
    };

    /// <summary>The service-side filter of one organisation's index rows for a query: the date range as a row-key range, form and status.</summary>
    public static string Filter(string partition, DisclosureQuery query)
    {
        var (lower, upper) = KeyRange(query);
        return Filter(partition, query, lower, upper);
    }

    /// <summary>Every index row of a partition.</summary>
    public static string Everything(string partition) => Filter(partition, new DisclosureQuery { Organizations = [] });

    /// <summary>
    /// The same rows as <see cref="Filter(string, DisclosureQuery)"/> as up to <paramref name="count"/> filters over
    /// disjoint row-key ranges, to be read side by side (Table Storage answers 1,000 rows a request, one request after
    /// the other within a query; eight queries at once take an eighth of the round trips). The boundaries are equal
    /// steps of time between <paramref name="newest"/> and <paramref name="oldest"/>, the partition's oldest
    /// disclosure as far as is known; the newest range is open toward newer and the oldest toward older, so a
    /// disclosure outside that estimate is still read, once: the estimate only decides how evenly the rows fall.
    /// </summary>
    public static IReadOnlyList<string> Slices(string partition, DisclosureQuery query, DateTimeOffset oldest, DateTimeOffset newest, int count)
    {
        var (lower, upper) = KeyRange(query);
        var latest = query.Before is { } before && before < newest ? before : newest;
        var earliest = query.From is { } from && from > oldest ? from : oldest;
        var bounds = new List<string> { lower };
        for (var k = 1; k < count && latest > earliest; k++)
        {
            var bound = Prefix + Time(latest - (latest - earliest) / count * k);
            if (string.CompareOrdinal(bound, bounds[^1]) > 0 && string.CompareOrdinal(bound, upper) < 0)
                bounds.Add(bound);
        }
        bounds.Add(upper);
        return [.. bounds.Zip(bounds.Skip(1), (from, to) => Filter(partition, query, from, to))];
    }

    /// <summary>
    /// The row keys of a query's date range, [lower, upper): newer times have smaller keys, so "submitted before B"
    /// starts just after B's rows and "on or after F" ends just after F's (no row key ends with the character after '_').
    /// </summary>
    private static (string Lower, string Upper) KeyRange(DisclosureQuery query) =>
        (query.Before is { } before ? Prefix + Time(before) + "`" : Prefix,
         query.From is { } since ? Prefix + Time(since) + "`" : End);

    private static string Filter(string partition, DisclosureQuery query, string lower, string upper)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lower} and RowKey lt {upper}");
        if (query.Form is not null)
            filter += " and " + TableClient.CreateQueryFilter($"FormId eq {query.Form}");
        if (query.Status is not null)
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {query.Status}");
        return filter;
    }

    /// <summary>The columns a query needs; the text only when it filters on text.</summary>
    public static string[] Columns(DisclosureQuery query) =>
        string.IsNullOrEmpty(query.Text) ? ["RowKey", "Id", "Reference"] : ["RowKey", "Id", "Reference", "Text"];

    /// <summary>Whether an index row passes the filters the service cannot apply (text, case-insensitive).</summary>
    public static bool MatchesText(TableEntity row, DisclosureQuery query) =>
        string.IsNullOrEmpty(query.Text) || (row.GetString("Text") ?? "").Contains(query.Text, StringComparison.OrdinalIgnoreCase);
}
