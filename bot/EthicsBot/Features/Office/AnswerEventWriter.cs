using System.Threading.Channels;

namespace EthicsBot.Features.Office;

/// <summary>
/// Writes the insights' answer events behind the reply, in batches: a turn hands its event over and goes on, and the
/// writer stores what has gathered every <see cref="FlushEvery"/> in one write (one transaction in SQLite, entity-group
/// transactions in Table Storage). Flushed before the insights are read and when the bot stops; a failed write is
/// retried. A crash loses at most the events of the last <see cref="FlushEvery"/> (counts for the insights, nothing a
/// person is waiting for); disclosures and everything else stay written in their turn.
/// </summary>
public sealed partial class AnswerEventWriter(IOfficeStore store, ILogger<AnswerEventWriter> logger) : BackgroundService
{
    /// <summary>How long events gather before they are written.</summary>
    public static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(250);

    private const int MaxBatch = 500;
    private readonly Channel<AnswerEvent> _events = Channel.CreateUnbounded<AnswerEvent>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Queues the event; it is stored within <see cref="FlushEvery"/>.</summary>
    public void Record(AnswerEvent answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _events.Writer.TryWrite(answer);
    }

    /// <summary>Stores every event recorded before this call.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_events.Reader.TryPeek(out _))
                await WriteBatchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _events.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await Task.Delay(FlushEvery, stoppingToken).ConfigureAwait(false);
                try
                {
                    await FlushAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogWriteFailed(logger, e.GetType().Name, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The turns have drained by now (the turn queue stops first): what is left is written.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWriteFailed(logger, e.GetType().Name, e.Message);
        }
    }

    /// <summary>Writes up to <see cref="MaxBatch"/> events; they leave the queue only once stored.</summary>
    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<AnswerEvent>(MaxBatch);
        while (batch.Count < MaxBatch && _events.Reader.TryRead(out var answer))
            batch.Add(answer);
        try
        {
            await store.RecordAnswersAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not lost: back in the queue for the next attempt.
            foreach (var answer in batch)
                _events.Writer.TryWrite(answer);
            throw;
        }
    }

    public override void Dispose()
    {
        _writing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer events could not be written ({Error}: {Problem}); they are kept and retried.")]
    private static partial void LogWriteFailed(ILogger logger, string error, string problem);
}
