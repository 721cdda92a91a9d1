using EthicsBot.Features.Campaigns;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Tests.Storage;

/// <summary>What every campaign store must do: campaigns, contacts, the delivery queue with its leases and shared pace, acknowledgements.</summary>
public abstract class CampaignStoreContract
{
    /// <summary>The store under test; <see cref="Other"/> is a second instance over the same data (another bot instance).</summary>
    protected abstract ICampaignStore Store { get; }

    protected abstract ICampaignStore Other { get; }

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    public static string User(int i) => $"00000000-0000-0000-0000-{i:x12}";

    public static Campaign Campaign(string id = "c1", string organization = "iom", CampaignStatus status = CampaignStatus.Running, string version = "IN/15 rev.", int reminderDays = 0) => new()
    {
        Id = id,
        Organization = organization,
        Title = "Annual sign-off",
        CodeVersion = version,
        Message = "Please read the Standards of Conduct.",
        Audience = new CampaignAudience { Kind = AudienceKind.Everyone },
        DueAt = Now.AddDays(30),
        ReminderEveryDays = reminderDays,
        Status = status,
        CreatedById = "office-1",
        CreatedByName = "Office Member",
        CreatedAt = Now,
    };

    public static Delivery Person(int i, string campaign = "c1", string organization = "iom", DateTimeOffset? due = null) =>
        new() { CampaignId = campaign, Organization = organization, UserId = User(i), Name = $"Person {i}", DueAt = due ?? Now };

    public static StaffContact Contact(int i, string organization = "iom") => new()
    {
        Organization = organization,
        UserId = User(i),
        Name = $"Person {i}",
        Conversation = new ConversationReference { ServiceUrl = "http://127.0.0.1:1/", ChannelId = "msteams", Conversation = new ConversationAccount { Id = $"a:personal-{i}" }, User = new ChannelAccount { Id = $"29:{i}", AadObjectId = User(i) } },
        SeenAt = Now,
    };

    [Fact]
    public async Task Campaigns_are_kept_per_organisation_newest_first()
    {
        await Store.SaveAsync(Campaign("old") with { CreatedAt = Now.AddDays(-1) }, default);
        await Store.SaveAsync(Campaign("new"), default);
        await Store.SaveAsync(Campaign("ims-one", "ims"), default);
        await Store.SaveAsync(Campaign("new") with { Status = CampaignStatus.Stopped }, default);

        Assert.Equal(["new", "old"], (await Store.ListAsync("iom", default)).Select(c => c.Id));
        Assert.Equal(CampaignStatus.Stopped, (await Store.GetAsync("iom", "new", default))!.Status);
        Assert.Null(await Store.GetAsync("ims", "new", default));
    }

    [Fact]
    public async Task A_contact_is_kept_per_organisation_and_replaced_by_a_newer_one()
    {
        await Store.SaveContactAsync(Contact(1), default);
        await Store.SaveContactAsync(Contact(1) with { Name = "Renamed" }, default);
        await Store.SaveContactAsync(Contact(2, "ims"), default);

        Assert.Equal("Renamed", (await Store.GetContactAsync("iom", User(1), default))!.Name);
        Assert.Equal("a:personal-1", (await Store.GetContactAsync("iom", User(1).ToUpperInvariant(), default))!.Conversation.Conversation!.Id);
        Assert.Null(await Store.GetContactAsync("ims", User(1), default));
        Assert.Equal([User(1)], (await Store.ContactsAsync("iom", default)).Select(c => c.UserId));
    }

    [Fact]
    public async Task A_person_is_queued_once_per_campaign()
    {
        await Store.SaveAsync(Campaign(), default);

        Assert.Equal(2, await Store.EnqueueAsync([Person(1), Person(2)], default));
        Assert.Equal(1, await Store.EnqueueAsync([Person(2), Person(3)], default));

        Assert.Equal(3, (await Store.DeliveriesAsync("iom", "c1", default)).Count);
    }

    [Fact]
    public async Task Two_instances_never_take_the_same_entry_and_a_dead_ones_entries_are_taken_after_its_lease()
    {
        await Store.SaveAsync(Campaign(), default);
        await Store.EnqueueAsync([.. Enumerable.Range(1, 40).Select(i => Person(i))], default);

        var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? Store : Other).ClaimAsync($"owner-{i}", Now, Now.AddMinutes(5), 10, default)));

        var taken = takes.SelectMany(t => t).Select(d => d.UserId).ToList();
        Assert.Equal(40, taken.Count);
        Assert.Equal(40, taken.Distinct().Count());
        Assert.Empty(await Store.ClaimAsync("late", Now.AddMinutes(4), Now.AddMinutes(9), 10, default));
        var again = await Other.ClaimAsync("rescuer", Now.AddMinutes(6), Now.AddMinutes(11), 100, default);
        Assert.Equal(40, again.Count);
        Assert.All(again, d => Assert.Equal(2, d.Attempts));
    }

    [Fact]
    public async Task Only_the_holder_records_the_send_and_a_sent_person_is_not_taken_again()
    {
        await Store.SaveAsync(Campaign(), default);
        await Store.EnqueueAsync([Person(1)], default);
        var taken = Assert.Single(await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default));

        Assert.False(await Other.MarkSentAsync(taken, "b", Now, default));
        Assert.True(await Other.MarkSentAsync(taken, "a", Now, default));

        Assert.Empty(await Store.ClaimAsync("a", Now.AddHours(1), Now.AddHours(2), 10, default));
        var sent = (await Store.GetDeliveryAsync("c1", User(1), default))!;
        Assert.Equal((DeliveryState.Sent, (DateTimeOffset?)Now, 0), (sent.State, sent.SentAt, sent.Reminders));
    }

    [Fact]
    public async Task A_failed_attempt_waits_and_a_failure_for_good_is_kept_with_its_reason()
    {
        await Store.SaveAsync(Campaign(), default);
        await Store.EnqueueAsync([Person(1), Person(2)], default);
        var taken = await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default);

        await Store.ReleaseAsync(taken[0], "a", Now.AddMinutes(10), null, default);
        await Store.ReleaseAsync(taken[1], "a", Now, DeliveryFailure.Blocked, default);

        Assert.Empty(await Store.ClaimAsync("a", Now.AddMinutes(9), Now.AddMinutes(20), 10, default));
        Assert.Equal(taken[0].UserId, Assert.Single(await Store.ClaimAsync("a", Now.AddMinutes(10), Now.AddMinutes(20), 10, default)).UserId);
        var failed = (await Store.GetDeliveryAsync("c1", taken[1].UserId, default))!;
        Assert.Equal((DeliveryState.Failed, DeliveryFailure.Blocked), (failed.State, failed.Failure));
    }

    [Fact]
    public async Task A_failed_person_met_again_is_queued_again_from_zero_attempts_and_no_one_else_is()
    {
        await Store.SaveAsync(Campaign(), default);
        await Store.EnqueueAsync([Person(1), Person(2)], default);
        var taken = await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default);
        await Store.ReleaseAsync(taken.Single(d => d.UserId == User(1)), "a", Now, DeliveryFailure.NotInstalled, default);
        await Store.MarkSentAsync(taken.Single(d => d.UserId == User(2)), "a", Now, default);

        Assert.True(await Other.RequeueFailedAsync("c1", User(1).ToUpperInvariant(), Now.AddDays(1), default));
        Assert.False(await Other.RequeueFailedAsync("c1", User(2), Now.AddDays(1), default));
        Assert.False(await Other.RequeueFailedAsync("c1", User(3), Now.AddDays(1), default));

        var again = Assert.Single(await Store.ClaimAsync("b", Now.AddDays(1), Now.AddDays(1).AddMinutes(5), 10, default));
        Assert.Equal((User(1), 1, (DeliveryFailure?)null), (again.UserId, again.Attempts, again.Failure));
    }

    [Fact]
    public async Task A_contact_saved_from_a_roster_keeps_the_chat_and_the_teams_it_had()
    {
        var withChat = Contact(1) with { Teams = [new TeamRef("t1", "Team one")] };
        await Store.SaveContactAsync(withChat, default);
        var fromRoster = Contact(1) with { Conversation = withChat.Conversation with { Conversation = new ConversationAccount { TenantId = "tenant-1" } }, Teams = [new TeamRef("t2", "Team two")] };

        await Other.SaveContactAsync(fromRoster, default);

        var stored = (await Store.GetContactAsync("iom", User(1), default))!;
        Assert.Equal("a:personal-1", stored.Conversation.Conversation!.Id);
        Assert.Equal(["t1", "t2"], stored.Teams.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task Entries_of_drafts_and_stopped_campaigns_are_not_taken()
    {
        await Store.SaveAsync(Campaign("draft", status: CampaignStatus.Draft), default);
        await Store.SaveAsync(Campaign("stopped", status: CampaignStatus.Stopped), default);
        await Store.EnqueueAsync([Person(1, "draft"), Person(1, "stopped")], default);

        Assert.Empty(await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default));
    }

    [Fact]
    public async Task Campaigns_still_queuing_their_audience_are_found_across_organisations_once_launched_long_enough_ago()
    {
        await Store.SaveAsync(Campaign("old-queuing") with { LaunchedAt = Now.AddMinutes(-10), Queuing = true }, default);
        await Store.SaveAsync(Campaign("ims-queuing", "ims") with { LaunchedAt = Now.AddMinutes(-10), Queuing = true }, default);
        await Store.SaveAsync(Campaign("new-queuing") with { LaunchedAt = Now, Queuing = true }, default);
        await Store.SaveAsync(Campaign("queued") with { LaunchedAt = Now.AddMinutes(-10) }, default);
        await Store.SaveAsync(Campaign("stopped", status: CampaignStatus.Stopped) with { LaunchedAt = Now.AddMinutes(-10), Queuing = true }, default);

        Assert.Equal(["ims-queuing", "old-queuing"], (await Other.QueuingAsync(Now.AddMinutes(-2), default)).Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Marking_a_campaign_fully_queued_changes_nothing_else_and_keeps_a_stop()
    {
        await Store.SaveAsync(Campaign("running") with { LaunchedAt = Now, Queuing = true }, default);
        // The desk's copy, read while the launch was still queuing, saved as a stop.
        await Store.SaveAsync(Campaign("stopped") with { LaunchedAt = Now, Queuing = true }, default);
        await Other.SaveAsync(Campaign("stopped", status: CampaignStatus.Stopped) with { LaunchedAt = Now, Queuing = true, StoppedAt = Now }, default);

        await Store.QueuedAllAsync("iom", "running", default);
        await Store.QueuedAllAsync("iom", "stopped", default);
        await Store.QueuedAllAsync("iom", "absent", default);

        static string Json(Campaign? c) => System.Text.Json.JsonSerializer.Serialize(c);
        Assert.Equal(Json(Campaign("running") with { LaunchedAt = Now }), Json(await Other.GetAsync("iom", "running", default)));
        Assert.Equal(Json(Campaign("stopped", status: CampaignStatus.Stopped) with { LaunchedAt = Now, StoppedAt = Now }), Json(await Other.GetAsync("iom", "stopped", default)));
        Assert.Null(await Other.GetAsync("iom", "absent", default));
    }

    [Fact]
    public async Task An_acknowledgement_counts_once_per_version_and_closes_every_campaign_of_that_version()
    {
        await Store.SaveAsync(Campaign("c1"), default);
        await Store.SaveAsync(Campaign("c2"), default);
        await Store.SaveAsync(Campaign("c3", version: "2027"), default);
        await Store.EnqueueAsync([Person(1, "c1"), Person(1, "c2"), Person(1, "c3")], default);

        var first = await Store.AcknowledgeAsync(new Acknowledgement { Organization = "iom", UserId = User(1), Name = "Person 1", CodeVersion = "IN/15 rev.", CampaignId = "c1", At = Now }, default);
        var second = await Other.AcknowledgeAsync(new Acknowledgement { Organization = "iom", UserId = User(1), Name = "Person 1", CodeVersion = "IN/15 rev.", CampaignId = "c2", At = Now.AddHours(1) }, default);

        Assert.Equal(first, second);
        Assert.Equal(("c1", Now), (second.CampaignId, second.At));
        Assert.Equal("c3", Assert.Single(await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default)).CampaignId);
        Assert.NotNull((await Store.GetDeliveryAsync("c2", User(1), default))!.AcknowledgedAt);
        Assert.Equal([User(1)], await Store.AcknowledgedAsync("iom", "IN/15 rev.", default));
        Assert.Empty(await Store.AcknowledgedAsync("ims", "IN/15 rev.", default));
        Assert.Equal(["IN/15 rev."], (await Store.AcknowledgementsAsync("iom", User(1), default)).Select(a => a.CodeVersion));
    }

    [Fact]
    public async Task Reminders_are_queued_a_cadence_after_the_last_card_until_the_due_date()
    {
        await Store.SaveAsync(Campaign("c1", reminderDays: 7), default);
        await Store.SaveAsync(Campaign("none", reminderDays: 0), default);
        await Store.EnqueueAsync([Person(1), Person(2), Person(3, "none")], default);
        foreach (var d in await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default))
            await Store.MarkSentAsync(d, "a", Now, default);
        await Store.AcknowledgeAsync(new Acknowledgement { Organization = "iom", UserId = User(2), CodeVersion = "IN/15 rev.", CampaignId = "c1", At = Now }, default);

        Assert.Equal(0, await Store.QueueRemindersAsync(Now.AddDays(6), default));
        Assert.Equal(1, await Store.QueueRemindersAsync(Now.AddDays(7), default));
        var reminder = Assert.Single(await Store.ClaimAsync("a", Now.AddDays(7), Now.AddDays(8), 10, default));
        Assert.Equal(User(1), reminder.UserId);
        Assert.NotNull(reminder.SentAt);
        Assert.True(await Store.MarkSentAsync(reminder, "a", Now.AddDays(7), default));
        Assert.Equal(1, (await Store.GetDeliveryAsync("c1", User(1), default))!.Reminders);
        Assert.Equal(0, await Store.QueueRemindersAsync(Now.AddDays(13), default));
        Assert.Equal(0, await Store.QueueRemindersAsync(Now.AddDays(35), default)); // past the due date
    }

    [Fact]
    public async Task Erasure_deletes_a_persons_contact_entries_and_acknowledgements_in_scope_only()
    {
        await Store.SaveAsync(Campaign("c1"), default);
        await Store.SaveAsync(Campaign("i1", "ims"), default);
        await Store.SaveContactAsync(Contact(1), default);
        await Store.SaveContactAsync(Contact(1, "ims"), default);
        await Store.SaveContactAsync(Contact(2), default);
        await Store.EnqueueAsync([Person(1), Person(2), Person(1, "i1", "ims")], default);
        await Store.AcknowledgeAsync(new Acknowledgement { Organization = "iom", UserId = User(1), CodeVersion = "IN/15 rev.", CampaignId = "c1", At = Now }, default);

        var deleted = await Store.EraseUserAsync(User(1).ToUpperInvariant(), EthicsBot.Shared.DataRights.ErasureScope.In("iom"), default);

        Assert.Equal(3, deleted);
        Assert.Null(await Store.GetContactAsync("iom", User(1), default));
        Assert.Null(await Store.GetDeliveryAsync("c1", User(1), default));
        Assert.Empty(await Store.AcknowledgementsAsync("iom", User(1), default));
        Assert.NotNull(await Store.GetContactAsync("ims", User(1), default));
        Assert.NotNull(await Store.GetDeliveryAsync("i1", User(1), default));
        Assert.NotNull(await Store.GetContactAsync("iom", User(2), default));
        Assert.Equal(2, await Store.EraseUserAsync(User(1), EthicsBot.Shared.DataRights.ErasureScope.Everywhere, default));
    }

    [Fact]
    public async Task The_pace_is_shared_slot_after_slot()
    {
        var each = TimeSpan.FromMilliseconds(100);

        var first = await Store.TakeSendSlotsAsync(10, each, Now, default);
        var second = await Other.TakeSendSlotsAsync(5, each, Now, default);
        var later = await Store.TakeSendSlotsAsync(1, each, Now.AddMinutes(1), default);

        Assert.Equal(Now, first);
        Assert.Equal(Now.AddSeconds(1), second);
        Assert.Equal(Now.AddMinutes(1), later);
    }
}

public sealed class SqliteCampaignStoreTests : CampaignStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-campaigns-").FullName;
    private readonly SqliteThreads _threads = new();

    public SqliteCampaignStoreTests()
    {
        Store = new SqliteCampaignStore(Path.Combine(_folder, "ethicsbot.db"), _threads);
        Other = new SqliteCampaignStore(Path.Combine(_folder, "ethicsbot.db"), _threads);
    }

    protected override ICampaignStore Store { get; }

    protected override ICampaignStore Other { get; }

    public void Dispose()
    {
        _threads.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
