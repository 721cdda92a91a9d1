using Azure.Data.Tables;
using EthicsBot.Shared.DataRights;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>The keys and partition filters every Table Storage store uses: partition = organisation, ids escaped.</summary>
internal static class TableKeys
{
    /// <summary>Table keys may not hold / \ # ? or control characters; ids are escaped so any Teams id fits.</summary>
    public static string Key(string value) => Uri.EscapeDataString(value);

    /// <summary>
    /// A filter on tables partitioned by organisation, limited to an erasure's scope: one query per organisation (a
    /// partition each), or the filter alone for every organisation.
    /// </summary>
    public static IEnumerable<string> InScope(ErasureScope scope, string filter) =>
        scope.Organizations is null
            ? [filter]
            : scope.Organizations.Select(organization => $"({TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)}")}) and ({filter})");
}
