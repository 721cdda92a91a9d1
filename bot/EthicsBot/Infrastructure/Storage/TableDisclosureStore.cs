using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.DataRights;
using EthicsBot.Teams.Protocol;
using static EthicsBot.Infrastructure.Storage.TableStorage;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// Dialogs and disclosures in Azure Table Storage, for more than one instance of the bot.
/// <para>
/// Layout: table <c>{prefix}Dialogs</c>, partition = conversation, row = user. Table <c>{prefix}Disclosures</c>,
/// partition = organisation, row <c>d_{id}</c> per disclosure and <c>counter_{PREFIX}_{year}</c> per reference
/// sequence. A submit is one entity-group transaction in the organisation's partition (counter + disclosure), so it
/// is stored whole or not at all; a concurrent submit that drew the same number fails on the counter's ETag and
/// draws again; a second submit of the same disclosure fails on its row and returns the stored one.
/// </para>
/// </summary>
public sealed class TableDisclosureStore : IDisclosureStore
{
    private const string DisclosureRow = "d_";
    private const string CounterRow = "counter_";
    private readonly TableClient _dialogs;
    private readonly TableClient _disclosures;
    private readonly Lazy<Task> _created;

    public TableDisclosureStore(TableServiceClient service, string tablePrefix = "ethicsbot")
    {
        ArgumentNullException.ThrowIfNull(service);
        _dialogs = service.GetTableClient(tablePrefix + "Dialogs");
        _disclosures = service.GetTableClient(tablePrefix + "Disclosures");
        _created = new Lazy<Task>(async () =>
        {
            await _dialogs.CreateIfNotExistsAsync().ConfigureAwait(false);
            await _disclosures.CreateIfNotExistsAsync().ConfigureAwait(false);
        });
    }

    private static JsonSerializerOptions Json => ProtocolJson.Options;

    private Task ReadyAsync() => _created.Value;

    public async Task<DialogState?> GetDialogAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _dialogs.GetEntityIfExistsAsync<TableEntity>(Key(conversationId), Key(userId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? JsonSerializer.Deserialize<DialogState>(entity.Value!.GetString("State"), Json) : null;
    }

    public async Task SaveDialogAsync(DialogState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await ReadyAsync().ConfigureAwait(false);
        var entity = new TableEntity(Key(state.Discloser.ConversationId), Key(state.Discloser.UserId))
        {
            ["State"] = JsonSerializer.Serialize(state, Json),
            ["Updated"] = state.Updated.ToUniversalTime(),
            ["DialogId"] = state.DialogId,
        };
        await _dialogs.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteDialogAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        await DeleteIfThereAsync(_dialogs, Key(conversationId), Key(userId), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteDialogsIdleSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var deleted = 0;
        await foreach (var entity in _dialogs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Updated lt {cutoff.ToUniversalTime()}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await DeleteIfThereAsync(_dialogs, entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            deleted++;
        }
        return deleted;
    }

    public async Task<Disclosure> SubmitAsync(Disclosure disclosure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        await ReadyAsync().ConfigureAwait(false);
        var partition = Key(disclosure.Organization);
        var year = disclosure.Submitted.UtcDateTime.Year;
        var counterRow = $"{CounterRow}{disclosure.ReferencePrefix}_{year}";
        for (var attempt = 1; ; attempt++)
        {
            if (await GetAsync(disclosure.Organization, disclosure.Id, cancellationToken).ConfigureAwait(false) is { } existing)
                return existing;

            var counter = await _disclosures.GetEntityIfExistsAsync<TableEntity>(partition, counterRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var last = counter.HasValue ? counter.Value!.GetInt64("Last") ?? 0 : 0;
            var stored = disclosure with { Reference = DisclosureRules.Reference(disclosure.ReferencePrefix, year, last + 1), OfficeActivityId = null };
            var next = new TableEntity(partition, counterRow) { ["Last"] = last + 1 };
            TableTransactionAction[] batch =
            [
                counter.HasValue
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, counter.Value!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, next),
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(stored)),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, TableRegisterIndex.Row(stored)),
            ];
            try
            {
                await _disclosures.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < 50)
            {
                // Another submit took this number (counter ETag or counter created meanwhile), or this very
                // disclosure was stored meanwhile: read again; the loop returns the stored one or draws anew.
                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
                continue;
            }
            // The dialog ends after the disclosure is stored; if the bot stops in between, the dialog still points at
            // this disclosure's id and submitting it again returns the stored disclosure.
            var dialog = await _dialogs.GetEntityIfExistsAsync<TableEntity>(Key(stored.Discloser.ConversationId), Key(stored.Discloser.UserId), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (dialog.HasValue && dialog.Value!.GetString("DialogId") == stored.Id)
                await DeleteIfThereAsync(_dialogs, dialog.Value.PartitionKey, dialog.Value.RowKey, dialog.Value.ETag, cancellationToken).ConfigureAwait(false);
            return stored;
        }
    }

    public async Task<Disclosure?> GetAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _disclosures.GetEntityIfExistsAsync<TableEntity>(Key(organization), DisclosureRow + Key(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    public Task<IReadOnlyList<Disclosure>> ListByDiscloserAsync(string organization, string userId, CancellationToken cancellationToken) =>
        ListNewestFirstAsync(DisclosureRows(Key(organization)) + " and " + TableClient.CreateQueryFilter($"DiscloserId eq {userId}"), cancellationToken);

    public Task<DecisionResult> DecideAsync(string organization, string id, DisclosureDecision decision, CancellationToken cancellationToken) =>
        DisclosureRules.DecideAsync(decision, change => UpdateAsync(organization, id, change, cancellationToken));

    public Task<IReadOnlyList<Disclosure>> ListAsync(string organization, CancellationToken cancellationToken) =>
        ListNewestFirstAsync(DisclosureRows(Key(organization)), cancellationToken);

    /// <summary>The disclosures a filter of disclosure rows finds, newest first.</summary>
    private async Task<IReadOnlyList<Disclosure>> ListNewestFirstAsync(string filter, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var list = new List<Disclosure>();
        await foreach (var entity in _disclosures.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(FromEntity(entity));
        return [.. list.OrderByDescending(d => d.Submitted).ThenByDescending(d => d.Reference, StringComparer.Ordinal)];
    }

    /// <summary>Counted from the register's index rows (two short columns a disclosure rather than the whole of it), read in slices side by side.</summary>
    public async Task<IReadOnlyList<DisclosureCount>> CountByTypeAndStatusAsync(string organization, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var counts = new Dictionary<(string Noun, string Status), int>();
        foreach (var row in await ReadIndexAsync(new DisclosureQuery { Organizations = [organization] }, organization, ["Noun", "Status"], cancellationToken).ConfigureAwait(false))
        {
            var key = (row.GetString("Noun") ?? "disclosure", row.GetString("Status") ?? DisclosureStatus.Submitted);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return [.. counts.Select(c => new DisclosureCount(c.Key.Noun, c.Key.Status, c.Value))];
    }

    /// <summary>Table Storage answers at most this many rows a request.</summary>
    private const int RowsPerRequest = 1_000;

    /// <summary>How many row-key ranges of the index are read side by side when a query reads all its rows.</summary>
    private const int Slices = 8;

    /// <summary>
    /// One query of the register's index per organisation (the member's, usually one): the date range is a range of
    /// row keys, form and status are filtered on the service, the answers' text here; then only the page's
    /// disclosures are read whole. A page the first request can reach is read newest first and reading stops at the
    /// page and one more match (Table Storage cannot count without reading every row: the total is then a lower
    /// bound, <see cref="DisclosurePage.Exact"/> false). A deeper page, or a text filter, must read every row of the
    /// range anyway: it is read in slices side by side, and its total is exact. See <see cref="TableRegisterIndex"/>.
    /// </summary>
    public async Task<DisclosurePage> QueryAsync(DisclosureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await ReadyAsync().ConfigureAwait(false);
        var skip = Math.Max(0, query.Skip);
        var take = Math.Clamp(query.Take, 1, 500);
        var enough = skip + take + 1;
        var readAll = !string.IsNullOrEmpty(query.Text) || enough + 1 > RowsPerRequest;
        var matched = new List<(DateTimeOffset Submitted, string Reference, string Organization, string Id)>();
        var exact = true;
        foreach (var organization in query.Organizations.Distinct(StringComparer.Ordinal))
        {
            var rows = readAll
                ? await ReadIndexAsync(query, organization, TableRegisterIndex.Columns(query), cancellationToken).ConfigureAwait(false)
                : await ReadIndexNewestAsync(query, organization, enough + 1, cancellationToken).ConfigureAwait(false);
            var found = rows.Where(row => TableRegisterIndex.MatchesText(row, query))
                .Select(row => (TableRegisterIndex.Submitted(row.RowKey), row.GetString("Reference") ?? "", organization, row.GetString("Id")!))
                .Order(RegisterOrder).ToList();
            if (!readAll && found.Count > enough) // reading stopped early: a row beyond the page and one more says "more than"
            {
                exact = false;
                found.RemoveRange(enough, found.Count - enough);
            }
            matched.AddRange(found);
        }
        var page = matched.Order(RegisterOrder).Skip(skip).Take(take);
        var items = await Task.WhenAll(page.Select(m => GetAsync(m.Organization, m.Id, cancellationToken))).ConfigureAwait(false);
        // A disclosure erased between the two reads is left out of the page rather than shown empty.
        return new DisclosurePage([.. items.OfType<Disclosure>()], matched.Count, exact);
    }

    /// <summary>
    /// The register's order, the same in every store: newest first, then reference, organisation and id, so a page
    /// cut in one read and the next page read later agree on where the cut is.
    /// </summary>
    private static readonly Comparer<(DateTimeOffset Submitted, string Reference, string Organization, string Id)> RegisterOrder = Comparer<(DateTimeOffset Submitted, string Reference, string Organization, string Id)>.Create((a, b) =>
        b.Submitted.CompareTo(a.Submitted) is not 0 and var time ? time
        : string.CompareOrdinal(b.Reference, a.Reference) is not 0 and var reference ? reference
        : string.CompareOrdinal(a.Organization, b.Organization) is not 0 and var organization ? organization
        : string.CompareOrdinal(a.Id, b.Id));

    /// <summary>
    /// The first <paramref name="limit"/> index rows of one organisation's range, newest first (no text filter), and
    /// the rest of the last instant read: rows of one instant come in id order, not in the register's, so a cut
    /// inside an instant could keep a different part of it than a later read.
    /// </summary>
    private async Task<List<TableEntity>> ReadIndexNewestAsync(DisclosureQuery query, string organization, int limit, CancellationToken cancellationToken)
    {
        var partition = Key(organization);
        await EnsureIndexedAsync(partition, cancellationToken).ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var row in _disclosures.QueryAsync<TableEntity>(TableRegisterIndex.Filter(partition, query), maxPerPage: Math.Min(limit + 1, RowsPerRequest), select: TableRegisterIndex.Columns(query), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (rows.Count >= limit && TableRegisterIndex.Submitted(row.RowKey) != TableRegisterIndex.Submitted(rows[^1].RowKey))
                break;
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every index row of one organisation's range, read in <see cref="Slices"/> row-key ranges side by side.</summary>
    private async Task<List<TableEntity>> ReadIndexAsync(DisclosureQuery query, string organization, string[] columns, CancellationToken cancellationToken)
    {
        var partition = Key(organization);
        var oldest = await EnsureIndexedAsync(partition, cancellationToken).ConfigureAwait(false);
        var slices = await Task.WhenAll(TableRegisterIndex.Slices(partition, query, oldest, DateTimeOffset.UtcNow, Slices).Select(async filter =>
        {
            var rows = new List<TableEntity>();
            await foreach (var row in _disclosures.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
                rows.Add(row);
            return rows;
        })).ConfigureAwait(false);
        return [.. slices.SelectMany(rows => rows)];
    }

    /// <summary>Per partition indexed: the oldest submission time it held when indexed (how the slices are spaced).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _indexed = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the index rows of a partition written before the index existed, once; the marker row says it is done and
    /// keeps the oldest submission time seen (a marker without it, written before slices, is built again once: only
    /// missing rows are added). Returns the oldest submission time.
    /// </summary>
    private async Task<DateTimeOffset> EnsureIndexedAsync(string partition, CancellationToken cancellationToken)
    {
        if (_indexed.TryGetValue(partition, out var known))
            return known;
        var marker = await _disclosures.GetEntityIfExistsAsync<TableEntity>(partition, TableRegisterIndex.MarkerRow, select: ["RowKey", "Oldest"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (marker.HasValue && marker.Value!.GetDateTimeOffset("Oldest") is { } noted)
            return _indexed[partition] = noted;
        var oldest = await BuildIndexAsync(partition, cancellationToken).ConfigureAwait(false);
        await _disclosures.UpsertEntityAsync(new TableEntity(partition, TableRegisterIndex.MarkerRow) { ["Oldest"] = oldest.ToUniversalTime() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return _indexed[partition] = oldest;
    }

    /// <summary>
    /// Adds the index rows a partition lacks, a hundred to a transaction (a round trip each, not one a disclosure), then
    /// removes any index row whose disclosure is gone: erased between this read and the add, it must not outlive it
    /// with the answers' text. Rows are only added, never replaced: a decision taken meanwhile wrote its own row,
    /// which stays. Returns the oldest submission time in the partition.
    /// </summary>
    private async Task<DateTimeOffset> BuildIndexAsync(string partition, CancellationToken cancellationToken)
    {
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _disclosures.QueryAsync<TableEntity>(TableRegisterIndex.Everything(partition), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            indexed.Add(row.RowKey);
        var oldest = DateTimeOffset.UtcNow;
        var missing = new List<TableEntity>();
        await foreach (var entity in _disclosures.QueryAsync<TableEntity>(DisclosureRows(partition), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var disclosure = FromEntity(entity);
            oldest = disclosure.Submitted < oldest ? disclosure.Submitted : oldest;
            if (TableRegisterIndex.Row(disclosure) is var row && indexed.Add(row.RowKey))
                missing.Add(row);
        }
        foreach (var rows in TableRegisterIndex.Batches(missing))
            await AddIndexRowsAsync(rows, cancellationToken).ConfigureAwait(false);
        await RemoveOrphanIndexRowsAsync(partition, cancellationToken).ConfigureAwait(false);
        return oldest;
    }

    private static string DisclosureRows(string partition) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {DisclosureRow} and RowKey lt {"d`"}");

    /// <summary>
    /// Adds index rows in one transaction; if it fails (one is there already, submitted or decided meanwhile, or the
    /// service refuses the batch), each on its own.
    /// </summary>
    private async Task AddIndexRowsAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            await _disclosures.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (RequestFailedException) // a failed transaction, or one the service would not take at all
        {
        }
        foreach (var row in rows)
        {
            try
            {
                await _disclosures.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
        }
    }

    private async Task RemoveOrphanIndexRowsAsync(string partition, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in _disclosures.QueryAsync<TableEntity>(DisclosureRows(partition), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            stored.Add(entity.RowKey);
        await foreach (var row in _disclosures.QueryAsync<TableEntity>(TableRegisterIndex.Everything(partition), select: ["RowKey", "Id"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var disclosureRow = DisclosureRow + Key(row.GetString("Id") ?? "");
            // Not in the first read: gone, or submitted since (its row and index row are written together): look again.
            if (!stored.Contains(disclosureRow) && !(await _disclosures.GetEntityIfExistsAsync<TableEntity>(partition, disclosureRow, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
                await DeleteIfThereAsync(_disclosures, partition, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DeletedCounts> EraseUserAsync(string userId, ErasureScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await ReadyAsync().ConfigureAwait(false);
        var dialogs = 0;
        // Dialogs are partitioned by conversation: their form's organisation is in the state.
        await foreach (var entity in _dialogs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {Key(userId)}"), select: ["PartitionKey", "RowKey", "State"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!scope.Includes(JsonSerializer.Deserialize<DialogState>(entity.GetString("State"), Json)!.Organization))
                continue;
            await DeleteIfThereAsync(_dialogs, entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            dialogs++;
        }
        var disclosures = 0;
        foreach (var filter in InScope(scope, TableClient.CreateQueryFilter($"DiscloserId eq {userId}")))
            await foreach (var entity in _disclosures.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Submitted"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (entity.RowKey.StartsWith(DisclosureRow, StringComparison.Ordinal))
                {
                    await DeleteWithIndexRowAsync(entity, cancellationToken).ConfigureAwait(false);
                    disclosures++;
                }
                else
                {
                    // An index row whose disclosure went before it (gone already when its disclosure was deleted).
                    await DeleteIfThereAsync(_disclosures, entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                }
            }
        return new DeletedCounts(0, 0, 0, dialogs, disclosures);
    }

    /// <summary>
    /// The disclosure and its row in the register's index (which holds the answers' text) in one transaction, so no
    /// failure in between leaves the answers behind; a disclosure that was never indexed goes alone.
    /// </summary>
    private async Task DeleteWithIndexRowAsync(TableEntity disclosure, CancellationToken cancellationToken)
    {
        var id = disclosure.RowKey[DisclosureRow.Length..];
        if (disclosure.GetDateTimeOffset("Submitted") is { } submitted)
        {
            try
            {
                await _disclosures.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(disclosure.PartitionKey, disclosure.RowKey), ETag.All),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(disclosure.PartitionKey, TableRegisterIndex.RowKey(submitted, id)), ETag.All),
                ], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One of the two is not there (never indexed, or deleted meanwhile): each goes on its own, the
                // disclosure first; then the index row, which an index build may have added in between.
                await DeleteIfThereAsync(_disclosures, disclosure.PartitionKey, disclosure.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                await DeleteIfThereAsync(_disclosures, disclosure.PartitionKey, TableRegisterIndex.RowKey(submitted, id), ETag.All, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        await DeleteIfThereAsync(_disclosures, disclosure.PartitionKey, disclosure.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Disclosure>> UnnotifiedAsync(string organization, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var list = new List<Disclosure>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)} and Notified eq {false}");
        await foreach (var entity in _disclosures.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(FromEntity(entity));
            if (list.Count == 500)
                break;
        }
        return [.. list.OrderBy(d => d.Submitted)];
    }

    public async Task<bool> TryClaimPostAsync(string organization, string id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _disclosures.GetEntityIfExistsAsync<TableEntity>(Key(organization), DisclosureRow + Key(id), select: ["PartitionKey", "RowKey", "Notified", "PostUntil"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!entity.HasValue || entity.Value!.GetBoolean("Notified") == true
            || entity.Value.GetDateTimeOffset("PostUntil") is { } until && until >= now)
            return false;
        var claim = new TableEntity(entity.Value.PartitionKey, entity.Value.RowKey) { ["PostOwner"] = owner, ["PostUntil"] = leaseUntil.ToUniversalTime() };
        try
        {
            // Only if nobody changed the disclosure since it was read: of two instances, one gets the claim.
            await _disclosures.UpdateEntityAsync(claim, entity.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public Task MarkNotifiedAsync(string organization, string id, string officeActivityId, CancellationToken cancellationToken) =>
        UpdateAsync(organization, id, d => d with { OfficeActivityId = officeActivityId }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> (null: leave it) under ETag concurrency: when someone else wrote meanwhile, it is
    /// applied again to what they left. Returns the stored disclosure and the updated one.
    /// </summary>
    private async Task<(Disclosure? Stored, Disclosure? Updated)> UpdateAsync(string organization, string id, Func<Disclosure, Disclosure?> change, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var entity = await _disclosures.GetEntityIfExistsAsync<TableEntity>(Key(organization), DisclosureRow + Key(id), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!entity.HasValue)
                return (null, null);
            var stored = FromEntity(entity.Value!);
            if (change(stored) is not { } updated)
                return (stored, null);
            try
            {
                // The disclosure and its index row together: the register never shows a status the disclosure lacks.
                await _disclosures.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(updated), entity.Value!.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, TableRegisterIndex.Row(updated)),
                ], cancellationToken).ConfigureAwait(false);
                return (stored, updated);
            }
            catch (TableTransactionFailedException e) when (e.Status == 412 && attempt < 20)
            {
                // Changed meanwhile (a decision, the office card's id): read again.
            }
        }
    }

    /// <summary>Deletes an entity; one already gone (or changed since it was read) is left to whoever changed it.</summary>
    private static async Task DeleteIfThereAsync(TableClient table, string partition, string row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    private static TableEntity ToEntity(Disclosure disclosure) => new(Key(disclosure.Organization), DisclosureRow + Key(disclosure.Id))
    {
        ["Reference"] = disclosure.Reference,
        ["DiscloserId"] = disclosure.Discloser.UserId,
        ["Status"] = disclosure.Status,
        ["Submitted"] = disclosure.Submitted.ToUniversalTime(),
        ["Notified"] = disclosure.OfficeNotified,
        ["Data"] = JsonSerializer.Serialize(disclosure, Json),
    };

    private static Disclosure FromEntity(TableEntity entity) => JsonSerializer.Deserialize<Disclosure>(entity.GetString("Data"), Json)!;
}
