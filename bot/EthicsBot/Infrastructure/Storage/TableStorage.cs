using Azure;
using Azure.Data.Tables;
using EthicsBot.Shared.DataRights;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>What every Table Storage store does alike: partition = organisation, ids escaped, deletes by filter.</summary>
internal static class TableStorage
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

    /// <summary>Deletes the entities a filter finds; returns how many this call deleted (one gone meanwhile is not counted).</summary>
    public static async Task<int> DeleteWhereAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }
        return deleted;
    }
}
