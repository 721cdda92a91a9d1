using Azure;
using Azure.Data.Tables;
using EthicsBot.Teams.Hosting;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// The activity ledger in Azure Table Storage (table <c>{prefix}Activities</c>), shared by the App Service instances:
/// partition = the first two hex digits of the key's hash, row = the hash. A claim is an insert (409 when the entity is
/// there); an expired entry is taken over by an ETag-conditional replace, so of two instances racing for it one wins.
/// </summary>
public sealed class TableActivityLedger : IActivityLedger
{
    private readonly TableClient _table;
    private readonly Lazy<Task> _created;

    public TableActivityLedger(TableServiceClient service, string tablePrefix = "ethicsbot")
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(tablePrefix + "Activities");
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    private static TableEntity Entity(string key, string owner, bool done, DateTimeOffset expires) => new(key[..2], key)
    {
        ["Owner"] = owner,
        ["Done"] = done,
        ["Expires"] = expires.ToUniversalTime(),
    };

    public async Task<ClaimOutcome> TryClaimAsync(string key, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _table.AddEntityAsync(Entity(key, owner, false, leaseUntil), cancellationToken).ConfigureAwait(false);
                return ClaimOutcome.Claimed;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(key[..2], key, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue)
                continue; // removed meanwhile (released, swept): insert again
            var entity = found.Value!;
            if (entity.GetDateTimeOffset("Expires") is { } expires && expires >= now)
                return entity.GetBoolean("Done") == true ? ClaimOutcome.Done : ClaimOutcome.Busy;
            try
            {
                await _table.UpdateEntityAsync(Entity(key, owner, false, leaseUntil), entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return ClaimOutcome.Claimed;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412 && attempt < 10)
            {
                // Another instance took it over (or it went) meanwhile: look again.
            }
        }
    }

    public async Task<bool> RenewAsync(string key, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(key[..2], key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value!.GetString("Owner") != owner || found.Value.GetBoolean("Done") == true)
            return false;
        try
        {
            await _table.UpdateEntityAsync(Entity(key, owner, false, leaseUntil), found.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string key, string owner, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        await _table.UpsertEntityAsync(Entity(key, owner, true, keepUntil), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string key, string owner, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(key[..2], key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value!.GetString("Owner") != owner || found.Value.GetBoolean("Done") == true)
            return;
        try
        {
            await _table.DeleteEntityAsync(key[..2], key, found.Value.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _created.Value.ConfigureAwait(false);
        return await TableStorage.DeleteWhereAsync(_table, TableClient.CreateQueryFilter($"Expires lt {now.ToUniversalTime()}"), cancellationToken).ConfigureAwait(false);
    }
}
