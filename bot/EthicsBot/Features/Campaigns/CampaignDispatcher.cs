using System.Collections.Concurrent;
using System.Net;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// Drains the campaign queue on every instance: takes a batch of due entries with a lease, sends each person their card
/// in their personal chat at the pace all instances share (<see cref="CampaignSettings.MessagesPerSecond"/>), and
/// records what came of it. Throttling (429, with its Retry-After) is waited out by the connector client; a send that
/// still fails goes back to the queue with a growing wait, and after <see cref="CampaignSettings.MaxAttempts"/> counts as
/// failed; 403 (blocked) and 404 (gone) fail at once. Once a minute it queues the reminders that are due and finishes
/// any launch interrupted while it queued its audience.
/// A card is sent once per person and campaign: the one exception is an instance dying between the send and its record,
/// whose entries are sent again when their lease runs out.
/// </summary>
public sealed partial class CampaignDispatcher(ICampaignStore store, IConnectorClient connector, IAppInstaller installer, IOptions<CampaignSettings> options, TimeProvider time,
    ILogger<CampaignDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CampaignSettings _settings = options.Value;

    /// <summary>Who holds a lease: this instance.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private int _sent;

    /// <summary>Cards (and reminders) this instance has sent since it started.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Looks at the queue now (a campaign was launched, a joiner queued).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { } // woken already
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_settings.Send)
            return;
        await Task.Yield();
        var reminders = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                if (now >= reminders)
                {
                    var queued = await store.QueueRemindersAsync(now, stoppingToken).ConfigureAwait(false);
                    if (queued > 0)
                        LogReminders(logger, queued);
                    await FinishLaunchesAsync(stoppingToken).ConfigureAwait(false);
                    reminders = now + TimeSpan.FromMinutes(1);
                }
                if (await SendBatchAsync(stoppingToken).ConfigureAwait(false) == 0)
                    await _wake.WaitAsync(TimeSpan.FromSeconds(Math.Max(0.05, _settings.PollSeconds)), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogRoundFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, _settings.PollSeconds)), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Finishes the launches interrupted while their audience was being queued (begun over
    /// <see cref="CampaignLaunch.FinishAfter"/> ago; a very large one still queuing is finished alongside): queues whoever is missing, no one
    /// twice, and marks each fully queued. Returns how many it queued.
    /// </summary>
    public async Task<int> FinishLaunchesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var campaign in await store.QueuingAsync(now - CampaignLaunch.FinishAfter, cancellationToken).ConfigureAwait(false))
        {
            // One campaign that cannot be finished (its audience unreadable) neither stops the others nor the sending.
            try
            {
                var (_, deliveries) = await CampaignLaunch.AudienceAsync(store, campaign, now, cancellationToken).ConfigureAwait(false);
                var added = await store.EnqueueAsync(deliveries, cancellationToken).ConfigureAwait(false);
                await store.QueuedAllAsync(campaign.Organization, campaign.Id, cancellationToken).ConfigureAwait(false);
                LogLaunchFinished(logger, campaign.Id, added);
                queued += added;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFinishFailed(logger, e, campaign.Id);
            }
        }
        if (queued > 0)
            Wake();
        return queued;
    }

    /// <summary>Takes one batch and sends it at the shared pace; returns how many entries it took.</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leaseUntil = now + TimeSpan.FromSeconds(_settings.LeaseSeconds);
        var batch = await store.ClaimAsync(Owner, now, leaseUntil, Math.Max(1, _settings.BatchSize), cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
            return 0;
        var each = TimeSpan.FromSeconds(1 / Math.Max(0.01, _settings.MessagesPerSecond));
        var first = await store.TakeSendSlotsAsync(batch.Count, each, now, cancellationToken).ConfigureAwait(false);
        var campaigns = new ConcurrentDictionary<(string, string), Task<Campaign?>>();
        var started = new ConcurrentDictionary<int, bool>();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _settings.Concurrency), CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var wait = first + (each * i) - time.GetUtcNow();
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, time, token).ConfigureAwait(false);
                    // Less than half the lease left (a slow connector before it): another instance may take it soon, so
                    // this one gives it back rather than risk a second card.
                    if (time.GetUtcNow() > leaseUntil - (TimeSpan.FromSeconds(_settings.LeaseSeconds) / 2))
                        return;
                    started[i] = true;
                    var delivery = batch[i];
                    var campaign = await campaigns.GetOrAdd((delivery.Organization, delivery.CampaignId), key => store.GetAsync(key.Item1, key.Item2, CancellationToken.None)).ConfigureAwait(false);
                    await DeliverSafelyAsync(delivery, campaign).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        finally
        {
            // Stopping: what was taken and not begun goes back to the queue now rather than when the lease runs out.
            foreach (var i in Enumerable.Range(0, batch.Count).Where(i => !started.ContainsKey(i)))
                await store.ReleaseAsync(batch[i], Owner, time.GetUtcNow(), null, CancellationToken.None).ConfigureAwait(false);
        }
        return batch.Count;
    }

    /// <summary>Any failure of one person's send (the store, Graph, the connector) goes back to the queue with a growing wait, never ends the batch.</summary>
    private async Task DeliverSafelyAsync(Delivery delivery, Campaign? campaign)
    {
        try
        {
            await DeliverAsync(delivery, campaign, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            try
            {
                await FailedAsync(delivery, (e as ConnectorException)?.Status, e.GetType().Name, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception again)
            {
                LogRoundFailed(logger, again); // the store itself failing: the lease runs out and the entry is taken again
            }
        }
    }

    /// <summary>Sends one person their card (or reminder) and records what came of it.</summary>
    private async Task DeliverAsync(Delivery delivery, Campaign? campaign, CancellationToken cancellationToken)
    {
        if (campaign is not { Status: CampaignStatus.Running })
        {
            await store.ReleaseAsync(delivery, Owner, time.GetUtcNow(), null, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (campaign.DueAt <= time.GetUtcNow())
        {
            // Past its due date (a late retry or joiner): no card asks for what is already late.
            await store.ReleaseAsync(delivery, Owner, time.GetUtcNow(), DeliveryFailure.Expired, cancellationToken).ConfigureAwait(false);
            return;
        }
        var contact = await store.GetContactAsync(delivery.Organization, delivery.UserId, cancellationToken).ConfigureAwait(false);
        if (contact is { HasChat: false })
            contact = await OpenChatAsync(contact, cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            await NotReachedAsync(delivery, cancellationToken).ConfigureAwait(false);
            return;
        }
        var reminder = delivery.SentAt is not null;
        var card = CampaignCards.Ask(campaign, contact.Conversation.Locale, reminder);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Summary = reminder ? $"Reminder: {campaign.Title}" : campaign.Title,
            Attachments = [Attachment.AdaptiveCard(card.ToJson())],
        };
        try
        {
            if (!await connector.SendToAsync(contact.Conversation, activity, cancellationToken).ConfigureAwait(false))
            {
                await store.ReleaseAsync(delivery, Owner, time.GetUtcNow(), DeliveryFailure.NotInstalled, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        catch (ConnectorException e)
        {
            await FailedAsync(delivery, e.Status, "connector", cancellationToken).ConfigureAwait(false);
            return;
        }
        Interlocked.Increment(ref _sent);
        if (!await store.MarkSentAsync(delivery, Owner, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            LogLateRecord(logger, delivery.CampaignId); // the send outlasted the lease: another instance may send it too
    }

    /// <summary>
    /// A person the bot has no way to write to: with installing configured, the app is installed for them and the card
    /// waits for Teams to announce the installation (the bot then keeps their chat); otherwise, or when that cannot be
    /// done, or after the last attempt, they count as not having the app.
    /// </summary>
    private async Task NotReachedAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (installer.Enabled && delivery.Attempts < _settings.MaxAttempts && await installer.TryInstallAsync(delivery.UserId, cancellationToken).ConfigureAwait(false))
        {
            await store.ReleaseAsync(delivery, Owner, time.GetUtcNow() + TimeSpan.FromSeconds(_settings.Graph.WaitSeconds), null, cancellationToken).ConfigureAwait(false);
            return;
        }
        await store.ReleaseAsync(delivery, Owner, time.GetUtcNow(), DeliveryFailure.NotInstalled, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the personal chat of a team member who never opened the app, and keeps it; null when Teams will not (the
    /// app is not available to them), which counts as not installed.
    /// </summary>
    private async Task<StaffContact?> OpenChatAsync(StaffContact contact, CancellationToken cancellationToken)
    {
        var reference = contact.Conversation;
        if (reference is not { ServiceUrl: { Length: > 0 } serviceUrl, Bot.Id: { Length: > 0 } botId, User.Id: { Length: > 0 } member, Conversation.TenantId: { Length: > 0 } tenant })
            return null;
        // Opening the chat is a request to Teams too: it takes a slot of the shared pace of its own.
        var slot = await store.TakeSendSlotsAsync(1, TimeSpan.FromSeconds(1 / Math.Max(0.01, _settings.MessagesPerSecond)), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (slot - time.GetUtcNow() is { Ticks: > 0 } wait)
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        ConversationResourceResponse? opened;
        try
        {
            opened = await connector.CreateConversationAsync(serviceUrl, ConversationParameters.Personal(botId, member, tenant), cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (e.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }
        if (opened?.Id is not { Length: > 0 } id)
            return null;
        var withChat = contact with { Conversation = reference with { Conversation = new ConversationAccount { Id = id, ConversationType = "personal", TenantId = tenant } } };
        await store.SaveContactAsync(withChat, cancellationToken).ConfigureAwait(false);
        return withChat;
    }

    private async Task FailedAsync(Delivery delivery, HttpStatusCode? status, string what, CancellationToken cancellationToken)
    {
        DeliveryFailure? failure = status switch
        {
            HttpStatusCode.Forbidden => DeliveryFailure.Blocked,
            HttpStatusCode.NotFound => DeliveryFailure.Left,
            _ when delivery.Attempts >= _settings.MaxAttempts => DeliveryFailure.Error,
            _ => null,
        };
        var wait = TimeSpan.FromSeconds(Math.Min(3600, _settings.RetryAfterSeconds * Math.Pow(2, Math.Max(0, delivery.Attempts - 1))));
        LogSendFailed(logger, delivery.CampaignId, delivery.Attempts, what, (int?)status ?? 0, failure?.ToString() ?? $"retry in {wait.TotalSeconds:0} s");
        await store.ReleaseAsync(delivery, Owner, time.GetUtcNow() + wait, failure, cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaigns: {Count} reminder(s) queued")]
    private static partial void LogReminders(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaigns: a round of sending failed; trying again")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {Campaign}: finishing its interrupted launch failed; tried again in a minute")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception, string campaign);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign}: its launch was interrupted while queuing its audience; finished it, {Queued} more queued")]
    private static partial void LogLaunchFinished(ILogger logger, string campaign, int queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign}: a card failed (attempt {Attempt}, {What}, HTTP {Status}): {Outcome}")]
    private static partial void LogSendFailed(ILogger logger, string campaign, int attempt, string what, int status, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign}: a card was sent after its lease ran out; another instance may have sent it too (raise Campaigns:LeaseSeconds)")]
    private static partial void LogLateRecord(ILogger logger, string campaign);
}
