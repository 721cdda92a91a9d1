namespace EthicsBot.Features.Campaigns;

/// <summary>
/// Campaigns, the people the bot can write to, the durable delivery queue and the acknowledgements, behind one
/// interface (SQLite on the embedded default, Table Storage with a storage queue for several instances on Azure; the
/// contract tests in tests/EthicsBot.Tests/Storage). The queue is shared
/// by every instance using the same store: an entry is taken with a lease, so one instance sends it, and an entry whose
/// instance died is taken again when its lease runs out.
/// </summary>
public interface ICampaignStore
{
    /// <summary>Creates or refreshes a person's contact, merged over the stored one in one step (<see cref="StaffContact.MergedOver"/>).</summary>
    Task SaveContactAsync(StaffContact contact, CancellationToken cancellationToken);

    Task<StaffContact?> GetContactAsync(string organization, string userId, CancellationToken cancellationToken);

    /// <summary>Every person of an organisation the bot can write to.</summary>
    Task<IReadOnlyList<StaffContact>> ContactsAsync(string organization, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a campaign.</summary>
    Task SaveAsync(Campaign campaign, CancellationToken cancellationToken);

    Task<Campaign?> GetAsync(string organization, string id, CancellationToken cancellationToken);

    /// <summary>An organisation's campaigns, newest first.</summary>
    Task<IReadOnlyList<Campaign>> ListAsync(string organization, CancellationToken cancellationToken);

    /// <summary>Running campaigns of every organisation whose audience is still being queued (<see cref="Campaign.Queuing"/>), launched before <paramref name="launchedBefore"/>.</summary>
    Task<IReadOnlyList<Campaign>> QueuingAsync(DateTimeOffset launchedBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a campaign fully queued (<see cref="Campaign.Queuing"/> false) and changes nothing else, in one step: a stop
    /// saved meanwhile stays a stop.
    /// </summary>
    Task QueuedAllAsync(string organization, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Queues these people for the campaign, each once: a person queued before (whatever came of it) is left as they
    /// are. Returns how many were new.
    /// </summary>
    Task<int> EnqueueAsync(IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Queues again, attempts from zero, a person whose card failed for good in this campaign (no app, blocked, gone):
    /// the bot has met them again. False when their entry is not a failed one.
    /// </summary>
    Task<bool> RequeueFailedAsync(string campaignId, string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="max"/> queued entries of running campaigns that are due, oldest first, for
    /// <paramref name="owner"/> until <paramref name="leaseUntil"/>; entries whose lease ran out are taken again. Two
    /// instances never hold the same entry.
    /// </summary>
    Task<IReadOnlyList<Delivery>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>Records the send (the first card or a reminder) if <paramref name="owner"/> still holds the entry; false otherwise.</summary>
    Task<bool> MarkSentAsync(Delivery delivery, string owner, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Puts the entry back in the queue until <paramref name="dueAt"/> (a failed attempt), or records it failed for good.</summary>
    Task ReleaseAsync(Delivery delivery, string owner, DateTimeOffset dueAt, DeliveryFailure? failure, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a reminder for each person of the open campaigns (running, not yet due, with a cadence) who was sent the
    /// card, has not acknowledged and was last written to a cadence ago or more. Returns how many.
    /// </summary>
    Task<int> QueueRemindersAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records an acknowledgement, once per person and Code version (a second one returns the first); marks the person's entry in its campaign.</summary>
    Task<Acknowledgement> AcknowledgeAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken);

    /// <summary>A person's acknowledgements in an organisation, newest first.</summary>
    Task<IReadOnlyList<Acknowledgement>> AcknowledgementsAsync(string organization, string userId, CancellationToken cancellationToken);

    /// <summary>The people of an organisation who acknowledged this Code version.</summary>
    Task<IReadOnlySet<string>> AcknowledgedAsync(string organization, string codeVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves <paramref name="count"/> send slots <paramref name="each"/> apart on the pace every instance shares, from
    /// <paramref name="now"/> or after the slots reserved before; returns when the first slot is.
    /// </summary>
    Task<DateTimeOffset> TakeSendSlotsAsync(int count, TimeSpan each, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what is kept about one person in the organisations of <paramref name="scope"/> (the right to erasure):
    /// their contact, their queue entries and their acknowledgements. Returns how many records went.
    /// </summary>
    Task<int> EraseUserAsync(string userId, EthicsBot.Shared.DataRights.ErasureScope scope, CancellationToken cancellationToken);

    Task<Delivery?> GetDeliveryAsync(string campaignId, string userId, CancellationToken cancellationToken);

    /// <summary>Every person of a campaign and where they stand, by name.</summary>
    Task<IReadOnlyList<Delivery>> DeliveriesAsync(string organization, string campaignId, CancellationToken cancellationToken);
}
