using EthicsBot.Knowledge.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EthicsBot.Shared.Knowledge;

/// <summary>
/// Configuration section <c>Memory</c>: how the sentence encoder gives back what a long message took (issue 25,
/// measured with benchmarks/memory.sh; see docs/scale.md, "Memory after long messages").
/// </summary>
public sealed class MemorySettings
{
    public const string Section = "Memory";

    /// <summary>
    /// ONNX Runtime's CPU memory arena for the encoder. On (the default): runs reuse its memory, and a long message's run
    /// shrinks it again when it ends (unshrunk, the arena kept a burst's peak: + 280 MB after two quick passes of
    /// benchmarks/memory.sh). Off: each run's tensors are malloc'd and freed, and the short questions' runs pay page
    /// faults for it (40–60 % more CPU a turn under load).
    /// </summary>
    public bool EncoderArena { get; set; } = true;

    /// <summary>After encoding a long message (or a batch of its parts), give the native heap's free pages back to the system.</summary>
    public bool TrimNativeHeap { get; set; } = true;

    /// <summary>The keys whose value is not true or false (checked at start, naming the key).</summary>
    public IReadOnlyList<string> Unreadable => _unreadable;

    private readonly List<string> _unreadable = [];

    /// <summary>Reads the section; a value that is not true or false is kept out and named in <see cref="Unreadable"/>.</summary>
    public void ReadFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        EncoderArena = Switch(section, nameof(EncoderArena), EncoderArena);
        TrimNativeHeap = Switch(section, nameof(TrimNativeHeap), TrimNativeHeap);
    }

    private bool Switch(IConfigurationSection section, string key, bool fallback)
    {
        var value = section[key];
        if (value is null)
            return fallback;
        if (bool.TryParse(value, out var on))
            return on;
        _unreadable.Add(key);
        return fallback;
    }
}

public static class SentenceEncoderServices
{
    /// <summary>The sentence encoder, loaded once and shared (the report screen, the search by meaning), with the <c>Memory</c> settings.</summary>
    public static IServiceCollection TryAddSentenceEncoder(this IServiceCollection services)
    {
        services.AddOptions<MemorySettings>().Configure<IConfiguration>((settings, configuration) => settings.ReadFrom(configuration));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
        {
            var memory = sp.GetRequiredService<IOptions<MemorySettings>>().Value;
            var encoder = new MiniLmEmbeddingGenerator(memory.EncoderArena, memory.TrimNativeHeap);
            // The arena is shrunk after long runs through the package's own session; a package that moved it would
            // leave the arena keeping a burst's peak, which is worth a line in the log rather than a surprise in RSS.
            if (memory.EncoderArena && !encoder.CanShrinkArena)
                sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(SentenceEncoderServices)).LogWarning(
                    "The sentence encoder cannot shrink ONNX Runtime's arena after long messages (the SentenceTransformers package has changed): memory after a burst of long messages will stay high; set Memory:EncoderArena=false to free each run's memory instead.");
            return encoder;
        });
        return services;
    }
}
