using EthicsBot.Teams.Hosting;
using Microsoft.Data.Sqlite;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// The activity ledger in the SQLite file (table <c>activity_ledger</c>: the key's hash, owner, done, expiry), shared by
/// every process using the file. A claim is one statement (insert, or take over an expired entry) on a connection of its
/// own with <c>synchronous = NORMAL</c> — in WAL mode a commit then survives the process being killed, only not a power
/// cut, which is enough for a list of ids kept 30 minutes. The statements run on a thread of their own, so no request
/// thread ever waits on the file.
/// </summary>
public sealed class SqliteActivityLedger : IActivityLedger, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS activity_ledger (
            key TEXT NOT NULL PRIMARY KEY, owner TEXT NOT NULL, done INTEGER NOT NULL, expires INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS activity_ledger_expires ON activity_ledger (expires);
        """;

    // One thread: the ledger's one connection is used by one thread at a time.
    private readonly SqliteThreads _thread = new(1);
    private readonly SqliteConnection _connection;

    public SqliteActivityLedger(string path)
    {
        var file = new SqliteFile(path, Schema);
        _connection = file.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
        }
    }

    private Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _thread.Run(() => Task.FromResult(work(_connection)));
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public Task<ClaimOutcome> TryClaimAsync(string key, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        RunAsync(connection =>
        {
            using var claim = connection.CreateCommand();
            claim.CommandText = """
                INSERT INTO activity_ledger (key, owner, done, expires) VALUES ($k, $o, 0, $until)
                ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, done = 0, expires = excluded.expires
                WHERE activity_ledger.expires < $now
                """;
            claim.Parameters.AddWithValue("$k", key);
            claim.Parameters.AddWithValue("$o", owner);
            claim.Parameters.AddWithValue("$until", Ms(leaseUntil));
            claim.Parameters.AddWithValue("$now", Ms(now));
            if (claim.ExecuteNonQuery() == 1)
                return ClaimOutcome.Claimed;
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT done FROM activity_ledger WHERE key = $k";
            read.Parameters.AddWithValue("$k", key);
            return read.ExecuteScalar() is long done && done == 1 ? ClaimOutcome.Done : ClaimOutcome.Busy;
        }, cancellationToken);

    public Task<bool> RenewAsync(string key, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        RunAsync(connection => Execute(connection, "UPDATE activity_ledger SET expires = $until WHERE key = $k AND owner = $o AND done = 0",
            ("$k", key), ("$o", owner), ("$until", Ms(leaseUntil))) == 1, cancellationToken);

    public Task CompleteAsync(string key, string owner, DateTimeOffset keepUntil, CancellationToken cancellationToken) =>
        RunAsync(connection => Execute(connection, """
            INSERT INTO activity_ledger (key, owner, done, expires) VALUES ($k, $o, 1, $until)
            ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, done = 1, expires = excluded.expires
            """, ("$k", key), ("$o", owner), ("$until", Ms(keepUntil))), cancellationToken);

    public Task ReleaseAsync(string key, string owner, CancellationToken cancellationToken) =>
        RunAsync(connection => Execute(connection, "DELETE FROM activity_ledger WHERE key = $k AND owner = $o AND done = 0", ("$k", key), ("$o", owner)), cancellationToken);

    public Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(connection => Execute(connection, "DELETE FROM activity_ledger WHERE expires < $now", ("$now", Ms(now))), cancellationToken);

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _thread.Dispose();
        _connection.Dispose();
    }
}
