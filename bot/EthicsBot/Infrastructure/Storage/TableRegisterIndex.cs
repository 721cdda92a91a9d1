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

    public static TableEntity Row(string partition, string escapedId, Disclosure disclosure) => new(partition, RowKey(disclosure.Submitted, escapedId))
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
        // Newer times have smaller keys: "submitted before B" starts just after B's key, "on or after F" ends after F's.
        var from = query.Before is { } before ? Prefix + Time(before) + "`" : Prefix;
        var to = query.From is { } since ? Prefix + Time(since) + "`" : End;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {from} and RowKey lt {to}");
        if (query.Form is not null)
            filter += " and " + TableClient.CreateQueryFilter($"FormId eq {query.Form}");
        if (query.Status is not null)
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {query.Status}");
        return filter;
    }

    /// <summary>The columns a query needs; the text only when it filters on text.</summary>
    public static string[] Columns(DisclosureQuery query) =>
        string.IsNullOrEmpty(query.Text) ? ["Id", "Submitted", "Reference"] : ["Id", "Submitted", "Reference", "Text"];

    /// <summary>Whether an index row passes the filters the service cannot apply (text, case-insensitive).</summary>
    public static bool MatchesText(TableEntity row, DisclosureQuery query) =>
        string.IsNullOrEmpty(query.Text) || (row.GetString("Text") ?? "").Contains(query.Text, StringComparison.OrdinalIgnoreCase);

    public static string IndexRange(string partition) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {Prefix} and RowKey lt {End}");
}
