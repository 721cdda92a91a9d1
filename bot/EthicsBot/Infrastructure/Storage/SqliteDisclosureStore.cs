using System.Text.Json;
using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.DataRights;
using EthicsBot.Teams.Protocol;
using Microsoft.Data.Sqlite;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// Dialogs and disclosures in the embedded SQLite file. A submit is one transaction (next reference number,
/// the disclosure, the end of its dialog): after a crash it either happened whole or not at all. A cancelled, expired
/// or erased dialog and an erased disclosure leave no readable trace in the file or its log (<see cref="SqliteFile.ScrubAsync"/>).
/// </summary>
public sealed class SqliteDisclosureStore : IDisclosureStore
{
    private readonly SqliteFile _file;

    public SqliteDisclosureStore(string path, ILogger<SqliteDisclosureStore>? logger = null)
    {
        _file = new SqliteFile(path, Schema, logger);
        // The outbox lease came later: files from before get its columns.
        using var connection = _file.Open();
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('disclosures') WHERE name = 'post_until'";
        if ((long)columns.ExecuteScalar()! == 0)
        {
            columns.CommandText = "ALTER TABLE disclosures ADD COLUMN post_owner TEXT; ALTER TABLE disclosures ADD COLUMN post_until INTEGER;";
            columns.ExecuteNonQuery();
        }
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS dialogs (
            conversation_id TEXT NOT NULL, user_id TEXT NOT NULL, state TEXT NOT NULL, updated TEXT NOT NULL,
            PRIMARY KEY (conversation_id, user_id));
        CREATE INDEX IF NOT EXISTS dialogs_updated ON dialogs (updated);
        CREATE TABLE IF NOT EXISTS disclosures (
            organization TEXT NOT NULL, id TEXT NOT NULL, reference TEXT NOT NULL, discloser_id TEXT NOT NULL,
            status TEXT NOT NULL, submitted TEXT NOT NULL, notified INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL,
            PRIMARY KEY (organization, id), UNIQUE (organization, reference));
        CREATE INDEX IF NOT EXISTS disclosures_discloser ON disclosures (organization, discloser_id, submitted);
        CREATE INDEX IF NOT EXISTS disclosures_outbox ON disclosures (organization, notified, submitted);
        CREATE INDEX IF NOT EXISTS disclosures_register ON disclosures (organization, submitted);
        CREATE INDEX IF NOT EXISTS disclosures_status ON disclosures (organization, status, submitted);
        CREATE TABLE IF NOT EXISTS reference_counters (
            organization TEXT NOT NULL, prefix TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL,
            PRIMARY KEY (organization, prefix, year));
        """;

    private static JsonSerializerOptions Json => ProtocolJson.Options;

    public async Task<DialogState?> GetDialogAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        (await _file.ReadDataAsync<DialogState>("SELECT state FROM dialogs WHERE conversation_id = $c AND user_id = $u", cancellationToken,
            ("$c", conversationId), ("$u", userId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task SaveDialogAsync(DialogState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await _file.ExecuteAsync("""
            INSERT INTO dialogs (conversation_id, user_id, state, updated) VALUES ($c, $u, $s, $t)
            ON CONFLICT (conversation_id, user_id) DO UPDATE SET state = excluded.state, updated = excluded.updated
            """, cancellationToken, ("$c", state.Discloser.ConversationId), ("$u", state.Discloser.UserId),
            ("$s", JsonSerializer.Serialize(state, Json)), ("$t", SqliteFile.Timestamp(state.Updated))).ConfigureAwait(false);
    }

    public async Task DeleteDialogAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        // Cancelled, withdrawn or expired: what the person typed must not stay readable in the file.
        if (await _file.ExecuteAsync("DELETE FROM dialogs WHERE conversation_id = $c AND user_id = $u", cancellationToken,
                ("$c", conversationId), ("$u", userId)).ConfigureAwait(false) > 0)
            await _file.ScrubAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteDialogsIdleSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = await _file.ExecuteAsync("DELETE FROM dialogs WHERE updated < $t", cancellationToken, ("$t", SqliteFile.Timestamp(cutoff))).ConfigureAwait(false);
        if (deleted > 0)
            await _file.ScrubAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async Task<Disclosure> SubmitAsync(Disclosure disclosure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        await using var connection = _file.Open();
        // BEGIN IMMEDIATE: the writer lock is taken first, so two submits cannot draw the same number.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var existing = await ReadAsync(connection, transaction, disclosure.Organization, disclosure.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
            return existing;

        var year = disclosure.Submitted.UtcDateTime.Year;
        var sequence = await NextSequenceAsync(connection, transaction, disclosure, year, cancellationToken).ConfigureAwait(false);
        var stored = disclosure with { Reference = DisclosureRules.Reference(disclosure.ReferencePrefix, year, sequence), OfficeActivityId = null };

        await InsertAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false);
        await using (var end = connection.CreateCommand())
        {
            end.Transaction = transaction;
            end.CommandText = "DELETE FROM dialogs WHERE conversation_id = $c AND user_id = $u AND json_extract(state, '$.dialogId') = $id";
            end.Parameters.AddWithValue("$c", stored.Discloser.ConversationId);
            end.Parameters.AddWithValue("$u", stored.Discloser.UserId);
            end.Parameters.AddWithValue("$id", stored.Id);
            await end.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<Disclosure?> GetAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await using var connection = _file.Open();
        return await ReadAsync(connection, null, organization, id, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Disclosure>> ListByDiscloserAsync(string organization, string userId, CancellationToken cancellationToken) =>
        _file.ReadDataAsync<Disclosure>("SELECT data FROM disclosures WHERE organization = $o AND discloser_id = $u ORDER BY submitted DESC, reference DESC",
            cancellationToken, ("$o", organization), ("$u", userId));

    public Task<DecisionResult> DecideAsync(string organization, string id, DisclosureDecision decision, CancellationToken cancellationToken) =>
        DisclosureRules.DecideAsync(decision, change => UpdateAsync(organization, id, change, cancellationToken));

    public Task<IReadOnlyList<Disclosure>> ListAsync(string organization, CancellationToken cancellationToken) =>
        _file.ReadDataAsync<Disclosure>("SELECT data FROM disclosures WHERE organization = $o ORDER BY submitted DESC, reference DESC",
            cancellationToken, ("$o", organization));

    /// <summary>Counted in SQL, grouped on the status index and the stored noun, without reading the disclosures whole.</summary>
    public Task<IReadOnlyList<DisclosureCount>> CountByTypeAndStatusAsync(string organization, CancellationToken cancellationToken) =>
        _file.ReadAsync("SELECT COALESCE(json_extract(data, '$.noun'), 'disclosure'), status, COUNT(*) FROM disclosures WHERE organization = $o GROUP BY 1, 2",
            reader => new DisclosureCount(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)), cancellationToken, ("$o", organization));

    /// <summary>The next number of the organisation's references with this prefix in this year.</summary>
    private static async Task<long> NextSequenceAsync(SqliteConnection connection, SqliteTransaction transaction, Disclosure disclosure, int year, CancellationToken cancellationToken)
    {
        await using var counter = connection.CreateCommand();
        counter.Transaction = transaction;
        counter.CommandText = """
            INSERT INTO reference_counters (organization, prefix, year, last) VALUES ($o, $p, $y, 1)
            ON CONFLICT (organization, prefix, year) DO UPDATE SET last = last + 1
            RETURNING last
            """;
        counter.Parameters.AddWithValue("$o", disclosure.Organization);
        counter.Parameters.AddWithValue("$p", disclosure.ReferencePrefix);
        counter.Parameters.AddWithValue("$y", year);
        return (long)(await counter.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, Disclosure stored, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO disclosures (organization, id, reference, discloser_id, status, submitted, notified, data)
            VALUES ($o, $id, $r, $u, $s, $t, 0, $d)
            """;
        insert.Parameters.AddWithValue("$o", stored.Organization);
        insert.Parameters.AddWithValue("$id", stored.Id);
        insert.Parameters.AddWithValue("$r", stored.Reference);
        insert.Parameters.AddWithValue("$u", stored.Discloser.UserId);
        insert.Parameters.AddWithValue("$s", stored.Status);
        insert.Parameters.AddWithValue("$t", SqliteFile.Timestamp(stored.Submitted));
        insert.Parameters.AddWithValue("$d", JsonSerializer.Serialize(stored, Json));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The register's page in SQL: organisation, status and date on the indexes, form and answer text read from the
    /// stored JSON (json_each over the answers), the count and the page in one statement each.
    /// </summary>
    public async Task<DisclosurePage> QueryAsync(DisclosureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Organizations.Count == 0)
            return new DisclosurePage([], 0);
        await using var connection = _file.Open();
        var (where, parameters) = WhereOf(query);
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM disclosures WHERE {where}";
        await using var page = connection.CreateCommand();
        page.CommandText = $"SELECT data FROM disclosures WHERE {where} ORDER BY submitted DESC, reference DESC, organization, id LIMIT $take OFFSET $skip";
        foreach (var (name, value) in parameters)
        {
            count.Parameters.AddWithValue(name, value);
            page.Parameters.AddWithValue(name, value);
        }
        page.Parameters.AddWithValue("$take", Math.Clamp(query.Take, 1, 500));
        page.Parameters.AddWithValue("$skip", Math.Max(0, query.Skip));
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return new DisclosurePage(await SqliteFile.ReadAsync(page, SqliteFile.Data<Disclosure>, cancellationToken).ConfigureAwait(false), total);
    }

    /// <summary>The register query's conditions as SQL, with their parameters.</summary>
    private static (string Where, List<(string Name, object Value)> Parameters) WhereOf(DisclosureQuery query)
    {
        var where = new System.Text.StringBuilder("organization IN (");
        var parameters = new List<(string Name, object Value)>();
        for (var i = 0; i < query.Organizations.Count; i++)
        {
            where.Append(i == 0 ? "" : ", ").Append("$o").Append(i);
            parameters.Add(($"$o{i}", query.Organizations[i]));
        }
        where.Append(')');
        if (query.Status is not null)
        {
            where.Append(" AND status = $status");
            parameters.Add(("$status", query.Status));
        }
        if (query.From is { } from)
        {
            where.Append(" AND submitted >= $from");
            parameters.Add(("$from", SqliteFile.Timestamp(from)));
        }
        if (query.Before is { } before)
        {
            where.Append(" AND submitted < $before");
            parameters.Add(("$before", SqliteFile.Timestamp(before)));
        }
        if (query.Form is not null)
        {
            where.Append(" AND json_extract(data, '$.form') = $form");
            parameters.Add(("$form", query.Form));
        }
        if (!string.IsNullOrEmpty(query.Text))
        {
            // A plain substring test on the stored row first (cheap, no JSON parsed) rules out most rows; it is
            // exact only for text JSON stores as typed (no quote, backslash or control character), so only then.
            if (!query.Text.Any(c => c is '"' or '\\' || char.IsControl(c)))
                where.Append(" AND data LIKE $text ESCAPE '\\'");
            where.Append(" AND EXISTS (SELECT 1 FROM json_each(data, '$.answers') WHERE json_extract(value, '$.display') LIKE $text ESCAPE '\\')");
            parameters.Add(("$text", "%" + query.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"));
        }
        return (where.ToString(), parameters);
    }

    public async Task<DeletedCounts> EraseUserAsync(string userId, ErasureScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var dialogs = connection.CreateCommand();
        dialogs.Transaction = transaction;
        // A dialog has no organisation column: its form's organisation is in the state.
        dialogs.CommandText = "DELETE FROM dialogs WHERE user_id = $u" + SqliteFile.InScope(scope, "json_extract(state, '$.organization')", dialogs);
        dialogs.Parameters.AddWithValue("$u", userId);
        var dialogCount = await dialogs.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var disclosures = connection.CreateCommand();
        disclosures.Transaction = transaction;
        disclosures.CommandText = "DELETE FROM disclosures WHERE discloser_id = $u" + SqliteFile.InScope(scope, "organization", disclosures);
        disclosures.Parameters.AddWithValue("$u", userId);
        var disclosureCount = await disclosures.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (dialogCount + disclosureCount > 0)
            await _file.ScrubAsync(cancellationToken).ConfigureAwait(false);
        return new DeletedCounts(0, 0, 0, dialogCount, disclosureCount);
    }

    public Task<IReadOnlyList<Disclosure>> UnnotifiedAsync(string organization, CancellationToken cancellationToken) =>
        _file.ReadDataAsync<Disclosure>("SELECT data FROM disclosures WHERE notified = 0 AND organization = $o ORDER BY submitted LIMIT 500",
            cancellationToken, ("$o", organization));

    public async Task<bool> TryClaimPostAsync(string organization, string id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await _file.ExecuteAsync("""
            UPDATE disclosures SET post_owner = $owner, post_until = $until
            WHERE organization = $o AND id = $id AND notified = 0 AND (post_until IS NULL OR post_until < $now)
            """, cancellationToken, ("$owner", owner), ("$until", leaseUntil.ToUnixTimeMilliseconds()), ("$now", now.ToUnixTimeMilliseconds()),
            ("$o", organization), ("$id", id)).ConfigureAwait(false) == 1;

    public Task MarkNotifiedAsync(string organization, string id, string officeActivityId, CancellationToken cancellationToken) =>
        UpdateAsync(organization, id, d => d with { OfficeActivityId = officeActivityId }, cancellationToken);

    /// <summary>
    /// Reads a disclosure and writes what <paramref name="change"/> makes of it (null: leave it) in one transaction,
    /// keeping the queryable columns in step with the JSON. Returns the stored disclosure and the updated one.
    /// </summary>
    private async Task<(Disclosure? Stored, Disclosure? Updated)> UpdateAsync(string organization, string id, Func<Disclosure, Disclosure?> change, CancellationToken cancellationToken)
    {
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadAsync(connection, transaction, organization, id, cancellationToken).ConfigureAwait(false);
        if (stored is null || change(stored) is not { } updated)
            return (stored, null);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE disclosures SET status = $s, notified = $n, data = $d WHERE organization = $o AND id = $id";
        command.Parameters.AddWithValue("$s", updated.Status);
        command.Parameters.AddWithValue("$n", updated.OfficeNotified ? 1 : 0);
        command.Parameters.AddWithValue("$d", JsonSerializer.Serialize(updated, Json));
        command.Parameters.AddWithValue("$o", organization);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (stored, updated);
    }

    private static async Task<Disclosure?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string organization, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT data FROM disclosures WHERE organization = $o AND id = $id";
        command.Parameters.AddWithValue("$o", organization);
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string data
            ? JsonSerializer.Deserialize<Disclosure>(data, Json)
            : null;
    }
}
