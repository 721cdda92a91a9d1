using System.Text.Json;
using EthicsBot.Features.Campaigns;
using EthicsBot.Shared.DataRights;
using EthicsBot.Teams.Protocol;
using Microsoft.Data.Sqlite;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// Campaigns, contacts, the delivery queue and acknowledgements in the embedded SQLite file, every call on
/// <see cref="SqliteThreads"/>. The queue is the <c>campaign_deliveries</c> table: one row per person and campaign (so a
/// person is queued once), taken by one UPDATE … RETURNING that sets a lease (so two workers, in this process or
/// another using the same file, never take the same row). Times of the queue are Unix milliseconds.
/// </summary>
public sealed class SqliteCampaignStore(string path, SqliteThreads threads) : ICampaignStore
{
    private readonly SqliteFile _file = new(path, Schema);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS campaigns (
            organization TEXT NOT NULL, id TEXT NOT NULL, status TEXT NOT NULL, code_version TEXT NOT NULL, due_at INTEGER NOT NULL,
            reminder_days INTEGER NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (organization, id));
        CREATE TABLE IF NOT EXISTS campaign_contacts (
            organization TEXT NOT NULL, user_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (organization, user_id));
        CREATE TABLE IF NOT EXISTS campaign_deliveries (
            campaign_id TEXT NOT NULL, user_id TEXT NOT NULL, organization TEXT NOT NULL, name TEXT NOT NULL,
            state TEXT NOT NULL, attempts INTEGER NOT NULL, due_at INTEGER NOT NULL, sent_at INTEGER, last_sent_at INTEGER,
            reminders INTEGER NOT NULL, failure TEXT, acknowledged_at INTEGER, lease_owner TEXT, lease_until INTEGER,
            PRIMARY KEY (campaign_id, user_id));
        CREATE INDEX IF NOT EXISTS campaign_deliveries_due ON campaign_deliveries (state, due_at);
        CREATE INDEX IF NOT EXISTS campaign_deliveries_user ON campaign_deliveries (organization, user_id);
        CREATE TABLE IF NOT EXISTS campaign_pace (id INTEGER PRIMARY KEY CHECK (id = 1), next_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS acknowledgements (
            organization TEXT NOT NULL, user_id TEXT NOT NULL, code_version TEXT NOT NULL, campaign_id TEXT NOT NULL,
            name TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (organization, user_id, code_version));
        """;

    private const string DeliveryColumns = "campaign_id, organization, user_id, name, state, attempts, due_at, sent_at, reminders, failure, acknowledged_at";

    private static string Id(string userId) => userId.Trim().ToLowerInvariant();

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters) =>
        SqliteFile.Command(connection, sql, parameters, transaction);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ProtocolJson.Options);

    public Task SaveContactAsync(StaffContact contact, CancellationToken cancellationToken) => threads.Run(async () =>
    {
        ArgumentNullException.ThrowIfNull(contact);
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var stored = await ReadContactAsync(connection, transaction, contact.Organization, Id(contact.UserId), cancellationToken).ConfigureAwait(false);
        var merged = (contact with { UserId = Id(contact.UserId) }).MergedOver(stored);
        await using var command = Command(connection, transaction, "INSERT OR REPLACE INTO campaign_contacts (organization, user_id, data) VALUES ($o, $u, $d)",
            ("$o", merged.Organization), ("$u", merged.UserId), ("$d", Json(merged)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    });

    private static async Task<StaffContact?> ReadContactAsync(SqliteConnection connection, SqliteTransaction? transaction, string organization, string userId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT data FROM campaign_contacts WHERE organization = $o AND user_id = $u", ("$o", organization), ("$u", userId));
        return (await SqliteFile.ReadAsync(command, SqliteFile.Data<StaffContact>, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public Task<StaffContact?> GetContactAsync(string organization, string userId, CancellationToken cancellationToken) => threads.Run(async () =>
    {
        await using var connection = _file.Open();
        return await ReadContactAsync(connection, null, organization, Id(userId), cancellationToken).ConfigureAwait(false);
    });

    public Task<IReadOnlyList<StaffContact>> ContactsAsync(string organization, CancellationToken cancellationToken) => threads.Run(() =>
        _file.ReadDataAsync<StaffContact>("SELECT data FROM campaign_contacts WHERE organization = $o ORDER BY user_id", cancellationToken, ("$o", organization)));

    public Task SaveAsync(Campaign campaign, CancellationToken cancellationToken) => threads.Run(() =>
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return _file.ExecuteAsync("""
            INSERT OR REPLACE INTO campaigns (organization, id, status, code_version, due_at, reminder_days, created_at, data)
            VALUES ($o, $id, $s, $v, $due, $r, $c, $d)
            """, cancellationToken, ("$o", campaign.Organization), ("$id", campaign.Id), ("$s", campaign.Status.ToString()), ("$v", campaign.CodeVersion),
            ("$due", Ms(campaign.DueAt)), ("$r", campaign.ReminderEveryDays), ("$c", Ms(campaign.CreatedAt)), ("$d", Json(campaign)));
    });

    public Task<Campaign?> GetAsync(string organization, string id, CancellationToken cancellationToken) => threads.Run(async () =>
        (await _file.ReadDataAsync<Campaign>("SELECT data FROM campaigns WHERE organization = $o AND id = $id", cancellationToken, ("$o", organization), ("$id", id)).ConfigureAwait(false)).FirstOrDefault());

    public Task<IReadOnlyList<Campaign>> ListAsync(string organization, CancellationToken cancellationToken) => threads.Run(() =>
        _file.ReadDataAsync<Campaign>("SELECT data FROM campaigns WHERE organization = $o ORDER BY created_at DESC, id", cancellationToken, ("$o", organization)));

    public async Task<IReadOnlyList<Campaign>> QueuingAsync(DateTimeOffset launchedBefore, CancellationToken cancellationToken)
    {
        var running = await threads.Run(() => _file.ReadDataAsync<Campaign>("SELECT data FROM campaigns WHERE status = 'Running'", cancellationToken)).ConfigureAwait(false);
        return [.. running.Where(c => c.Queuing && c.LaunchedAt < launchedBefore)];
    }

    public Task QueuedAllAsync(string organization, string id, CancellationToken cancellationToken) => threads.Run(() =>
        _file.ExecuteAsync("UPDATE campaigns SET data = json_set(data, '$.queuing', json('false')) WHERE organization = $o AND id = $id",
            cancellationToken, ("$o", organization), ("$id", id)));

    public Task<int> EnqueueAsync(IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken) => threads.Run(async () =>
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, transaction, """
            INSERT OR IGNORE INTO campaign_deliveries (campaign_id, user_id, organization, name, state, attempts, due_at, reminders)
            VALUES ($c, $u, $o, $n, 'Queued', 0, $due, 0)
            """);
        var parameters = new[] { "$c", "$u", "$o", "$n", "$due" }.Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
        parameters[4].SqliteType = SqliteType.Integer;
        var added = 0;
        foreach (var delivery in deliveries)
        {
            parameters[0].Value = delivery.CampaignId;
            parameters[1].Value = Id(delivery.UserId);
            parameters[2].Value = delivery.Organization;
            parameters[3].Value = delivery.Name;
            parameters[4].Value = Ms(delivery.DueAt);
            added += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    });

    public Task<bool> RequeueFailedAsync(string campaignId, string userId, DateTimeOffset now, CancellationToken cancellationToken) => threads.Run(async () =>
        await _file.ExecuteAsync("""
            UPDATE campaign_deliveries SET state = 'Queued', failure = NULL, attempts = 0, due_at = $now
            WHERE campaign_id = $c AND user_id = $u AND state = 'Failed'
            """, cancellationToken, ("$now", Ms(now)), ("$c", campaignId), ("$u", Id(userId))).ConfigureAwait(false) == 1);

    public Task<IReadOnlyList<Delivery>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken) => threads.Run(() =>
        _file.ReadAsync($"""
            UPDATE campaign_deliveries SET state = 'Sending', lease_owner = $owner, lease_until = $lease, attempts = attempts + 1
            WHERE rowid IN (
                SELECT d.rowid FROM campaign_deliveries d JOIN campaigns c ON c.organization = d.organization AND c.id = d.campaign_id
                WHERE c.status = 'Running' AND d.acknowledged_at IS NULL
                  AND ((d.state = 'Queued' AND d.due_at <= $now) OR (d.state = 'Sending' AND d.lease_until <= $now))
                  AND NOT EXISTS (SELECT 1 FROM acknowledgements a WHERE a.organization = d.organization AND a.user_id = d.user_id AND a.code_version = c.code_version)
                ORDER BY d.due_at LIMIT $max)
            RETURNING {DeliveryColumns}
            """, ReadDelivery, cancellationToken, ("$owner", owner), ("$lease", Ms(leaseUntil)), ("$now", Ms(now)), ("$max", max)));

    public Task<bool> MarkSentAsync(Delivery delivery, string owner, DateTimeOffset at, CancellationToken cancellationToken) => threads.Run(async () =>
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return await _file.ExecuteAsync("""
            UPDATE campaign_deliveries SET state = 'Sent', sent_at = COALESCE(sent_at, $at), last_sent_at = $at, attempts = 0, failure = NULL,
                reminders = reminders + (CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END), lease_owner = NULL, lease_until = NULL
            WHERE campaign_id = $c AND user_id = $u AND state = 'Sending' AND lease_owner = $owner
            """, cancellationToken, ("$at", Ms(at)), ("$c", delivery.CampaignId), ("$u", Id(delivery.UserId)), ("$owner", owner)).ConfigureAwait(false) == 1;
    });

    public Task ReleaseAsync(Delivery delivery, string owner, DateTimeOffset dueAt, DeliveryFailure? failure, CancellationToken cancellationToken) => threads.Run(() =>
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return _file.ExecuteAsync("""
            UPDATE campaign_deliveries SET state = CASE WHEN $f IS NULL THEN 'Queued' ELSE 'Failed' END, failure = $f, due_at = $due,
                lease_owner = NULL, lease_until = NULL
            WHERE campaign_id = $c AND user_id = $u AND state = 'Sending' AND lease_owner = $owner
            """, cancellationToken, ("$f", failure is { } f ? f.ToString() : DBNull.Value), ("$due", Ms(dueAt)),
            ("$c", delivery.CampaignId), ("$u", Id(delivery.UserId)), ("$owner", owner));
    });

    public Task<int> QueueRemindersAsync(DateTimeOffset now, CancellationToken cancellationToken) => threads.Run(() =>
        _file.ExecuteAsync("""
            UPDATE campaign_deliveries SET state = 'Queued', due_at = $now, attempts = 0
            WHERE rowid IN (
                SELECT d.rowid FROM campaign_deliveries d JOIN campaigns c ON c.organization = d.organization AND c.id = d.campaign_id
                WHERE c.status = 'Running' AND c.reminder_days > 0 AND c.due_at > $now AND d.state = 'Sent' AND d.acknowledged_at IS NULL
                  AND d.last_sent_at + c.reminder_days * 86400000 <= $now)
            """, cancellationToken, ("$now", Ms(now))));

    public Task<Acknowledgement> AcknowledgeAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken) => threads.Run(async () =>
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var (organization, user) = (acknowledgement.Organization, Id(acknowledgement.UserId));
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = Command(connection, transaction, """
            INSERT OR IGNORE INTO acknowledgements (organization, user_id, code_version, campaign_id, name, at) VALUES ($o, $u, $v, $c, $n, $at)
            """, ("$o", organization), ("$u", user), ("$v", acknowledgement.CodeVersion), ("$c", acknowledgement.CampaignId), ("$n", acknowledgement.Name), ("$at", Ms(acknowledgement.At))))
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var read = Command(connection, transaction, "SELECT organization, user_id, code_version, campaign_id, name, at FROM acknowledgements WHERE organization = $o AND user_id = $u AND code_version = $v",
            ("$o", organization), ("$u", user), ("$v", acknowledgement.CodeVersion));
        var stored = (await SqliteFile.ReadAsync(read, ReadAcknowledgement, cancellationToken).ConfigureAwait(false))[0];
        // Every campaign of this version counts the person as done from now on.
        await using (var mark = Command(connection, transaction, """
            UPDATE campaign_deliveries SET acknowledged_at = $at
            WHERE organization = $o AND user_id = $u AND acknowledged_at IS NULL
              AND campaign_id IN (SELECT id FROM campaigns WHERE organization = $o AND code_version = $v)
            """, ("$at", Ms(stored.At)), ("$o", organization), ("$u", user), ("$v", acknowledgement.CodeVersion)))
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    });

    public Task<IReadOnlyList<Acknowledgement>> AcknowledgementsAsync(string organization, string userId, CancellationToken cancellationToken) => threads.Run(() =>
        _file.ReadAsync("SELECT organization, user_id, code_version, campaign_id, name, at FROM acknowledgements WHERE organization = $o AND user_id = $u ORDER BY at DESC",
            ReadAcknowledgement, cancellationToken, ("$o", organization), ("$u", Id(userId))));

    public Task<IReadOnlySet<string>> AcknowledgedAsync(string organization, string codeVersion, CancellationToken cancellationToken) => threads.Run(async () =>
    {
        var users = await _file.ReadAsync("SELECT user_id FROM acknowledgements WHERE organization = $o AND code_version = $v", r => r.GetString(0), cancellationToken,
            ("$o", organization), ("$v", codeVersion)).ConfigureAwait(false);
        return (IReadOnlySet<string>)users.ToHashSet(StringComparer.Ordinal);
    });

    public Task<DateTimeOffset> TakeSendSlotsAsync(int count, TimeSpan each, DateTimeOffset now, CancellationToken cancellationToken) => threads.Run(async () =>
    {
        var span = (long)Math.Ceiling(each.TotalMilliseconds * count);
        var first = await _file.ReadAsync("""
            INSERT INTO campaign_pace (id, next_at) VALUES (1, $now + $span)
            ON CONFLICT (id) DO UPDATE SET next_at = MAX(next_at, $now) + $span
            RETURNING next_at - $span
            """, r => r.GetInt64(0), cancellationToken, ("$now", Ms(now)), ("$span", span)).ConfigureAwait(false);
        return At(first[0]);
    });

    public Task<int> EraseUserAsync(string userId, ErasureScope scope, CancellationToken cancellationToken) => threads.Run(async () =>
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var table in new[] { "campaign_contacts", "campaign_deliveries", "acknowledgements" })
        {
            await using var command = Command(connection, transaction, "", ("$u", Id(userId)));
            command.CommandText = $"DELETE FROM {table} WHERE user_id = $u" + SqliteFile.InScope(scope, "organization", command);
            deleted += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
            await _file.ScrubAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    });

    public Task<Delivery?> GetDeliveryAsync(string campaignId, string userId, CancellationToken cancellationToken) => threads.Run(async () =>
        (await _file.ReadAsync($"SELECT {DeliveryColumns} FROM campaign_deliveries WHERE campaign_id = $c AND user_id = $u", ReadDelivery, cancellationToken,
            ("$c", campaignId), ("$u", Id(userId))).ConfigureAwait(false)).FirstOrDefault());

    public Task<IReadOnlyList<Delivery>> DeliveriesAsync(string organization, string campaignId, CancellationToken cancellationToken) => threads.Run(() =>
        _file.ReadAsync($"SELECT {DeliveryColumns} FROM campaign_deliveries WHERE organization = $o AND campaign_id = $c ORDER BY name, user_id", ReadDelivery, cancellationToken,
            ("$o", organization), ("$c", campaignId)));

    private static Delivery ReadDelivery(SqliteDataReader r) => new()
    {
        CampaignId = r.GetString(0),
        Organization = r.GetString(1),
        UserId = r.GetString(2),
        Name = r.GetString(3),
        State = Enum.Parse<DeliveryState>(r.GetString(4)),
        Attempts = r.GetInt32(5),
        DueAt = At(r.GetInt64(6)),
        SentAt = r.IsDBNull(7) ? null : At(r.GetInt64(7)),
        Reminders = r.GetInt32(8),
        Failure = r.IsDBNull(9) ? null : Enum.Parse<DeliveryFailure>(r.GetString(9)),
        AcknowledgedAt = r.IsDBNull(10) ? null : At(r.GetInt64(10)),
    };

    private static Acknowledgement ReadAcknowledgement(SqliteDataReader r) => new()
    {
        Organization = r.GetString(0),
        UserId = r.GetString(1),
        CodeVersion = r.GetString(2),
        CampaignId = r.GetString(3),
        Name = r.GetString(4),
        At = At(r.GetInt64(5)),
    };
}
