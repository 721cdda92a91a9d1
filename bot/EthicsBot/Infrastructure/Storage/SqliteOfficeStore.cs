using System.Globalization;
using System.Text.Json;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Shared.DataRights;
using EthicsBot.Teams.Protocol;
using Microsoft.Data.Sqlite;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// The ethics office's data in the embedded SQLite file; each change is one statement or one transaction. What retention
/// or an erasure deletes leaves no readable trace in the file or its log (<see cref="SqliteFile.ScrubAsync"/>).
/// </summary>
public sealed class SqliteOfficeStore : IOfficeStore
{
    private readonly SqliteFile _file;

    public SqliteOfficeStore(string path, ILogger<SqliteOfficeStore>? logger = null)
    {
        _file = new SqliteFile(path, Schema, logger);
        MigrateFirstVersion();
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS answer_feedback (
            organization TEXT NOT NULL, answer_id TEXT NOT NULL, clauses TEXT NOT NULL, helpful INTEGER NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (organization, answer_id));
        CREATE TABLE IF NOT EXISTS answer_events (
            organization TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (organization, id));
        CREATE INDEX IF NOT EXISTS answer_events_at ON answer_events (organization, at);
        CREATE TABLE IF NOT EXISTS review_items (
            organization TEXT NOT NULL, id TEXT NOT NULL, asker_id TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (organization, id));
        CREATE INDEX IF NOT EXISTS review_items_at ON review_items (organization, at);
        CREATE INDEX IF NOT EXISTS review_items_asker ON review_items (asker_id);
        CREATE TABLE IF NOT EXISTS faq (
            organization TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (organization, id));
        """;

    /// <summary>
    /// The first version kept feedback in <c>feedback</c> and queued questions in <c>office_questions</c>: their rows move
    /// into the current tables once (questions waiting for an answer must not be lost), and the old tables are dropped.
    /// </summary>
    private void MigrateFirstVersion()
    {
        using var connection = _file.Open();
        using var transaction = connection.BeginTransaction();
        using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('feedback', 'office_questions')";
        var tables = new List<string>();
        using (var reader = exists.ExecuteReader())
            while (reader.Read())
                tables.Add(reader.GetString(0));
        if (tables.Count == 0)
            return;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (tables.Contains("feedback"))
        {
            command.CommandText = "INSERT OR IGNORE INTO answer_feedback SELECT organization, answer_id, clauses, helpful, at FROM feedback; DROP TABLE feedback;";
            command.ExecuteNonQuery();
        }
        if (tables.Contains("office_questions"))
        {
            MoveFirstVersionQuestions(connection, transaction, command);
            command.CommandText = "DROP TABLE office_questions";
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>The first version's queued questions, as review items (each once).</summary>
    private static void MoveFirstVersionQuestions(SqliteConnection connection, SqliteTransaction transaction, SqliteCommand command)
    {
        var items = new List<ReviewItem>();
        command.CommandText = "SELECT id, organization, question, clauses, asker, at FROM office_questions";
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                var asker = JsonSerializer.Deserialize<ConversationReference>(reader.GetString(4), Json)!;
                items.Add(new ReviewItem
                {
                    Id = reader.GetString(0), Organization = reader.GetString(1), Question = reader.GetString(2),
                    Clauses = JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [], Asker = asker.WithoutNames(),
                    At = DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                });
            }
        foreach (var item in items)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO review_items (organization, id, asker_id, at, data) VALUES ($o, $id, $u, $t, $d)";
            insert.Parameters.AddWithValue("$o", item.Organization);
            insert.Parameters.AddWithValue("$id", item.Id);
            insert.Parameters.AddWithValue("$u", item.AskerId);
            insert.Parameters.AddWithValue("$t", SqliteFile.Timestamp(item.At));
            insert.Parameters.AddWithValue("$d", JsonSerializer.Serialize(item, Json));
            insert.ExecuteNonQuery();
        }
    }

    private static JsonSerializerOptions Json => ProtocolJson.Options;

    public async Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        await _file.ExecuteAsync("""
            INSERT INTO answer_feedback (organization, answer_id, clauses, helpful, at) VALUES ($o, $id, $c, $h, $t)
            ON CONFLICT (organization, answer_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at
            """, cancellationToken, ("$o", feedback.Organization), ("$id", feedback.AnswerId), ("$c", JsonSerializer.Serialize(feedback.Clauses)),
            ("$h", feedback.Helpful ? 1 : 0), ("$t", SqliteFile.Timestamp(feedback.At))).ConfigureAwait(false);
    }

    public async Task<AnswerFeedback?> FeedbackAsync(string organization, string answerId, CancellationToken cancellationToken) =>
        (await ReadFeedbackAsync("organization = $o AND answer_id = $id", cancellationToken, ("$o", organization), ("$id", answerId)).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<AnswerFeedback>> FeedbackSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadFeedbackAsync("organization = $o AND at >= $t", cancellationToken, ("$o", organization), ("$t", SqliteFile.Timestamp(since)));

    public Task RecordAnswerAsync(AnswerEvent answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return RecordAnswersAsync([answer], cancellationToken);
    }

    public async Task RecordAnswersAsync(IReadOnlyList<AnswerEvent> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
            return;
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO answer_events (organization, id, at, data) VALUES ($o, $id, $t, $d)";
        var o = command.Parameters.Add("$o", SqliteType.Text);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var t = command.Parameters.Add("$t", SqliteType.Text);
        var d = command.Parameters.Add("$d", SqliteType.Text);
        foreach (var answer in answers)
        {
            (o.Value, id.Value, t.Value, d.Value) = (answer.Organization, answer.Id, SqliteFile.Timestamp(answer.At), JsonSerializer.Serialize(answer, Json));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<AnswerEvent>> AnswersSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken) =>
        _file.ReadDataAsync<AnswerEvent>("SELECT data FROM answer_events WHERE organization = $o AND at >= $t ORDER BY at", cancellationToken,
            ("$o", organization), ("$t", SqliteFile.Timestamp(since)));

    public async Task<bool> QueueAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return await _file.ExecuteAsync("""
            INSERT INTO review_items (organization, id, asker_id, at, data) VALUES ($o, $id, $u, $t, $d)
            ON CONFLICT (organization, id) DO NOTHING
            """, cancellationToken, ("$o", item.Organization), ("$id", item.Id), ("$u", item.AskerId), ("$t", SqliteFile.Timestamp(item.At)),
            ("$d", JsonSerializer.Serialize(item, Json))).ConfigureAwait(false) == 1;
    }

    public async Task<ReviewItem?> GetItemAsync(string organization, string id, CancellationToken cancellationToken) =>
        (await _file.ReadDataAsync<ReviewItem>("SELECT data FROM review_items WHERE organization = $o AND id = $id", cancellationToken, ("$o", organization), ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<ReviewItem>> ItemsAsync(string organization, CancellationToken cancellationToken) =>
        _file.ReadDataAsync<ReviewItem>("SELECT data FROM review_items WHERE organization = $o ORDER BY at, id", cancellationToken, ("$o", organization));

    public async Task<(ReviewItem? Item, bool Changed)> UpdateItemAsync(string organization, string id, Func<ReviewItem, ReviewItem?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = _file.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT data FROM review_items WHERE organization = $o AND id = $id";
        read.Parameters.AddWithValue("$o", organization);
        read.Parameters.AddWithValue("$id", id);
        if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string data)
            return (null, false);
        var current = JsonSerializer.Deserialize<ReviewItem>(data, Json)!;
        if (change(current) is not { } updated)
            return (current, false);
        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE review_items SET data = $d WHERE organization = $o AND id = $id";
        write.Parameters.AddWithValue("$d", JsonSerializer.Serialize(updated, Json));
        write.Parameters.AddWithValue("$o", organization);
        write.Parameters.AddWithValue("$id", id);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (updated, true);
    }

    public async Task SaveFaqAsync(FaqEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _file.ExecuteAsync("""
            INSERT INTO faq (organization, id, data) VALUES ($o, $id, $d)
            ON CONFLICT (organization, id) DO UPDATE SET data = excluded.data
            """, cancellationToken, ("$o", entry.Organization), ("$id", entry.Id), ("$d", JsonSerializer.Serialize(entry, Json))).ConfigureAwait(false);
    }

    public async Task<FaqEntry?> GetFaqAsync(string organization, string id, CancellationToken cancellationToken) =>
        (await _file.ReadDataAsync<FaqEntry>("SELECT data FROM faq WHERE organization = $o AND id = $id", cancellationToken, ("$o", organization), ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<FaqEntry>> FaqAsync(string? organization, CancellationToken cancellationToken) =>
        organization is null
            ? _file.ReadDataAsync<FaqEntry>("SELECT data FROM faq ORDER BY organization, id", cancellationToken)
            : _file.ReadDataAsync<FaqEntry>("SELECT data FROM faq WHERE organization = $o ORDER BY id", cancellationToken, ("$o", organization));

    public async Task<DeletedCounts> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var t = ("$t", (object)SqliteFile.Timestamp(cutoff));
        var items = await _file.ExecuteAsync("DELETE FROM review_items WHERE at < $t", cancellationToken, t).ConfigureAwait(false);
        var answers = await _file.ExecuteAsync("DELETE FROM answer_events WHERE at < $t", cancellationToken, t).ConfigureAwait(false);
        var feedback = await _file.ExecuteAsync("DELETE FROM answer_feedback WHERE at < $t", cancellationToken, t).ConfigureAwait(false);
        var counts = new DeletedCounts(items, answers, feedback, 0, 0);
        if (counts.Total > 0)
            await _file.ScrubAsync(cancellationToken).ConfigureAwait(false);
        return counts;
    }

    public async Task<DeletedCounts> EraseAskerAsync(string userId, ErasureScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var connection = _file.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM review_items WHERE asker_id = $u" + SqliteFile.InScope(scope, "organization", command);
        command.Parameters.AddWithValue("$u", userId);
        var items = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (items > 0)
            await _file.ScrubAsync(cancellationToken).ConfigureAwait(false);
        return new DeletedCounts(items, 0, 0, 0, 0);
    }

    private Task<IReadOnlyList<AnswerFeedback>> ReadFeedbackAsync(string where, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        _file.ReadAsync($"SELECT organization, answer_id, clauses, helpful, at FROM answer_feedback WHERE {where} ORDER BY at",
            reader => new AnswerFeedback(reader.GetString(1), reader.GetString(0), JsonSerializer.Deserialize<string[]>(reader.GetString(2)) ?? [],
                reader.GetInt32(3) == 1, DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)),
            cancellationToken, parameters);
}
