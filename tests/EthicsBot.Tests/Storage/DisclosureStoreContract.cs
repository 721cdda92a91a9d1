using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office.Desk;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Shared.DataRights;
using EthicsBot.Tests.Disclosures;

namespace EthicsBot.Tests.Storage;

/// <summary>
/// What every disclosure store must do, run against each provider: SQLite (<see cref="SqliteDisclosureStoreTests"/>)
/// and Azure Table Storage on Azurite (<see cref="TableDisclosureStoreTests"/>).
/// </summary>
public abstract class DisclosureStoreContract
{
    protected abstract IDisclosureStore Store { get; }

    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static DialogState Dialog(string user, string conversation = "a:1on1-1", DateTimeOffset? updated = null, int step = 1, string organization = "iom") => new()
    {
        DialogId = Guid.NewGuid().ToString("N"),
        Organization = organization,
        FormId = "gift",
        Step = step,
        Values = new() { ["item"] = "a watch", ["currency"] = "USD" },
        Discloser = DialogHarness.Person(user, conversation),
        Started = Now,
        Updated = updated ?? Now,
    };

    private static Disclosure Disclosure(string? id = null, string user = "aad-user-1", string prefix = "GIFT", DateTimeOffset? at = null, string organization = "iom") => new()
    {
        Id = id ?? Guid.NewGuid().ToString("N"),
        Organization = organization,
        FormId = prefix == "GIFT" ? "gift" : "conflict",
        FormTitle = "Declare a gift",
        ReferencePrefix = prefix,
        Discloser = DialogHarness.Person(user),
        Answers = [new DisclosureAnswer("item", "What it was", "a watch", "a watch")],
        Submitted = at ?? Now,
    };

    private static DisclosureDecision Decision(string status, string comment = "") => new(status, "aad-office-1", "Olu Office", Now.AddHours(1), comment);

    [Fact]
    public async Task The_register_query_filters_by_organisation_form_status_dates_and_answer_text_newest_first_in_pages()
    {
        var org = "q" + Guid.NewGuid().ToString("N")[..8];
        Disclosure Giving(string giver, int daysAgo, string prefix = "GIFT") => Disclosure(prefix: prefix, at: Now.AddDays(-daysAgo), organization: org) with
        {
            Answers = [new DisclosureAnswer("item", "What it was", "a hamper", "a hamper"), new DisclosureAnswer("source", "Who gave it", giver, giver)],
        };
        var acme = await Store.SubmitAsync(Giving("Acme 100% Logistics", 1), default);
        var old = await Store.SubmitAsync(Giving("Blue River", 40), default);
        var coi = await Store.SubmitAsync(Giving("Ministry", 2, prefix: "COI"), default);
        await Store.SubmitAsync(Disclosure(organization: org + "x"), default);
        await Store.DecideAsync(org, old.Id, Decision(DisclosureStatus.Approved), default);

        var all = await Store.QueryAsync(new DisclosureQuery { Organizations = [org] }, default);
        Assert.Equal(3, all.Total);
        Assert.Equal([acme.Reference, coi.Reference, old.Reference], all.Items.Select(d => d.Reference));
        Assert.Equal([acme.Id], (await Store.QueryAsync(new DisclosureQuery { Organizations = [org], Text = "acme 100%" }, default)).Items.Select(d => d.Id));
        Assert.Equal(0, (await Store.QueryAsync(new DisclosureQuery { Organizations = [org], Text = "acme 1000" }, default)).Total);
        Assert.Equal(0, (await Store.QueryAsync(new DisclosureQuery { Organizations = [org], Text = "_" }, default)).Total);
        Assert.Equal([coi.Id], (await Store.QueryAsync(new DisclosureQuery { Organizations = [org], Form = "conflict" }, default)).Items.Select(d => d.Id));
        Assert.Equal([old.Id], (await Store.QueryAsync(new DisclosureQuery { Organizations = [org], Status = DisclosureStatus.Approved }, default)).Items.Select(d => d.Id));
        Assert.Equal([acme.Id, coi.Id], (await Store.QueryAsync(new DisclosureQuery { Organizations = [org], From = Now.AddDays(-10) }, default)).Items.Select(d => d.Id));
        Assert.Equal([old.Id], (await Store.QueryAsync(new DisclosureQuery { Organizations = [org], Before = Now.AddDays(-10) }, default)).Items.Select(d => d.Id));
        var second = await Store.QueryAsync(new DisclosureQuery { Organizations = [org], Skip = 1, Take = 1 }, default);
        Assert.Equal(3, second.Total);
        Assert.Equal([coi.Id], second.Items.Select(d => d.Id));
        Assert.Equal(4, (await Store.QueryAsync(new DisclosureQuery { Organizations = [org, org + "x"] }, default)).Total);
        Assert.Equal(0, (await Store.QueryAsync(new DisclosureQuery { Organizations = [] }, default)).Total);

        // The insights' counts per kind and status, grouped by the store.
        var counts = (await Store.CountByTypeAndStatusAsync(org, default)).OrderBy(c => c.Status, StringComparer.Ordinal).ToList();
        Assert.Equal([new DisclosureCount("disclosure", DisclosureStatus.Approved, 1), new DisclosureCount("disclosure", DisclosureStatus.Submitted, 2)], counts);
        Assert.Empty(await Store.CountByTypeAndStatusAsync(org + "-none", default));
    }

    [Fact]
    public async Task The_export_reads_every_match_once_newest_first_in_batches_even_when_many_share_an_instant()
    {
        var (org, other) = ("e" + Guid.NewGuid().ToString("N")[..8], "f" + Guid.NewGuid().ToString("N")[..8]);
        // 38 disclosures in two organisations: twelve at one instant in one organisation and two more there in the other
        // (more than two batches of five), pairs straddling batch edges, the rest three minutes apart.
        var times = Enumerable.Repeat(Now.AddHours(-1), 14).Concat(Enumerable.Range(0, 24).Select(i => Now.AddMinutes(-90 - i / 2 * 3)));
        var stored = new List<Disclosure>();
        foreach (var (at, i) in times.Select((t, i) => (t, i)))
        {
            var giver = i % 4 == 0 ? $"Acme {i}" : $"Supplier {i}";
            stored.Add(await Store.SubmitAsync(Disclosure(at: at, organization: i < 14 ? (i < 12 ? org : other) : i % 3 == 0 ? other : org) with
            {
                Answers = [new DisclosureAnswer("source", "Who gave it", giver, giver)],
            }, default));
        }

        var all = await RegisterExport.ReadAsync(Store, new DisclosureQuery { Organizations = [org, other] }, 5, default);
        var acme = await RegisterExport.ReadAsync(Store, new DisclosureQuery { Organizations = [org, other], Text = "acme" }, 5, default);

        Assert.Equal(stored.Select(d => d.Id).Order(), all.Select(d => d.Id).Order()); // each once
        Assert.Equal(all.Select(d => d.Submitted).OrderDescending(), all.Select(d => d.Submitted));
        Assert.Equal(stored.Where(d => d.Answers[0].Display.StartsWith("Acme", StringComparison.Ordinal)).Select(d => d.Id).Order(), acme.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task A_dialog_is_saved_read_replaced_and_deleted_per_conversation_and_user()
    {
        var mine = Dialog("u1", "a:conversation/with#odd?chars");
        await Store.SaveDialogAsync(mine, default);
        await Store.SaveDialogAsync(Dialog("u2", "a:conversation/with#odd?chars"), default);

        Assert.Equal(mine, await Store.GetDialogAsync("a:conversation/with#odd?chars", "u1", default), DialogComparer);
        Assert.Equal("a watch", (await Store.GetDialogAsync("a:conversation/with#odd?chars", "u1", default))!.Values["item"]);
        await Store.SaveDialogAsync(mine with { Step = 2 }, default);
        Assert.Equal(2, (await Store.GetDialogAsync("a:conversation/with#odd?chars", "u1", default))!.Step);
        await Store.DeleteDialogAsync("a:conversation/with#odd?chars", "u1", default);
        Assert.Null(await Store.GetDialogAsync("a:conversation/with#odd?chars", "u1", default));
        Assert.NotNull(await Store.GetDialogAsync("a:conversation/with#odd?chars", "u2", default));
        await Store.DeleteDialogAsync("a:conversation/with#odd?chars", "u1", default); // deleting twice is fine
    }

    [Fact]
    public async Task Dialogs_idle_since_the_cutoff_are_deleted_and_counted()
    {
        await Store.SaveDialogAsync(Dialog("old", updated: Now.AddDays(-3)), default);
        await Store.SaveDialogAsync(Dialog("fresh", updated: Now), default);

        Assert.Equal(1, await Store.DeleteDialogsIdleSinceAsync(Now.AddDays(-1), default));
        Assert.Null(await Store.GetDialogAsync("a:1on1-1", "old", default));
        Assert.NotNull(await Store.GetDialogAsync("a:1on1-1", "fresh", default));
    }

    [Fact]
    public async Task Submitting_numbers_references_per_organisation_prefix_and_year_and_ends_the_dialog()
    {
        var dialog = Dialog("aad-user-1");
        await Store.SaveDialogAsync(dialog, default);

        var first = await Store.SubmitAsync(Disclosure(dialog.DialogId), default);
        var second = await Store.SubmitAsync(Disclosure(), default);
        var conflict = await Store.SubmitAsync(Disclosure(prefix: "COI"), default);
        var nextYear = await Store.SubmitAsync(Disclosure(at: new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero)), default);
        var otherOrganization = await Store.SubmitAsync(Disclosure(organization: "ims"), default);

        Assert.Equal("GIFT-2026-000001", first.Reference);
        Assert.Equal("GIFT-2026-000002", second.Reference);
        Assert.Equal("COI-2026-000001", conflict.Reference);
        Assert.Equal("GIFT-2027-000001", nextYear.Reference);
        Assert.Equal("GIFT-2026-000001", otherOrganization.Reference);
        Assert.Null(await Store.GetDialogAsync("a:1on1-1", "aad-user-1", default));
        Assert.Equal(first, await Store.GetAsync("iom", first.Id, default), DisclosureComparer);
    }

    [Fact]
    public async Task Submitting_the_same_disclosure_again_returns_the_stored_one_and_stores_nothing_new()
    {
        var disclosure = Disclosure();
        var first = await Store.SubmitAsync(disclosure, default);

        var again = await Store.SubmitAsync(disclosure with { Submitted = Now.AddMinutes(5) }, default);

        Assert.Equal(first.Reference, again.Reference);
        Assert.Equal(first.Submitted, again.Submitted);
        Assert.Single(await Store.ListByDiscloserAsync("iom", "aad-user-1", default));
        Assert.Equal("GIFT-2026-000002", (await Store.SubmitAsync(Disclosure(), default)).Reference);
    }

    [Fact]
    public async Task A_submit_does_not_end_a_newer_dialog_of_the_same_person()
    {
        var newer = Dialog("aad-user-1");
        await Store.SaveDialogAsync(newer, default);

        await Store.SubmitAsync(Disclosure(), default); // an older dialog's disclosure, redelivered

        Assert.NotNull(await Store.GetDialogAsync("a:1on1-1", "aad-user-1", default));
    }

    [Fact]
    public async Task Concurrent_submits_get_distinct_consecutive_references_and_repeats_collapse()
    {
        var disclosures = Enumerable.Range(0, 12).Select(_ => Disclosure()).ToList();

        var results = await Task.WhenAll(disclosures.Concat(disclosures).Select(d => Task.Run(() => Store.SubmitAsync(d, default))));

        var references = results.GroupBy(r => r.Id).Select(g => Assert.Single(g.Select(r => r.Reference).Distinct())).ToList();
        Assert.Equal(12, references.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"GIFT-2026-{i:000000}"), references.Order(StringComparer.Ordinal));
        Assert.Equal(12, (await Store.ListByDiscloserAsync("iom", "aad-user-1", default)).Count);
    }

    [Fact]
    public async Task A_person_s_disclosures_are_listed_newest_first_and_only_theirs()
    {
        await Store.SubmitAsync(Disclosure(at: Now.AddDays(-2)), default);
        await Store.SubmitAsync(Disclosure(at: Now), default);
        await Store.SubmitAsync(Disclosure(user: "someone-else"), default);
        await Store.SubmitAsync(Disclosure(organization: "ims"), default);

        var mine = await Store.ListByDiscloserAsync("iom", "aad-user-1", default);

        Assert.Equal(["GIFT-2026-000002", "GIFT-2026-000001"], mine.Select(d => d.Reference));
    }

    [Fact]
    public async Task Decisions_follow_the_rules_and_a_decided_disclosure_stays_decided()
    {
        var stored = await Store.SubmitAsync(Disclosure(), default);

        var acknowledged = await Store.DecideAsync("iom", stored.Id, Decision(DisclosureStatus.Acknowledged), default);
        var again = await Store.DecideAsync("iom", stored.Id, Decision(DisclosureStatus.Acknowledged), default);
        var approved = await Store.DecideAsync("iom", stored.Id, Decision(DisclosureStatus.Approved, "Keep it."), default);
        var declined = await Store.DecideAsync("iom", stored.Id, Decision(DisclosureStatus.Declined, "No."), default);
        var missing = await Store.DecideAsync("iom", "no-such-id", Decision(DisclosureStatus.Approved), default);

        Assert.True(acknowledged.Changed);
        Assert.False(again.Changed);
        Assert.Contains("already acknowledged", again.Refusal, StringComparison.Ordinal);
        Assert.True(approved.Changed);
        Assert.False(declined.Changed);
        Assert.Contains("already approved by Olu Office", declined.Refusal, StringComparison.Ordinal);
        Assert.Null(missing.Disclosure);
        var now = (await Store.GetAsync("iom", stored.Id, default))!;
        Assert.Equal(DisclosureStatus.Approved, now.Status);
        Assert.Equal(["acknowledged", "approved"], now.Decisions.Select(d => d.Status));
        Assert.Equal("Keep it.", now.Decisions[^1].Comment);
    }

    [Fact]
    public async Task Of_two_concurrent_final_decisions_exactly_one_wins()
    {
        var stored = await Store.SubmitAsync(Disclosure(), default);

        var results = await Task.WhenAll(
            Task.Run(() => Store.DecideAsync("iom", stored.Id, Decision(DisclosureStatus.Approved), default)),
            Task.Run(() => Store.DecideAsync("iom", stored.Id, Decision(DisclosureStatus.Declined, "No."), default)));

        Assert.Single(results, r => r.Changed);
        Assert.Single((await Store.GetAsync("iom", stored.Id, default))!.Decisions);
    }

    [Fact]
    public async Task Disclosures_wait_in_the_outbox_until_marked_as_posted_and_keep_decisions_made_meanwhile()
    {
        var first = await Store.SubmitAsync(Disclosure(at: Now.AddMinutes(-5)), default);
        var second = await Store.SubmitAsync(Disclosure(), default);
        await Store.SubmitAsync(Disclosure(organization: "ims"), default);
        Assert.Equal([first.Id, second.Id], (await Store.UnnotifiedAsync("iom", default)).Select(d => d.Id));

        await Store.DecideAsync("iom", first.Id, Decision(DisclosureStatus.Acknowledged), default);
        await Store.MarkNotifiedAsync("iom", first.Id, "activity-7", default);

        Assert.Equal([second.Id], (await Store.UnnotifiedAsync("iom", default)).Select(d => d.Id));
        Assert.Single(await Store.UnnotifiedAsync("ims", default));
        var posted = (await Store.GetAsync("iom", first.Id, default))!;
        Assert.Equal("activity-7", posted.OfficeActivityId);
        Assert.Equal(DisclosureStatus.Acknowledged, posted.Status);
    }

    [Fact]
    public async Task Erasure_deletes_the_dialogs_and_disclosures_of_that_person_in_every_organisation_only()
    {
        await Store.SaveDialogAsync(Dialog("aad-erase-me"), default);
        await Store.SaveDialogAsync(Dialog("aad-erase-me", "a:another-chat"), default);
        await Store.SaveDialogAsync(Dialog("aad-keep"), default);
        await Store.SubmitAsync(Disclosure(user: "aad-erase-me"), default);
        await Store.SubmitAsync(Disclosure(user: "aad-erase-me", organization: "ims"), default);
        var kept = await Store.SubmitAsync(Disclosure(user: "aad-keep"), default);

        var deleted = await Store.EraseUserAsync("aad-erase-me", ErasureScope.Everywhere, default);

        Assert.Equal((2, 2), (deleted.Dialogs, deleted.Disclosures));
        Assert.Equal([kept.Id], (await Store.ListAsync("iom", default)).Select(d => d.Id));
        Assert.Empty(await Store.ListAsync("ims", default));
        Assert.Null(await Store.GetDialogAsync("a:1on1-1", "aad-erase-me", default));
        Assert.NotNull(await Store.GetDialogAsync("a:1on1-1", "aad-keep", default));
    }

    [Fact]
    public async Task A_scoped_erasure_deletes_that_person_s_dialogs_and_disclosures_only_in_the_organisations_named()
    {
        await Store.SaveDialogAsync(Dialog("aad-erase-me", "a:iom-chat", organization: "iom"), default);
        await Store.SaveDialogAsync(Dialog("aad-erase-me", "a:ims-chat", organization: "ims"), default);
        var iom = await Store.SubmitAsync(Disclosure(user: "aad-erase-me", organization: "iom"), default);
        await Store.SubmitAsync(Disclosure(user: "aad-erase-me", organization: "ims"), default);
        await Store.SubmitAsync(Disclosure(user: "aad-erase-me", organization: "unhcr"), default);
        var someoneElse = await Store.SubmitAsync(Disclosure(user: "aad-keep", organization: "ims"), default);

        Assert.Equal(new DeletedCounts(0, 0, 0, 0, 0), await Store.EraseUserAsync("aad-erase-me", ErasureScope.In(), default));
        var deleted = await Store.EraseUserAsync("aad-erase-me", ErasureScope.In("ims", "unhcr"), default);

        Assert.Equal((1, 2), (deleted.Dialogs, deleted.Disclosures));
        Assert.Equal([iom.Id], (await Store.ListAsync("iom", default)).Select(d => d.Id));
        Assert.Equal([someoneElse.Id], (await Store.ListAsync("ims", default)).Select(d => d.Id));
        Assert.Empty(await Store.ListAsync("unhcr", default));
        Assert.NotNull(await Store.GetDialogAsync("a:iom-chat", "aad-erase-me", default));
        Assert.Null(await Store.GetDialogAsync("a:ims-chat", "aad-erase-me", default));
    }

    private static readonly IEqualityComparer<DialogState?> DialogComparer = EqualityComparer<DialogState?>.Create(
        (a, b) => a is not null && b is not null && a.DialogId == b.DialogId && a.Step == b.Step && a.Updated == b.Updated && a.Discloser.UserId == b.Discloser.UserId
                  && a.Discloser.Conversation.ServiceUrl == b.Discloser.Conversation.ServiceUrl);

    [Fact]
    public async Task The_right_to_post_a_disclosure_is_claimed_by_one_instance_until_its_lease_runs_out_or_it_is_posted()
    {
        var stored = await Store.SubmitAsync(Disclosure(), default);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Store.TryClaimPostAsync("iom", stored.Id, $"instance-{i % 2}", Now, Now.AddMinutes(1), default)));
        Assert.Single(claims, c => c);
        Assert.False(await Store.TryClaimPostAsync("iom", stored.Id, "instance-2", Now.AddSeconds(59), Now.AddMinutes(2), default));
        // Its owner died before posting: after the lease another instance may post it.
        Assert.True(await Store.TryClaimPostAsync("iom", stored.Id, "instance-2", Now.AddSeconds(61), Now.AddMinutes(2), default));

        await Store.MarkNotifiedAsync("iom", stored.Id, "office-activity-1", default);
        Assert.False(await Store.TryClaimPostAsync("iom", stored.Id, "instance-3", Now.AddHours(1), Now.AddHours(2), default));
        Assert.False(await Store.TryClaimPostAsync("iom", "no-such-disclosure", "instance-3", Now, Now.AddMinutes(1), default));
    }

    private static readonly IEqualityComparer<Disclosure?> DisclosureComparer = EqualityComparer<Disclosure?>.Create(
        (a, b) => a is not null && b is not null && a.Id == b.Id && a.Reference == b.Reference && a.Submitted == b.Submitted
                  && a.Answers.SequenceEqual(b.Answers) && a.Discloser.Name == b.Discloser.Name && a.Status == b.Status);
}

public sealed class SqliteDisclosureStoreTests : DisclosureStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-store-").FullName;

    public SqliteDisclosureStoreTests() => Store = new SqliteDisclosureStore(Path.Combine(_folder, "ethicsbot.db"));

    protected override IDisclosureStore Store { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class TableDisclosureStoreTests(AzuriteFixture azurite) : DisclosureStoreContract, IClassFixture<AzuriteFixture>
{
    // A fresh pair of tables per test: the prefix is unique.
    protected override IDisclosureStore Store { get; } = new TableDisclosureStore(azurite.Client(), "t" + Guid.NewGuid().ToString("N")[..12]);
}
