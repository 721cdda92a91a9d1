using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using EthicsBot.Features.Campaigns;
using EthicsBot.Shared.DataRights;
using EthicsBot.Teams.Protocol;
using static EthicsBot.Infrastructure.Storage.TableStorage;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// Campaigns, contacts, the delivery queue and acknowledgements in Azure Table Storage and Azure Storage Queues, so that
/// several instances of the bot share one campaign queue (Storage:Provider Tables). <see cref="SqliteCampaignStore"/>'s
/// semantics, the contract tests' (CampaignStoreContract).
/// <para>
/// Layout (keys escaped as every Table store does, <see cref="TableStorage.Key"/>; times in Unix milliseconds, as in the
/// SQLite store): <c>{prefix}Campaigns</c> partition = organisation, row = campaign id; <c>{prefix}CampaignContacts</c>
/// partition = organisation, row = user id; <c>{prefix}CampaignDeliveries</c> partition = campaign id, row = user id, one
/// entity per person and campaign (so a person is queued once); <c>{prefix}Acknowledgements</c> partition =
/// organisation, row = <c>{user}|{version}</c> (one per person and Code version); <c>{prefix}CampaignPace</c> one
/// entity, the send pace all instances share, moved on under its ETag.
/// </para>
/// <para>
/// The queue: the delivery entity is the truth, a message in the queue <c>{prefix}-campaigns</c> (lower case) names
/// (organisation, campaign, user) and says "look at this one". A message is received with the lease as its visibility
/// timeout and its entity taken by an ETag-conditional update (Sending, owner, lease, attempts + 1, the message's id and
/// pop receipt), so of two instances one takes it; whoever then records the send or the failure deletes the message, a
/// retry re-times it. A message whose entity is sent, failed, acknowledged, or whose campaign is stopped or gone is
/// deleted; one not yet due, held by a live lease or of a draft is made invisible until it may be. An instance that
/// dies leaves its messages to reappear when their lease runs out: that is the retake.
/// </para>
/// <para>
/// Messages can be lost (an instance dying between the entity and its message) and the callers' clock is not the
/// queue's, so each instance also sweeps, at most every <see cref="SweepEvery"/> of the callers' time, the deliveries of
/// the running campaigns (a partition each) for entries that are due, or whose lease ran out, and takes them the same
/// way. The queue spreads the work and wakes the instances quickly; the sweep makes sure nothing is stranded.
/// </para>
/// </summary>
public sealed class TableCampaignStore : ICampaignStore
{
    /// <summary>How often, in the callers' time, an instance also reads the running campaigns' deliveries for due entries.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    /// <summary>Longest a message is hidden (the service allows seven days); a later due time is looked at again then.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(6);

    private const string Queued = nameof(DeliveryState.Queued);
    private const string Sending = nameof(DeliveryState.Sending);
    private const string Sent = nameof(DeliveryState.Sent);
    private const string Running = nameof(CampaignStatus.Running);
    private const string PaceKey = "pace";
    private const int Parallelism = 16;

    private readonly TableClient _campaigns;
    private readonly TableClient _contacts;
    private readonly TableClient _deliveries;
    private readonly TableClient _acknowledgements;
    private readonly TableClient _pace;
    private readonly QueueClient _queue;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task? _created;

    /// <summary>The entries this instance holds, as it took them (with their ETag), until it records what came of them.</summary>
    private readonly ConcurrentDictionary<(string, string), TableEntity> _held = new();
    private long _nextSweep = long.MinValue;

    /// <summary>The stores' tables (<paramref name="tablePrefix"/> first) and queue; <paramref name="time"/> is the clock a retry's due time is measured against when its message is re-timed (the dispatcher's).</summary>
    public TableCampaignStore(TableServiceClient tables, QueueServiceClient queues, string tablePrefix = "ethicsbot", TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        _campaigns = tables.GetTableClient(tablePrefix + "Campaigns");
        _contacts = tables.GetTableClient(tablePrefix + "CampaignContacts");
        _deliveries = tables.GetTableClient(tablePrefix + "CampaignDeliveries");
        _acknowledgements = tables.GetTableClient(tablePrefix + "Acknowledgements");
        _pace = tables.GetTableClient(tablePrefix + "CampaignPace");
        _queue = queues.GetQueueClient(QueueName(tablePrefix));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The delivery queue's name: the table prefix in lower case and <c>-campaigns</c>.</summary>
    public static string QueueName(string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(tablePrefix);
        var name = tablePrefix.ToLowerInvariant() + "-campaigns";
        if (name.Length > 63 || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || name.Contains("--", StringComparison.Ordinal))
            throw new ArgumentException($"The table prefix '{tablePrefix}' gives no valid queue name ('{name}'): it must be a letter then letters or digits, at most 40.", nameof(tablePrefix));
        return name;
    }

    /// <summary>Creates the tables and the queue once; a failed attempt (the account unreachable) is tried again by the next call.</summary>
    private Task ReadyAsync()
    {
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
                _created = CreateAsync();
            return _created;
        }
    }

    private async Task CreateAsync()
    {
        await Task.WhenAll(new[] { _campaigns, _contacts, _deliveries, _acknowledgements, _pace }.Select(t => t.CreateIfNotExistsAsync())).ConfigureAwait(false);
        await _queue.CreateIfNotExistsAsync().ConfigureAwait(false);
    }

    private static JsonSerializerOptions Json => ProtocolJson.Options;

    private static string Id(string userId) => userId.Trim().ToLowerInvariant();

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? At(long? ms) => ms is { } value ? At(value) : null;

    private static string AcknowledgementRow(string userId, string codeVersion) => $"{Key(userId)}|{Key(codeVersion)}";

    public async Task SaveContactAsync(StaffContact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        await ReadyAsync().ConfigureAwait(false);
        var mine = contact with { UserId = Id(contact.UserId) };
        // Merged over what is stored, under its ETag: of two writers at once (two rosters), the second merges again.
        for (var attempt = 1; ; attempt++)
        {
            var found = await _contacts.GetEntityIfExistsAsync<TableEntity>(Key(mine.Organization), Key(mine.UserId), cancellationToken: cancellationToken).ConfigureAwait(false);
            var merged = mine.MergedOver(found.HasValue ? Data<StaffContact>(found.Value!) : null);
            var entity = new TableEntity(Key(mine.Organization), Key(mine.UserId)) { ["Data"] = JsonSerializer.Serialize(merged, Json) };
            try
            {
                if (found.HasValue)
                    await _contacts.UpdateEntityAsync(entity, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                else
                    await _contacts.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(5, 50), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<StaffContact?> GetContactAsync(string organization, string userId, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _contacts.GetEntityIfExistsAsync<TableEntity>(Key(organization), Key(Id(userId)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? Data<StaffContact>(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<StaffContact>> ContactsAsync(string organization, CancellationToken cancellationToken)
    {
        var contacts = await ReadAllAsync(_contacts, TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)}"), Data<StaffContact>, cancellationToken).ConfigureAwait(false);
        return [.. contacts.OrderBy(c => c.UserId, StringComparer.Ordinal)];
    }

    public async Task SaveAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        await ReadyAsync().ConfigureAwait(false);
        var entity = new TableEntity(Key(campaign.Organization), Key(campaign.Id))
        {
            ["Status"] = campaign.Status.ToString(),
            ["CodeVersion"] = campaign.CodeVersion,
            ["DueAt"] = Ms(campaign.DueAt),
            ["ReminderEveryDays"] = campaign.ReminderEveryDays,
            ["CreatedAt"] = Ms(campaign.CreatedAt),
            ["Data"] = JsonSerializer.Serialize(campaign, Json),
        };
        await _campaigns.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Campaign?> GetAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _campaigns.GetEntityIfExistsAsync<TableEntity>(Key(organization), Key(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? Data<Campaign>(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(string organization, CancellationToken cancellationToken)
    {
        var campaigns = await ReadAllAsync(_campaigns, TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)}"), Data<Campaign>, cancellationToken).ConfigureAwait(false);
        return [.. campaigns.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<Campaign>> QueuingAsync(DateTimeOffset launchedBefore, CancellationToken cancellationToken)
    {
        var running = await ReadAllAsync(_campaigns, TableClient.CreateQueryFilter($"Status eq {Running}"), Data<Campaign>, cancellationToken).ConfigureAwait(false);
        return [.. running.Where(c => c.Queuing && c.LaunchedAt < launchedBefore)];
    }

    /// <summary>Read, changed and written back on the entity's ETag: a stop written meanwhile fails the write, which reads it again.</summary>
    public async Task QueuedAllAsync(string organization, string id, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        while (true)
        {
            var found = await _campaigns.GetEntityIfExistsAsync<TableEntity>(Key(organization), Key(id), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue || Data<Campaign>(found.Value!) is not { Queuing: true } campaign)
                return;
            var entity = found.Value!;
            entity["Data"] = JsonSerializer.Serialize(campaign with { Queuing = false }, Json);
            try
            {
                await _campaigns.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
        }
    }

    /// <summary>
    /// Each person's entity is added only if absent (queued before: left as it is), a hundred at a time in one
    /// transaction of the campaign's partition (a transaction with someone queued before is redone one by one), then the
    /// messages of those added, many at once: an organisation's audience is queued in seconds, not one call after another.
    /// </summary>
    public async Task<int> EnqueueAsync(IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        await ReadyAsync().ConfigureAwait(false);
        var added = new ConcurrentBag<Delivery>();
        var chunks = deliveries.DistinctBy(d => (d.CampaignId, Id(d.UserId))).GroupBy(d => d.CampaignId).SelectMany(g => g.Chunk(100)).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            try
            {
                await _deliveries.SubmitTransactionAsync(chunk.Select(d => new TableTransactionAction(TableTransactionActionType.Add, NewEntry(d))), token).ConfigureAwait(false);
                foreach (var delivery in chunk)
                    added.Add(delivery);
            }
            catch (TableTransactionFailedException)
            {
                foreach (var delivery in chunk)
                {
                    try
                    {
                        await _deliveries.AddEntityAsync(NewEntry(delivery), token).ConfigureAwait(false);
                        added.Add(delivery);
                    }
                    catch (RequestFailedException e) when (e.Status == 409)
                    {
                    }
                }
            }
        }).ConfigureAwait(false);
        // Visible at once: whoever receives one compares the entity's due time with their own clock.
        await Parallel.ForEachAsync(added, new ParallelOptions { MaxDegreeOfParallelism = Parallelism * 4, CancellationToken = cancellationToken }, async (delivery, token) =>
            await SendMessageAsync(delivery.Organization, delivery.CampaignId, Id(delivery.UserId), TimeSpan.Zero, token).ConfigureAwait(false)).ConfigureAwait(false);
        return added.Count;
    }

    public async Task<bool> RequeueFailedAsync(string campaignId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var found = await _deliveries.GetEntityIfExistsAsync<TableEntity>(Key(campaignId), Key(Id(userId)), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value!.GetString("State") != nameof(DeliveryState.Failed))
            return false;
        var entity = found.Value;
        entity["State"] = Queued;
        entity["Attempts"] = 0;
        entity["DueAt"] = Ms(now);
        entity.Remove("Failure");
        try
        {
            await _deliveries.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false; // changed meanwhile (another instance requeued it, or it was erased)
        }
        await SendMessageAsync(entity.GetString("Organization"), campaignId, Id(userId), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static TableEntity NewEntry(Delivery delivery)
    {
        var user = Id(delivery.UserId);
        return new TableEntity(Key(delivery.CampaignId), Key(user))
        {
            ["CampaignId"] = delivery.CampaignId,
            ["Organization"] = delivery.Organization,
            ["UserId"] = user,
            ["Name"] = delivery.Name,
            ["State"] = Queued,
            ["Attempts"] = 0,
            ["DueAt"] = Ms(delivery.DueAt),
            ["Reminders"] = 0,
        };
    }

    /// <summary>
    /// Messages first (a few receives of up to 32), each judged against its entity and taken under its ETag; then, when
    /// the batch is not full and the sweep is due, the running campaigns' due entries and those whose lease ran out.
    /// </summary>
    public async Task<IReadOnlyList<Delivery>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var lease = (Owner: owner, Now: now, Until: leaseUntil);
        var campaigns = new ConcurrentDictionary<(string, string), Task<Campaign?>>();
        var taken = new List<Delivery>();
        var visibility = Clamp(leaseUntil - now, TimeSpan.FromSeconds(1));
        for (var round = 0; taken.Count < max && round < Math.Max(2, max / 16); round++)
        {
            var messages = (await _queue.ReceiveMessagesAsync(Math.Min(32, max - taken.Count), visibility, cancellationToken).ConfigureAwait(false)).Value;
            if (messages.Length == 0)
                break;
            var results = await Task.WhenAll(messages.Select(m => TakeMessageAsync(m, lease, campaigns, cancellationToken))).ConfigureAwait(false);
            taken.AddRange(results.OfType<Delivery>());
        }
        if (taken.Count < max && SweepIsDue(now))
            taken.AddRange(await SweepAsync(lease, max - taken.Count, campaigns, cancellationToken).ConfigureAwait(false));
        return [.. taken.OrderBy(d => d.DueAt)];
    }

    /// <summary>One received message: its entity taken, or the message deleted or hidden until it may be taken.</summary>
    private async Task<Delivery?> TakeMessageAsync(QueueMessage message, (string Owner, DateTimeOffset Now, DateTimeOffset Until) lease,
        ConcurrentDictionary<(string, string), Task<Campaign?>> campaigns, CancellationToken cancellationToken)
    {
        var text = message.Body.ToString();
        if (Named(text) is not { } named)
        {
            await DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            return null;
        }
        var entity = await _deliveries.GetEntityIfExistsAsync<TableEntity>(Key(named.CampaignId), Key(named.UserId), cancellationToken: cancellationToken).ConfigureAwait(false);
        var campaign = entity.HasValue
            ? await campaigns.GetOrAdd((named.Organization, named.CampaignId), key => GetAsync(key.Item1, key.Item2, CancellationToken.None)).ConfigureAwait(false)
            : null;
        var wait = entity.HasValue ? await WaitAsync(entity.Value!, campaign, lease.Now, lease.Until, cancellationToken).ConfigureAwait(false) : null;
        if (wait is null)
        {
            await DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (wait > TimeSpan.Zero)
        {
            if (wait != lease.Until - lease.Now) // received with the lease as its visibility already
                await RetimeMessageAsync(message.MessageId, message.PopReceipt, text, wait.Value, cancellationToken).ConfigureAwait(false);
            return null;
        }
        // Not taken (another instance got there first): the message stays hidden for the lease and is judged again then.
        return await TryTakeAsync(entity.Value!, lease, message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What to do with an entry now: null, never (sent, failed, acknowledged, its campaign stopped or gone: a stopped
    /// campaign is never resumed); zero, take it; otherwise look again after that long (not yet due, a live lease, a draft).
    /// </summary>
    private async Task<TimeSpan?> WaitAsync(TableEntity entity, Campaign? campaign, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var state = entity.GetString("State");
        if (campaign is null or { Status: CampaignStatus.Stopped } || state is not (Queued or Sending) || entity.GetInt64("AcknowledgedAt") is not null)
            return null;
        if (campaign.Status != CampaignStatus.Running)
            return leaseUntil - now;
        var until = At((state == Queued ? entity.GetInt64("DueAt") : entity.GetInt64("LeaseUntil")) ?? 0);
        if (until > now)
            return until - now;
        return await HasAcknowledgedAsync(campaign.Organization, entity.GetString("UserId"), campaign.CodeVersion, cancellationToken).ConfigureAwait(false) ? null : TimeSpan.Zero;
    }

    private async Task<bool> HasAcknowledgedAsync(string organization, string userId, string codeVersion, CancellationToken cancellationToken) =>
        (await _acknowledgements.GetEntityIfExistsAsync<TableEntity>(Key(organization), AcknowledgementRow(userId, codeVersion), select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue;

    /// <summary>Takes the entry as read, only if nobody changed it since (its ETag): of two instances, one gets it.</summary>
    private async Task<Delivery?> TryTakeAsync(TableEntity entity, (string Owner, DateTimeOffset Now, DateTimeOffset Until) lease, string? messageId, string? popReceipt,
        CancellationToken cancellationToken)
    {
        entity["State"] = Sending;
        entity["LeaseOwner"] = lease.Owner;
        entity["LeaseUntil"] = Ms(lease.Until);
        entity["Attempts"] = (entity.GetInt32("Attempts") ?? 0) + 1;
        Set(entity, "MessageId", messageId);
        Set(entity, "PopReceipt", popReceipt);
        try
        {
            var taken = await _deliveries.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            // Kept with its new ETag: recording the send then needs no read (a change meanwhile fails the ETag and is re-read).
            entity.ETag = taken.Headers.ETag ?? default;
            _held[(entity.PartitionKey, entity.RowKey)] = entity;
            return ToDelivery(entity);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Once every <see cref="SweepEvery"/> of the callers' time per instance; the first caller past the mark sweeps.</summary>
    private bool SweepIsDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        return now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextSweep, (now + SweepEvery).UtcTicks, next) == next;
    }

    /// <summary>
    /// The running campaigns' entries that are due or whose lease ran out (a query of each campaign's partition, at most
    /// <paramref name="max"/> read from each), oldest first, taken as a message's would be but without one.
    /// </summary>
    private async Task<List<Delivery>> SweepAsync((string Owner, DateTimeOffset Now, DateTimeOffset Until) lease, int max,
        ConcurrentDictionary<(string, string), Task<Campaign?>> campaigns, CancellationToken cancellationToken)
    {
        var running = await ReadAllAsync(_campaigns, TableClient.CreateQueryFilter($"Status eq {Running}"), Data<Campaign>, cancellationToken).ConfigureAwait(false);
        var due = new List<(TableEntity Entity, Campaign Campaign)>();
        var now = Ms(lease.Now);
        foreach (var campaign in running)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(campaign.Id)} and ((State eq {Queued} and DueAt le {now}) or (State eq {Sending} and LeaseUntil le {now}))");
            var found = 0;
            await foreach (var entity in _deliveries.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, max), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (entity.GetInt64("AcknowledgedAt") is null)
                    due.Add((entity, campaign));
                if (++found >= max)
                    break;
            }
        }
        var taken = new List<Delivery>();
        foreach (var (entity, campaign) in due.OrderBy(d => d.Entity.GetInt64("DueAt")))
        {
            if (taken.Count >= max)
                break;
            if (!await HasAcknowledgedAsync(campaign.Organization, entity.GetString("UserId"), campaign.CodeVersion, cancellationToken).ConfigureAwait(false)
                && await TryTakeAsync(entity, lease, null, null, cancellationToken).ConfigureAwait(false) is { } delivery)
                taken.Add(delivery);
        }
        return taken;
    }

    /// <summary>The person's contact and acknowledgements (partitions of the organisations in scope) and their queue entries (any campaign of those organisations).</summary>
    public async Task<int> EraseUserAsync(string userId, ErasureScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await ReadyAsync().ConfigureAwait(false);
        var user = Id(userId);
        var deleted = 0;
        foreach (var filter in InScope(scope, TableClient.CreateQueryFilter($"RowKey eq {Key(user)}")))
            deleted += await DeleteWhereAsync(_contacts, filter, cancellationToken).ConfigureAwait(false);
        // Acknowledgements' rows are "{user}|{version}": every row from "{user}|" up to "{user}}" (the next character after '|').
        foreach (var filter in InScope(scope, TableClient.CreateQueryFilter($"RowKey ge {Key(user) + "|"} and RowKey lt {Key(user) + "}"}")))
            deleted += await DeleteWhereAsync(_acknowledgements, filter, cancellationToken).ConfigureAwait(false);
        var entries = TableClient.CreateQueryFilter($"UserId eq {user}");
        foreach (var filter in scope.Organizations is null ? [entries] : scope.Organizations.Select(o => $"({entries}) and ({TableClient.CreateQueryFilter($"Organization eq {o}")})"))
            deleted += await DeleteWhereAsync(_deliveries, filter, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async Task<bool> MarkSentAsync(Delivery delivery, string owner, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (held, messageId, popReceipt) = await UpdateHeldAsync(delivery, owner, entity =>
        {
            var sentAt = entity.GetInt64("SentAt");
            entity["State"] = Sent;
            entity["SentAt"] = sentAt ?? Ms(at);
            entity["LastSentAt"] = Ms(at);
            entity["Attempts"] = 0;
            entity["Reminders"] = (entity.GetInt32("Reminders") ?? 0) + (sentAt is null ? 0 : 1);
            entity.Remove("Failure");
        }, cancellationToken).ConfigureAwait(false);
        if (held && messageId is not null && popReceipt is not null)
            await DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
        return held;
    }

    /// <summary>
    /// A failure for good: recorded, the message deleted. A retry: queued until <paramref name="dueAt"/>, its message
    /// hidden until then (by this instance's clock), or a new one added when the message is not this holder's to re-time.
    /// </summary>
    public async Task ReleaseAsync(Delivery delivery, string owner, DateTimeOffset dueAt, DeliveryFailure? failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (held, messageId, popReceipt) = await UpdateHeldAsync(delivery, owner, entity =>
        {
            entity["State"] = failure is null ? Queued : nameof(DeliveryState.Failed);
            Set(entity, "Failure", failure?.ToString());
            entity["DueAt"] = Ms(dueAt);
        }, cancellationToken).ConfigureAwait(false);
        if (!held)
            return;
        if (failure is not null)
        {
            if (messageId is not null && popReceipt is not null)
                await DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
            return;
        }
        var text = Message(delivery.Organization, delivery.CampaignId, Id(delivery.UserId));
        var wait = dueAt - _time.GetUtcNow();
        if (messageId is null || popReceipt is null || !await RetimeMessageAsync(messageId, popReceipt, text, wait, cancellationToken).ConfigureAwait(false))
            await SendMessageAsync(delivery.Organization, delivery.CampaignId, Id(delivery.UserId), wait, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the entry if <paramref name="owner"/> holds it, again on what another writer
    /// left (an acknowledgement meanwhile); the lease and the message's handle go. Returns whether it was held and the
    /// handle it had.
    /// </summary>
    private async Task<(bool Held, string? MessageId, string? PopReceipt)> UpdateHeldAsync(Delivery delivery, string owner, Action<TableEntity> change, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        _held.TryRemove((Key(delivery.CampaignId), Key(Id(delivery.UserId))), out var kept);
        for (var attempt = 1; ; attempt++)
        {
            // The entry as this instance took it (with the ETag it had then), or else as it is now.
            var entity = kept is { ETag: var tag } && tag != default ? kept : await ReadEntryAsync(delivery, cancellationToken).ConfigureAwait(false);
            kept = null;
            if (entity is null || entity.GetString("State") != Sending || entity.GetString("LeaseOwner") != owner)
                return (false, null, null);
            var (messageId, popReceipt) = (entity.GetString("MessageId"), entity.GetString("PopReceipt"));
            change(entity);
            foreach (var name in new[] { "LeaseOwner", "LeaseUntil", "MessageId", "PopReceipt" })
                entity.Remove(name);
            try
            {
                await _deliveries.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return (true, messageId, popReceipt);
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(5, 50), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TableEntity?> ReadEntryAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var found = await _deliveries.GetEntityIfExistsAsync<TableEntity>(Key(delivery.CampaignId), Key(Id(delivery.UserId)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// The open campaigns' people who were sent the card, have not acknowledged and were last written to a cadence ago:
    /// each queued again under its ETag (of two instances doing this each minute, one counts it) with a new message.
    /// </summary>
    public async Task<int> QueueRemindersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var open = await ReadAllAsync(_campaigns, TableClient.CreateQueryFilter($"Status eq {Running} and ReminderEveryDays gt {0} and DueAt gt {Ms(now)}"), Data<Campaign>, cancellationToken).ConfigureAwait(false);
        var queued = 0;
        foreach (var campaign in open)
        {
            var cutoff = Ms(now) - (campaign.ReminderEveryDays * 86_400_000L);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(campaign.Id)} and State eq {Sent} and LastSentAt le {cutoff}");
            await foreach (var entity in _deliveries.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (entity.GetInt64("AcknowledgedAt") is not null)
                    continue;
                entity["State"] = Queued;
                entity["DueAt"] = Ms(now);
                entity["Attempts"] = 0;
                try
                {
                    await _deliveries.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    continue; // queued by another instance, or changed meanwhile: looked at again next time
                }
                queued++;
                await SendMessageAsync(campaign.Organization, campaign.Id, entity.GetString("UserId"), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
        }
        return queued;
    }

    /// <summary>Added only if absent (409: the first stands and is returned); then the person's entries of every campaign of that version are marked.</summary>
    public async Task<Acknowledgement> AcknowledgeAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        await ReadyAsync().ConfigureAwait(false);
        var stored = acknowledgement with { UserId = Id(acknowledgement.UserId), At = At(Ms(acknowledgement.At)) };
        var partition = Key(stored.Organization);
        var row = AcknowledgementRow(stored.UserId, stored.CodeVersion);
        try
        {
            await _acknowledgements.AddEntityAsync(new TableEntity(partition, row)
            {
                ["Organization"] = stored.Organization, ["UserId"] = stored.UserId, ["CodeVersion"] = stored.CodeVersion,
                ["CampaignId"] = stored.CampaignId, ["Name"] = stored.Name, ["At"] = Ms(stored.At),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            stored = ToAcknowledgement((await _acknowledgements.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false)).Value);
        }
        // Every campaign of this version counts the person as done from now on (marked again when a first call stopped short).
        var campaigns = await ReadAllAsync(_campaigns, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and CodeVersion eq {stored.CodeVersion}"), Data<Campaign>, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(campaigns.Select(c => MarkAcknowledgedAsync(c.Id, stored.UserId, stored.At, cancellationToken))).ConfigureAwait(false);
        return stored;
    }

    private async Task MarkAcknowledgedAsync(string campaignId, string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var found = await _deliveries.GetEntityIfExistsAsync<TableEntity>(Key(campaignId), Key(userId), select: ["PartitionKey", "RowKey", "AcknowledgedAt"], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue || found.Value!.GetInt64("AcknowledgedAt") is not null)
                return;
            try
            {
                var mark = new TableEntity(found.Value.PartitionKey, found.Value.RowKey) { ["AcknowledgedAt"] = Ms(at) };
                await _deliveries.UpdateEntityAsync(mark, found.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 20)
            {
            }
        }
    }

    public async Task<IReadOnlyList<Acknowledgement>> AcknowledgementsAsync(string organization, string userId, CancellationToken cancellationToken)
    {
        var user = Key(Id(userId));
        // The person's rows: from "{user}|" up to "{user}}" ('}' follows '|'; an escaped id holds neither).
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)} and RowKey ge {user + "|"} and RowKey lt {user + "}"}");
        var acknowledgements = await ReadAllAsync(_acknowledgements, filter, ToAcknowledgement, cancellationToken).ConfigureAwait(false);
        return [.. acknowledgements.OrderByDescending(a => a.At).ThenBy(a => a.CodeVersion, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlySet<string>> AcknowledgedAsync(string organization, string codeVersion, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(organization)} and CodeVersion eq {codeVersion}");
        var users = await ReadAllAsync(_acknowledgements, filter, e => e.GetString("UserId"), cancellationToken, ["UserId"]).ConfigureAwait(false);
        return users.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One entity moved on under its ETag: when another instance moved it first, read again and take the slots after theirs.</summary>
    public async Task<DateTimeOffset> TakeSendSlotsAsync(int count, TimeSpan each, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var span = (long)Math.Ceiling(each.TotalMilliseconds * count);
        for (var attempt = 1; ; attempt++)
        {
            var pace = await _pace.GetEntityIfExistsAsync<TableEntity>(PaceKey, PaceKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var first = Math.Max(pace.HasValue ? pace.Value!.GetInt64("NextAt") ?? 0 : 0, Ms(now));
            var next = new TableEntity(PaceKey, PaceKey) { ["NextAt"] = first + span };
            try
            {
                if (pace.HasValue)
                    await _pace.UpdateEntityAsync(next, pace.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                else
                    await _pace.AddEntityAsync(next, cancellationToken).ConfigureAwait(false);
                return At(first);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 100)
            {
                await Task.Delay(Random.Shared.Next(1, 10 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<Delivery?> GetDeliveryAsync(string campaignId, string userId, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var entity = await _deliveries.GetEntityIfExistsAsync<TableEntity>(Key(campaignId), Key(Id(userId)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? ToDelivery(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync(string organization, string campaignId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(campaignId)} and Organization eq {organization}");
        var deliveries = await ReadAllAsync(_deliveries, filter, ToDelivery, cancellationToken).ConfigureAwait(false);
        return [.. deliveries.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.UserId, StringComparer.Ordinal)];
    }

    private async Task<List<T>> ReadAllAsync<T>(TableClient table, string filter, Func<TableEntity, T> read, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        await ReadyAsync().ConfigureAwait(false);
        var list = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(read(entity));
        return list;
    }

    private static T Data<T>(TableEntity entity) => JsonSerializer.Deserialize<T>(entity.GetString("Data"), Json)!;

    private static void Set(TableEntity entity, string name, string? value)
    {
        if (value is null)
            entity.Remove(name);
        else
            entity[name] = value;
    }

    private static Delivery ToDelivery(TableEntity entity) => new()
    {
        CampaignId = entity.GetString("CampaignId"),
        Organization = entity.GetString("Organization"),
        UserId = entity.GetString("UserId"),
        Name = entity.GetString("Name") ?? "",
        State = Enum.Parse<DeliveryState>(entity.GetString("State")),
        Attempts = entity.GetInt32("Attempts") ?? 0,
        DueAt = At(entity.GetInt64("DueAt") ?? 0),
        SentAt = At(entity.GetInt64("SentAt")),
        Reminders = entity.GetInt32("Reminders") ?? 0,
        Failure = entity.GetString("Failure") is { } failure ? Enum.Parse<DeliveryFailure>(failure) : null,
        AcknowledgedAt = At(entity.GetInt64("AcknowledgedAt")),
    };

    private static Acknowledgement ToAcknowledgement(TableEntity entity) => new()
    {
        Organization = entity.GetString("Organization"),
        UserId = entity.GetString("UserId"),
        CodeVersion = entity.GetString("CodeVersion"),
        CampaignId = entity.GetString("CampaignId"),
        Name = entity.GetString("Name") ?? "",
        At = At(entity.GetInt64("At") ?? 0),
    };

    /// <summary>A queue message: which person of which campaign (the entity says the rest).</summary>
    private static string Message(string organization, string campaignId, string userId) =>
        new JsonObject { ["organization"] = organization, ["campaignId"] = campaignId, ["userId"] = userId }.ToJsonString();

    private static (string Organization, string CampaignId, string UserId)? Named(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject o && o["organization"]?.GetValue<string>() is { } organization
                && o["campaignId"]?.GetValue<string>() is { } campaign && o["userId"]?.GetValue<string>() is { } user
                ? (organization, campaign, user)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null; // not ours: deleted
        }
    }

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan? least = null) =>
        wait < (least ?? TimeSpan.Zero) ? least ?? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;

    /// <summary>Never expires (time to live -1): a message leaves the queue when its entry is done with.</summary>
    private Task SendMessageAsync(string organization, string campaignId, string userId, TimeSpan wait, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(Message(organization, campaignId, userId), Clamp(wait), TimeSpan.FromSeconds(-1), cancellationToken);

    /// <summary>Hides the message for <paramref name="wait"/>; false when it is gone or another receiver holds it now (its pop receipt changed).</summary>
    private async Task<bool> RetimeMessageAsync(string messageId, string popReceipt, string text, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.UpdateMessageAsync(messageId, popReceipt, text, Clamp(wait), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 400 or 404)
        {
            return false;
        }
    }

    private async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 400 or 404)
        {
            // Gone already, or received again by another instance since (its lease ran out): theirs to judge.
        }
    }
}
