using System.Collections.Concurrent;

namespace EthicsBot.Infrastructure.Storage;

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
