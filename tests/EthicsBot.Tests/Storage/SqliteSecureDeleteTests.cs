using System.Diagnostics;
using System.Text;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Shared.DataRights;
using EthicsBot.Tests.Disclosures;
using Microsoft.Data.Sqlite;

namespace EthicsBot.Tests.Storage;

/// <summary>Reads the SQLite file and its write-ahead log as bytes, the way anyone with a copy of the folder could.</summary>
public static class DatabaseBytes
{
    /// <summary>A distinctive string no test data contains by chance.</summary>
    public static string Marker() => "mk" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The files (<c>ethicsbot.db</c>, <c>ethicsbot.db-wal</c>) in which <paramref name="marker"/> can be read, as UTF-8
    /// or UTF-16 (either byte order); empty when it is in neither. The -shm file holds page numbers only.
    /// </summary>
    public static IReadOnlyList<string> WhereFound(string databasePath, string marker)
    {
        var patterns = new[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode }.Select(e => e.GetBytes(marker)).ToList();
        var found = new List<string>();
        foreach (var path in new[] { databasePath, databasePath + "-wal" })
        {
            if (!File.Exists(path))
                continue;
            byte[] bytes;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                file.CopyTo(copy);
                bytes = copy.ToArray();
            }
            if (patterns.Any(p => bytes.AsSpan().IndexOf(p) >= 0))
                found.Add(Path.GetFileName(path));
        }
        return found;
    }
}

/// <summary>
/// Deleted is gone: what a cancelled or expired form held, what an erasure or the retention rule deleted, cannot be read
/// from the SQLite file or its write-ahead log afterwards (<c>secure_delete</c> zeroes deleted content, a truncating
/// checkpoint removes the old page images from the log). Each test first shows the marker is in the file.
/// </summary>
public sealed class SqliteSecureDeleteTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-secure-").FullName;

    private string Db => Path.Combine(_folder, "ethicsbot.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static DialogState Dialog(string user, string typed, int step = 1, DateTimeOffset? updated = null, string organization = "iom") => new()
    {
        DialogId = "dialog-" + user,
        Organization = organization,
        FormId = "gift",
        Step = step,
        Values = new() { ["item"] = $"a wristwatch engraved {typed}", ["source"] = $"Deputy Minister {typed}", ["currency"] = "USD" },
        Discloser = DialogHarness.Person(user, "a:chat-" + user),
        Started = Now,
        Updated = updated ?? Now,
    };

    private static Disclosure Disclosure(string user, string typed, string organization = "iom") => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Organization = organization,
        FormId = "gift",
        FormTitle = "Declare a gift",
        ReferencePrefix = "GIFT",
        Discloser = DialogHarness.Person(user),
        Answers = [new DisclosureAnswer("item", "What it was", typed, typed)],
        Submitted = Now,
    };

    private static ReviewItem Item(string asker, string question, DateTimeOffset? at = null, string organization = "iom") => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Organization = organization,
        Question = question,
        Asker = DialogHarness.Person(asker).Conversation.WithoutNames(),
        At = at ?? Now,
    };

    /// <summary>Other people's rows around the ones deleted, so the deleted rows share pages with rows that stay.</summary>
    private static async Task NeighboursAsync(SqliteDisclosureStore store, int count = 40)
    {
        for (var i = 0; i < count; i++)
            await store.SaveDialogAsync(Dialog($"neighbour-{i}", $"neighbour value {i}"), default);
    }

    [Fact]
    public async Task A_cancelled_form_s_typed_values_are_gone_from_the_file_and_its_log()
    {
        var store = new SqliteDisclosureStore(Db);
        await NeighboursAsync(store);
        var typed = DatabaseBytes.Marker();
        for (var step = 1; step <= 3; step++) // every step saves the dialog again, each time with what was typed
            await store.SaveDialogAsync(Dialog("aad-typist", typed, step), default);
        Assert.NotEmpty(DatabaseBytes.WhereFound(Db, typed));

        await store.DeleteDialogAsync("a:chat-aad-typist", "aad-typist", default);

        Assert.Empty(DatabaseBytes.WhereFound(Db, typed));
        Assert.NotNull(await store.GetDialogAsync("a:chat-neighbour-3", "neighbour-3", default));
    }

    [Fact]
    public async Task A_form_discarded_as_idle_leaves_nothing_of_what_was_typed()
    {
        var store = new SqliteDisclosureStore(Db);
        await NeighboursAsync(store);
        var typed = DatabaseBytes.Marker();
        await store.SaveDialogAsync(Dialog("aad-idle", typed, updated: Now.AddDays(-3)), default);
        Assert.NotEmpty(DatabaseBytes.WhereFound(Db, typed));

        Assert.Equal(1, await store.DeleteDialogsIdleSinceAsync(Now.AddDays(-1), default));

        Assert.Empty(DatabaseBytes.WhereFound(Db, typed));
    }

    [Fact]
    public async Task An_erased_person_s_disclosures_forms_and_questions_are_gone_from_the_file_and_its_log_and_no_one_else_s()
    {
        var disclosures = new SqliteDisclosureStore(Db);
        var office = new SqliteOfficeStore(Db);
        await NeighboursAsync(disclosures);
        var (answer, typed, question, kept) = (DatabaseBytes.Marker(), DatabaseBytes.Marker(), DatabaseBytes.Marker(), DatabaseBytes.Marker());
        await disclosures.SubmitAsync(Disclosure("aad-erase-me", answer), default);
        await disclosures.SubmitAsync(Disclosure("aad-erase-me", answer, organization: "ims"), default);
        await disclosures.SubmitAsync(Disclosure("aad-keep", kept), default);
        await disclosures.SaveDialogAsync(Dialog("aad-erase-me", typed), default);
        await office.QueueAsync(Item("aad-erase-me", $"Can I accept {question}?"), default);
        foreach (var marker in new[] { answer, typed, question, kept })
            Assert.NotEmpty(DatabaseBytes.WhereFound(Db, marker));

        await office.EraseAskerAsync("aad-erase-me", ErasureScope.Everywhere, default);
        await disclosures.EraseUserAsync("aad-erase-me", ErasureScope.Everywhere, default);

        Assert.Empty(DatabaseBytes.WhereFound(Db, answer));
        Assert.Empty(DatabaseBytes.WhereFound(Db, typed));
        Assert.Empty(DatabaseBytes.WhereFound(Db, question));
        Assert.NotEmpty(DatabaseBytes.WhereFound(Db, kept));
    }

    [Fact]
    public async Task Questions_deleted_under_the_retention_rule_are_gone_from_the_file_and_its_log()
    {
        var office = new SqliteOfficeStore(Db);
        var (old, recent) = (DatabaseBytes.Marker(), DatabaseBytes.Marker());
        for (var i = 0; i < 20; i++)
            await office.QueueAsync(Item($"asker-{i}", $"Question {i}?"), default);
        await office.QueueAsync(Item("aad-old", $"An old question about {old}?", at: Now.AddDays(-400)), default);
        await office.QueueAsync(Item("aad-recent", $"A recent question about {recent}?"), default);
        Assert.NotEmpty(DatabaseBytes.WhereFound(Db, old));

        await office.DeleteOlderThanAsync(Now.AddDays(-365), default);

        Assert.Empty(DatabaseBytes.WhereFound(Db, old));
        Assert.NotEmpty(DatabaseBytes.WhereFound(Db, recent));
    }

    [Fact]
    public async Task A_reader_holding_an_old_snapshot_delays_the_clean_up_but_neither_fails_the_cancel_nor_keeps_it_waiting()
    {
        var store = new SqliteDisclosureStore(Db);
        await NeighboursAsync(store, 5);
        var typed = DatabaseBytes.Marker();
        await store.SaveDialogAsync(Dialog("aad-typist", typed), default);
        var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Pooling = false }.ToString());
        reader.Open();
        var snapshot = reader.BeginTransaction(deferred: true); // a read transaction: it holds a snapshot, not the write lock
        using (var read = reader.CreateCommand())
        {
            read.Transaction = snapshot;
            read.CommandText = "SELECT count(*) FROM dialogs";
            Assert.Equal(6L, read.ExecuteScalar());
        }

        var watch = Stopwatch.StartNew();
        await store.DeleteDialogAsync("a:chat-aad-typist", "aad-typist", default); // the checkpoint cannot finish while the reader looks at the old rows
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the cancel waited {watch.Elapsed}");
        Assert.Null(await store.GetDialogAsync("a:chat-aad-typist", "aad-typist", default));
        Assert.NotEmpty(DatabaseBytes.WhereFound(Db, typed)); // the reader still needs the old page images

        snapshot.Dispose();
        reader.Dispose();
        for (var i = 0; i < 300 && DatabaseBytes.WhereFound(Db, typed).Count > 0; i++)
            await Task.Delay(100);
        Assert.Empty(DatabaseBytes.WhereFound(Db, typed));
    }
}
