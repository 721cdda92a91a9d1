using System.Collections.Concurrent;
using EthicsBot.Disclosures;
using EthicsBot.Review;

namespace EthicsBot.Storage;

/// <summary>
/// Threads of the SQLite stores' own. Microsoft.Data.Sqlite does its I/O synchronously, whatever the method's name (an
/// insert with full sync waits for the disk); run on the request threads, a few slow writes would hold the threads
/// every turn needs. The stores' calls run here instead, and the turn awaits them without holding a thread.
/// </summary>
public sealed class SqliteThreads : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _tasks = new();
    private readonly Thread[] _threads;

    public SqliteThreads(int count = 4)
    {
        _threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            foreach (var task in _tasks.GetConsumingEnumerable())
                TryExecuteTask(task);
        }) { IsBackground = true, Name = $"sqlite-{i}" }).ToArray();
        foreach (var thread in _threads)
            thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> (a store call) on one of these threads.</summary>
    public Task<T> Run<T>(Func<Task<T>> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    public Task Run(Func<Task> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    protected override void QueueTask(Task task) => _tasks.Add(task);

    // Never inline onto a caller's thread: that would be the request thread this exists to spare.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _tasks];

    public override int MaximumConcurrencyLevel => _threads.Length;

    public void Dispose()
    {
        _tasks.CompleteAdding();
        foreach (var thread in _threads)
            thread.Join(TimeSpan.FromSeconds(5));
        _tasks.Dispose();
    }
}

/// <summary>The SQLite disclosure store with every call on <see cref="SqliteThreads"/>.</summary>
public sealed class OffThreadDisclosureStore(IDisclosureStore inner, SqliteThreads threads) : IDisclosureStore
{
    public Task<DialogState?> GetDialogAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.GetDialogAsync(conversationId, userId, cancellationToken));

    public Task SaveDialogAsync(DialogState state, CancellationToken cancellationToken) => threads.Run(() => inner.SaveDialogAsync(state, cancellationToken));

    public Task DeleteDialogAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.DeleteDialogAsync(conversationId, userId, cancellationToken));

    public Task<int> DeleteDialogsIdleSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        threads.Run(() => inner.DeleteDialogsIdleSinceAsync(cutoff, cancellationToken));

    public Task<Disclosure> SubmitAsync(Disclosure disclosure, CancellationToken cancellationToken) => threads.Run(() => inner.SubmitAsync(disclosure, cancellationToken));

    public Task<Disclosure?> GetAsync(string organization, string id, CancellationToken cancellationToken) => threads.Run(() => inner.GetAsync(organization, id, cancellationToken));

    public Task<IReadOnlyList<Disclosure>> ListByDiscloserAsync(string organization, string userId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.ListByDiscloserAsync(organization, userId, cancellationToken));

    public Task<DecisionResult> DecideAsync(string organization, string id, DisclosureDecision decision, CancellationToken cancellationToken) =>
        threads.Run(() => inner.DecideAsync(organization, id, decision, cancellationToken));

    public Task<IReadOnlyList<Disclosure>> ListAsync(string organization, CancellationToken cancellationToken) => threads.Run(() => inner.ListAsync(organization, cancellationToken));

    public Task<IReadOnlyList<DisclosureCount>> CountByTypeAndStatusAsync(string organization, CancellationToken cancellationToken) =>
        threads.Run(() => inner.CountByTypeAndStatusAsync(organization, cancellationToken));

    public Task<DisclosurePage> QueryAsync(DisclosureQuery query, CancellationToken cancellationToken) => threads.Run(() => inner.QueryAsync(query, cancellationToken));

    public Task<DeletedCounts> EraseUserAsync(string userId, ErasureScope scope, CancellationToken cancellationToken) =>
        threads.Run(() => inner.EraseUserAsync(userId, scope, cancellationToken));

    public Task<IReadOnlyList<Disclosure>> UnnotifiedAsync(string organization, CancellationToken cancellationToken) => threads.Run(() => inner.UnnotifiedAsync(organization, cancellationToken));

    public Task<bool> TryClaimPostAsync(string organization, string id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        threads.Run(() => inner.TryClaimPostAsync(organization, id, owner, now, leaseUntil, cancellationToken));

    public Task MarkNotifiedAsync(string organization, string id, string officeActivityId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.MarkNotifiedAsync(organization, id, officeActivityId, cancellationToken));
}

/// <summary>The SQLite office store with every call on <see cref="SqliteThreads"/>.</summary>
public sealed class OffThreadOfficeStore(IOfficeStore inner, SqliteThreads threads) : IOfficeStore
{
    public Task RecordFeedbackAsync(AnswerFeedback feedback, CancellationToken cancellationToken) => threads.Run(() => inner.RecordFeedbackAsync(feedback, cancellationToken));

    public Task<AnswerFeedback?> FeedbackAsync(string organization, string answerId, CancellationToken cancellationToken) =>
        threads.Run(() => inner.FeedbackAsync(organization, answerId, cancellationToken));

    public Task<IReadOnlyList<AnswerFeedback>> FeedbackSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken) =>
        threads.Run(() => inner.FeedbackSinceAsync(organization, since, cancellationToken));

    public Task RecordAnswerAsync(AnswerEvent answer, CancellationToken cancellationToken) => threads.Run(() => inner.RecordAnswerAsync(answer, cancellationToken));

    public Task RecordAnswersAsync(IReadOnlyList<AnswerEvent> answers, CancellationToken cancellationToken) => threads.Run(() => inner.RecordAnswersAsync(answers, cancellationToken));

    public Task<IReadOnlyList<AnswerEvent>> AnswersSinceAsync(string organization, DateTimeOffset since, CancellationToken cancellationToken) =>
        threads.Run(() => inner.AnswersSinceAsync(organization, since, cancellationToken));

    public Task<bool> QueueAsync(ReviewItem item, CancellationToken cancellationToken) => threads.Run(() => inner.QueueAsync(item, cancellationToken));

    public Task<ReviewItem?> GetItemAsync(string organization, string id, CancellationToken cancellationToken) => threads.Run(() => inner.GetItemAsync(organization, id, cancellationToken));

    public Task<IReadOnlyList<ReviewItem>> ItemsAsync(string organization, CancellationToken cancellationToken) => threads.Run(() => inner.ItemsAsync(organization, cancellationToken));

    public Task<(ReviewItem? Item, bool Changed)> UpdateItemAsync(string organization, string id, Func<ReviewItem, ReviewItem?> change, CancellationToken cancellationToken) =>
        threads.Run(() => inner.UpdateItemAsync(organization, id, change, cancellationToken));

    public Task SaveFaqAsync(FaqEntry entry, CancellationToken cancellationToken) => threads.Run(() => inner.SaveFaqAsync(entry, cancellationToken));

    public Task<FaqEntry?> GetFaqAsync(string organization, string id, CancellationToken cancellationToken) => threads.Run(() => inner.GetFaqAsync(organization, id, cancellationToken));

    public Task<IReadOnlyList<FaqEntry>> FaqAsync(string? organization, CancellationToken cancellationToken) => threads.Run(() => inner.FaqAsync(organization, cancellationToken));

    public Task<DeletedCounts> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => threads.Run(() => inner.DeleteOlderThanAsync(cutoff, cancellationToken));

    public Task<DeletedCounts> EraseAskerAsync(string userId, ErasureScope scope, CancellationToken cancellationToken) =>
        threads.Run(() => inner.EraseAskerAsync(userId, scope, cancellationToken));
}
