using Azure.Storage.Queues;
using EthicsBot.Features.Campaigns;
using EthicsBot.Infrastructure.Storage;

namespace EthicsBot.Tests.Storage;

/// <summary>
/// The campaign store contract on Azure Table Storage and Azure Storage Queues (Azurite), two store instances over one
/// prefix; then what is particular to the queue: messages leave it when their entry is done with, a lost message does
/// not strand its entry, a retry's message is hidden until its due time, a draft's message is kept.
/// </summary>
public sealed class TableCampaignStoreTests : CampaignStoreContract, IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly QueueClient _queue;

    public TableCampaignStoreTests(AzuriteFixture azurite)
    {
        var prefix = "k" + Guid.NewGuid().ToString("N")[..12];
        Store = new TableCampaignStore(azurite.Client(), azurite.QueueClient(), prefix);
        Other = new TableCampaignStore(azurite.Client(), azurite.QueueClient(), prefix);
        _queue = azurite.QueueClient().GetQueueClient(TableCampaignStore.QueueName(prefix));
    }

    protected override ICampaignStore Store { get; }

    protected override ICampaignStore Other { get; }

    /// <summary>Messages in the queue, hidden ones too.</summary>
    private async Task<int> MessagesAsync() => (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    /// <summary>Messages a receiver would get now.</summary>
    private async Task<int> VisibleAsync() => (await _queue.PeekMessagesAsync(32)).Value.Length;

    [Fact]
    public async Task Each_queued_person_has_one_message_which_leaves_the_queue_when_sent_or_failed_for_good()
    {
        await Store.SaveAsync(Campaign(), default);
        await Store.EnqueueAsync([Person(1), Person(2), Person(3)], default);
        await Store.EnqueueAsync([Person(1)], default);
        Assert.Equal(3, await VisibleAsync());

        var taken = await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default);

        Assert.Equal(3, taken.Count);
        Assert.Equal(0, await VisibleAsync()); // hidden for the lease
        Assert.True(await Other.MarkSentAsync(taken[0], "a", Now, default));
        await Other.ReleaseAsync(taken[1], "a", Now, DeliveryFailure.Left, default);
        Assert.True(await Store.MarkSentAsync(taken[2], "a", Now, default));
        Assert.Equal(0, await MessagesAsync());
    }

    [Fact]
    public async Task An_entry_whose_message_was_lost_is_still_taken_and_only_once()
    {
        await Store.SaveAsync(Campaign(), default);
        await Store.EnqueueAsync([Person(1), Person(2)], default);
        await _queue.ClearMessagesAsync();

        var first = await Task.WhenAll(Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default), Other.ClaimAsync("b", Now, Now.AddMinutes(5), 10, default));

        Assert.Equal([User(1), User(2)], first.SelectMany(t => t).Select(d => d.UserId).Order());
        var (held, holder) = first[0].Count > 0 ? (first[0][0], "a") : (first[1][0], "b");
        Assert.Empty(await Store.ClaimAsync("c", Now.AddMinutes(1), Now.AddMinutes(6), 10, default));
        Assert.Equal(2, (await Other.ClaimAsync("d", Now.AddMinutes(6), Now.AddMinutes(11), 10, default)).Count); // both leases ran out
        Assert.False(await Store.MarkSentAsync(held, holder, Now.AddMinutes(7), default)); // taken from its holder
    }

    [Fact]
    public async Task A_retry_hides_its_message_until_its_due_time_and_a_drafts_message_is_kept()
    {
        await Store.SaveAsync(Campaign(), default);
        await Store.SaveAsync(Campaign("draft", status: CampaignStatus.Draft), default);
        await Store.SaveAsync(Campaign("stopped", status: CampaignStatus.Stopped), default);
        await Store.EnqueueAsync([Person(1), Person(1, "draft"), Person(1, "stopped")], default);

        var taken = Assert.Single(await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default));
        await Store.ReleaseAsync(taken, "a", DateTimeOffset.UtcNow.AddHours(1), null, default);

        Assert.Equal(2, await MessagesAsync()); // the retry's and the draft's; the stopped campaign's is gone
        Assert.Equal(0, await VisibleAsync());
        var retry = (await Store.GetDeliveryAsync("c1", User(1), default))!;
        Assert.Equal((DeliveryState.Queued, 1), (retry.State, retry.Attempts));
        Assert.Equal(DeliveryState.Queued, (await Store.GetDeliveryAsync("stopped", User(1), default))!.State);
    }

    [Fact]
    public async Task A_reminder_is_queued_by_one_instance_with_one_message()
    {
        await Store.SaveAsync(Campaign(reminderDays: 7), default);
        await Store.EnqueueAsync([Person(1)], default);
        var taken = Assert.Single(await Store.ClaimAsync("a", Now, Now.AddMinutes(5), 10, default));
        Assert.True(await Store.MarkSentAsync(taken, "a", Now, default));

        var queued = await Task.WhenAll(Store.QueueRemindersAsync(Now.AddDays(7), default), Other.QueueRemindersAsync(Now.AddDays(7), default));

        Assert.Equal(1, queued.Sum());
        Assert.Equal(1, await VisibleAsync());
    }

    [Fact]
    public void A_table_prefix_that_makes_no_queue_name_is_refused_in_our_words()
    {
        Assert.Equal("ethicsbot-campaigns", TableCampaignStore.QueueName("EthicsBot"));
        var refusal = Assert.Throws<ArgumentException>(() => TableCampaignStore.QueueName("ethics_bot"));
        Assert.Contains("gives no valid queue name", refusal.Message, StringComparison.Ordinal);
    }
}
