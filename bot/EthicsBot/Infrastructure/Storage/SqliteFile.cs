using System.Text.Json;
using EthicsBot.Shared.DataRights;
using EthicsBot.Teams.Protocol;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// The embedded database file: WAL (readers never block the writer), full sync (a commit survives the process
/// being killed), a busy timeout so concurrent writers queue rather than fail, and <c>secure_delete</c> (deleted
/// content is overwritten with zeros, not left readable in free space). After a deletion that must leave no trace, the
/// store calls <see cref="ScrubAsync"/>: the old page images in the write-ahead log are removed too.
/// </summary>
internal sealed partial class SqliteFile
{
    /// <summary>How long a scrub waits for readers of older snapshots before leaving the rest to the background.</summary>
    private const int ScrubWaitMilliseconds = 2000;

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _scrubPending;
    private Task? _scrubRetry;

    public SqliteFile(string path, string schema, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;\n" + schema;
        command.ExecuteNonQuery();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // secure_delete is per connection, so it is set on every one (pooled connections too).
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA secure_delete = ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs one statement on a connection of its own; returns how many rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of a query on a connection of its own, each read by <paramref name="row"/>.</summary>
    public async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> row, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = Command(connection, sql, parameters);
        return await ReadAsync(command, row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of a query on a connection of its own, each the JSON document in its first column.</summary>
    public Task<IReadOnlyList<T>> ReadDataAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        ReadAsync(sql, Data<T>, cancellationToken, parameters);

    /// <summary>The rows of <paramref name="command"/>, each read by <paramref name="row"/>.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> row, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(row(reader));
        return list;
    }

    /// <summary>The JSON document in a row's first column.</summary>
    public static T Data<T>(SqliteDataReader reader) => JsonSerializer.Deserialize<T>(reader.GetString(0), ProtocolJson.Options)!;

    /// <summary>A command on <paramref name="connection"/> (in <paramref name="transaction"/>, if any) with its parameters.</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    /// <summary>
    /// Makes what was just deleted unreadable in the files: in WAL mode the page images from before the deletion stay
    /// in the -wal file after an ordinary checkpoint until they are overwritten, so this copies every frame into the
    /// database (where secure_delete has zeroed the deleted content) and truncates the log to nothing. A reader on an
    /// older snapshot keeps the checkpoint from finishing: then this waits at most two seconds, never throws (the
    /// deletion itself is done), and the background tries again until it succeeds.
    /// </summary>
    public async Task ScrubAsync(CancellationToken cancellationToken)
    {
        if (await TryCheckpointAsync(cancellationToken).ConfigureAwait(false))
            return;
        lock (_gate)
        {
            _scrubPending = true;
            _scrubRetry ??= Task.Run(RetryScrubAsync, CancellationToken.None);
        }
        LogScrubDeferred(_logger);
    }

    /// <summary>Checkpoints until a checkpoint finishes after the last scrub that could not (backing off up to 10 s, for about 10 minutes).</summary>
    private async Task RetryScrubAsync()
    {
        for (var attempt = 1; attempt <= 70; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10))).ConfigureAwait(false);
            lock (_gate)
                _scrubPending = false;
            var done = await TryCheckpointAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                if (!done)
                    _scrubPending = true;
                else if (!_scrubPending)
                {
                    _scrubRetry = null;
                    LogScrubDone(_logger, attempt);
                    return;
                }
            }
        }
        lock (_gate)
            _scrubRetry = null; // the next deletion tries again
        LogScrubGaveUp(_logger);
    }

    /// <summary>One truncating checkpoint; true when every frame was copied and the log emptied.</summary>
    private async Task<bool> TryCheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            // The busy handler waits for readers of older snapshots and for a writer; briefly, the person is waiting.
            command.CommandText = $"PRAGMA busy_timeout = {ScrubWaitMilliseconds}; PRAGMA wal_checkpoint(TRUNCATE);";
            command.CommandTimeout = ScrubWaitMilliseconds / 1000 + 1; // Microsoft.Data.Sqlite's own retries on SQLITE_BUSY
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            // One row: busy (1 when blocked), frames in the log, frames checkpointed.
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) == 0;
        }
        catch (SqliteException e)
        {
            LogCheckpointFailed(_logger, e.SqliteErrorCode, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogCheckpointFailed(_logger, 0, e.Message);
            return false;
        }
    }

    /// <summary>
    /// The condition limiting a statement to the organisations of an erasure's scope (empty for every organisation),
    /// with its parameter <c>$scope</c> (the ids as a JSON array) added to <paramref name="command"/>.
    /// </summary>
    public static string InScope(ErasureScope scope, string organizationColumn, SqliteCommand command)
    {
        if (scope.Organizations is null)
            return "";
        command.Parameters.AddWithValue("$scope", JsonSerializer.Serialize(scope.Organizations));
        return $" AND {organizationColumn} IN (SELECT value FROM json_each($scope))";
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted data is still in the SQLite write-ahead log: a reader of an older snapshot blocks the checkpoint; retrying in the background.")]
    private static partial void LogScrubDeferred(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The SQLite write-ahead log was checkpointed and emptied after {Attempts} retry(ies); deleted data is gone from it.")]
    private static partial void LogScrubDone(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite write-ahead log could not be emptied for 10 minutes (readers kept older snapshots open): deleted data may stay readable in the -wal file until the next deletion's checkpoint.")]
    private static partial void LogScrubGaveUp(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint after a deletion failed ({Code}: {Problem}); retried.")]
    private static partial void LogCheckpointFailed(ILogger logger, int code, string problem);
}
