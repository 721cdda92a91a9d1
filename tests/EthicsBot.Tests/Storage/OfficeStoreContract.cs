using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Shared.DataRights;
using EthicsBot.Tests.Disclosures;

namespace EthicsBot.Tests.Storage;

/// <summary>What every ethics office store must do, run on SQLite and on Azure Table Storage (Azurite).</summary>
public abstract class OfficeStoreContract
{
    protected abstract IOfficeStore Store { get; }

    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static ReviewItem Item(string id, string asker = "aad-asker", DateTimeOffset? at = null, string organization = "iom") => new()
    {
        Id = id,
        Organization = organization,
        Question = $"Question {id}?",
        Clauses = ["iom-5.50"],
        Asker = DialogHarness.Person(asker).Conversation.WithoutNames(),
        At = at ?? Now,
    };

    [Fact]
    public async Task Feedback_is_kept_per_answer_and_a_second_click_replaces_the_verdict()
    {
        await Store.RecordFeedbackAsync(new AnswerFeedback("a/1#?", "iom", ["iom-5.50"], true, Now), default);
        await Store.RecordFeedbackAsync(new AnswerFeedback("a/1#?", "iom", ["iom-5.50"], false, Now.AddMinutes(1)), default);
        await Store.RecordFeedbackAsync(new AnswerFeedback("a2", "iom", [], true, Now.AddDays(-30)), default);

        var stored = await Store.FeedbackAsync("iom", "a/1#?", default);
        Assert.False(stored!.Helpful);
        Assert.Equal(["iom-5.50"], stored.Clauses);
        Assert.Equal(["a/1#?"], (await Store.FeedbackSinceAsync("iom", Now.AddDays(-1), default)).Select(f => f.AnswerId));
        Assert.Null(await Store.FeedbackAsync("ims", "a/1#?", default));
    }

    [Fact]
    public async Task Answer_events_are_read_back_by_organisation_and_time()
    {
        await Store.RecordAnswerAsync(new AnswerEvent("e1", "iom", Now.AddDays(-2), "answer", "iom-5.50", false), default);
        await Store.RecordAnswerAsync(new AnswerEvent("e2", "iom", Now, "not_covered", "iom-5.27", true), default);
        await Store.RecordAnswerAsync(new AnswerEvent("e3", "ims", Now, "answer", "ims-3.5", false), default);

        var events = await Store.AnswersSinceAsync("iom", Now.AddDays(-1), default);

        Assert.Equal(new AnswerEvent("e2", "iom", Now, "not_covered", "iom-5.27", true), Assert.Single(events));
    }

    [Fact]
    public async Task Answer_events_are_written_in_batches_across_organisations_and_a_repeated_one_counts_once()
    {
        var batch = Enumerable.Range(0, 230).Select(i => new AnswerEvent($"b{i}", i % 3 == 0 ? "ims" : "iom", Now, "answer", null, false)).ToList();

        await Store.RecordAnswersAsync(batch, default);
        await Store.RecordAnswersAsync(batch.Take(10).ToList(), default);

        Assert.Equal(batch.Count(a => a.Organization == "iom"), (await Store.AnswersSinceAsync("iom", Now.AddDays(-1), default)).Count);
        Assert.Equal(batch.Count(a => a.Organization == "ims"), (await Store.AnswersSinceAsync("ims", Now.AddDays(-1), default)).Count);
    }

    [Fact]
    public async Task An_item_is_queued_once_and_listed_oldest_first_per_organisation()
    {
        Assert.True(await Store.QueueAsync(Item("b", at: Now), default));
        Assert.True(await Store.QueueAsync(Item("a", at: Now.AddHours(-1)), default));
        Assert.False(await Store.QueueAsync(Item("a", at: Now.AddHours(5)), default));
        await Store.QueueAsync(Item("c", organization: "ims"), default);

        Assert.Equal(["a", "b"], (await Store.ItemsAsync("iom", default)).Select(i => i.Id));
        var item = (await Store.GetItemAsync("iom", "a", default))!;
        Assert.Equal(Now.AddHours(-1), item.At);
        Assert.Equal("a:1on1-1", item.Asker.Conversation!.Id);
        Assert.Null(item.Asker.User!.Name); // nothing about the asker beyond where to answer
    }

    [Fact]
    public async Task An_update_applies_to_what_is_stored_and_a_refused_change_leaves_it()
    {
        await Store.QueueAsync(Item("a"), default);

        var (answered, changed) = await Store.UpdateItemAsync("iom", "a", i => i.Status != ReviewStatus.Open ? null : i with { Status = ReviewStatus.Answered, Answer = "Yes." }, default);
        var (again, changedAgain) = await Store.UpdateItemAsync("iom", "a", i => i.Status != ReviewStatus.Open ? null : i with { Status = ReviewStatus.Dismissed }, default);
        var (missing, _) = await Store.UpdateItemAsync("iom", "nope", i => i, default);

        Assert.True(changed);
        Assert.Equal("Yes.", answered!.Answer);
        Assert.False(changedAgain);
        Assert.Equal(ReviewStatus.Answered, again!.Status);
        Assert.Null(missing);
        Assert.Equal(ReviewStatus.Answered, (await Store.GetItemAsync("iom", "a", default))!.Status);
    }

    [Fact]
    public async Task Of_two_members_closing_an_item_at_once_exactly_one_does()
    {
        await Store.QueueAsync(Item("a"), default);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(() =>
            Store.UpdateItemAsync("iom", "a", i => i.Status != ReviewStatus.Open ? null : i with { Status = ReviewStatus.Answered, Answer = $"answer {n}" }, default))));

        Assert.Single(results, r => r.Changed);
    }

    [Fact]
    public async Task Faq_entries_are_saved_replaced_and_listed_withdrawn_ones_included()
    {
        await Store.SaveFaqAsync(new FaqEntry { Id = "f1", Organization = "iom", Question = "Q?", Answer = "A." }, default);
        await Store.SaveFaqAsync(new FaqEntry { Id = "f1", Organization = "iom", Question = "Q2?", Answer = "A2.", Withdrawn = true }, default);
        await Store.SaveFaqAsync(new FaqEntry { Id = "f2", Organization = "ims", Question = "Q?", Answer = "A." }, default);

        Assert.Equal("Q2?", (await Store.GetFaqAsync("iom", "f1", default))!.Question);
        Assert.True((await Store.FaqAsync("iom", default)).Single().Withdrawn);
        Assert.Equal(2, (await Store.FaqAsync(null, default)).Count);
    }

    [Fact]
    public async Task Retention_deletes_items_answer_events_and_feedback_older_than_the_cutoff_and_nothing_newer()
    {
        await Store.QueueAsync(Item("old", at: Now.AddDays(-400)), default);
        await Store.QueueAsync(Item("new", at: Now), default);
        await Store.RecordAnswerAsync(new AnswerEvent("e-old", "iom", Now.AddDays(-400), "answer", null, false), default);
        await Store.RecordAnswerAsync(new AnswerEvent("e-new", "iom", Now, "answer", null, false), default);
        await Store.RecordFeedbackAsync(new AnswerFeedback("f-old", "iom", [], true, Now.AddDays(-400)), default);

        var deleted = await Store.DeleteOlderThanAsync(Now.AddDays(-365), default);

        Assert.Equal(new DeletedCounts(1, 1, 1, 0, 0), deleted);
        Assert.Equal(["new"], (await Store.ItemsAsync("iom", default)).Select(i => i.Id));
        Assert.Single(await Store.AnswersSinceAsync("iom", DateTimeOffset.MinValue, default));
    }

    [Fact]
    public async Task Erasure_deletes_every_item_of_that_asker_in_every_organisation_and_no_one_else_s()
    {
        await Store.QueueAsync(Item("a", asker: "aad-erase-me"), default);
        await Store.QueueAsync(Item("b", asker: "aad-erase-me", organization: "ims"), default);
        await Store.QueueAsync(Item("c", asker: "aad-someone-else"), default);

        var deleted = await Store.EraseAskerAsync("aad-erase-me", ErasureScope.Everywhere, default);

        Assert.Equal(2, deleted.ReviewItems);
        Assert.Equal(["c"], (await Store.ItemsAsync("iom", default)).Select(i => i.Id));
        Assert.Empty(await Store.ItemsAsync("ims", default));
    }

    [Fact]
    public async Task A_scoped_erasure_deletes_that_asker_s_items_only_in_the_organisations_named()
    {
        await Store.QueueAsync(Item("a", asker: "aad-erase-me"), default);
        await Store.QueueAsync(Item("b", asker: "aad-erase-me", organization: "ims"), default);
        await Store.QueueAsync(Item("c", asker: "aad-someone-else", organization: "ims"), default);
        await Store.QueueAsync(Item("d", asker: "aad-erase-me", organization: "unhcr"), default);

        Assert.Equal(0, (await Store.EraseAskerAsync("aad-erase-me", ErasureScope.In(), default)).ReviewItems);
        var deleted = await Store.EraseAskerAsync("aad-erase-me", ErasureScope.In("ims", "unhcr"), default);

        Assert.Equal(new DeletedCounts(2, 0, 0, 0, 0), deleted);
        Assert.Equal(["a"], (await Store.ItemsAsync("iom", default)).Select(i => i.Id));
        Assert.Equal(["c"], (await Store.ItemsAsync("ims", default)).Select(i => i.Id));
        Assert.Empty(await Store.ItemsAsync("unhcr", default));
    }
}

public sealed class SqliteOfficeStoreTests : OfficeStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-office-").FullName;

    public SqliteOfficeStoreTests() => Store = new SqliteOfficeStore(Path.Combine(_folder, "ethicsbot.db"));

    protected override IOfficeStore Store { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_file_of_the_first_version_keeps_its_feedback_and_its_waiting_questions()
    {
        var path = Path.Combine(_folder, "v1.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE feedback (answer_id TEXT PRIMARY KEY, organization TEXT NOT NULL, clauses TEXT NOT NULL, helpful INTEGER NOT NULL, at TEXT NOT NULL);
                CREATE TABLE office_questions (id TEXT PRIMARY KEY, organization TEXT NOT NULL, question TEXT NOT NULL, clauses TEXT NOT NULL,
                    asker TEXT NOT NULL, at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open');
                INSERT INTO feedback VALUES ('a1', 'iom', '["iom-5.50"]', 0, '2026-11-20T09:00:00.0000000Z');
                INSERT INTO office_questions (id, organization, question, clauses, asker, at) VALUES ('q1', 'iom', 'Can I bring my dog?', '[]',
                    '{"user":{"id":"29:u","name":"Amina Staff","aadObjectId":"aad-u"},"conversation":{"id":"a:c"},"serviceUrl":"http://127.0.0.1:1/"}', '2026-11-20T09:00:00.0000000Z');
                """;
            command.ExecuteNonQuery();
        }

        var store = new SqliteOfficeStore(path);

        Assert.False((await store.FeedbackAsync("iom", "a1", default))!.Helpful);
        var item = Assert.Single(await store.ItemsAsync("iom", default));
        Assert.Equal(("Can I bring my dog?", "aad-u", "a:c"), (item.Question, item.AskerId, item.Asker.Conversation!.Id));
        Assert.Null(item.Asker.User!.Name);
        _ = new SqliteOfficeStore(path); // opening again migrates nothing twice
        Assert.Single(await store.ItemsAsync("iom", default));
    }
}

public sealed class TableOfficeStoreTests(AzuriteFixture azurite) : OfficeStoreContract, IClassFixture<AzuriteFixture>
{
    protected override IOfficeStore Store { get; } = new TableOfficeStore(azurite.Client(), "o" + Guid.NewGuid().ToString("N")[..12]);
}
