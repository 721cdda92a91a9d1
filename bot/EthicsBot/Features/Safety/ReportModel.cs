using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Features.Safety;

/// <summary>
/// A logistic regression over sentence embeddings: the probability that a message reports misconduct. A few lines of
/// our own rather than an ML.NET pipeline: 385 numbers, trained in a second, read without a framework, and the same
/// arithmetic in training and in the bot. Stored as <c>knowledge/intent/model.json</c> by <c>train intent</c>.
/// </summary>
public sealed record ReportModel
{
    [JsonPropertyName("encoder")] public required string Encoder { get; init; }
    [JsonPropertyName("weights")] public required float[] Weights { get; init; }
    [JsonPropertyName("bias")] public required float Bias { get; init; }
    /// <summary>At or above: the handoff.</summary>
    [JsonPropertyName("handoffAbove")] public required double HandoffAbove { get; init; }
    /// <summary>At or above (and below <see cref="HandoffAbove"/>): the answer with the handoff banner.</summary>
    [JsonPropertyName("bannerAbove")] public required double BannerAbove { get; init; }
    [JsonPropertyName("trainedOn")] public required string TrainedOn { get; init; }
    [JsonPropertyName("examples")] public int Examples { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }
    /// <summary>The thresholds' figures on out-of-fold predictions (5-fold cross-validation on the corpus).</summary>
    [JsonPropertyName("validation")] public ThresholdFigures? Validation { get; init; }

    public double Probability(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Weights.Length)
            throw new ArgumentException($"the model takes {Weights.Length}-dimensional vectors, not {vector.Length}", nameof(vector));
        return Sigmoid(System.Numerics.Tensors.TensorPrimitives.Dot(vector, Weights) + Bias);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>
    /// Full-batch gradient descent on the L2-regularised log loss, reports weighted as much as questions in total.
    /// Deterministic: the same vectors give the same model. The penalty is light (1e-4): at 1e-3 every probability was
    /// squeezed towards the middle, so everyday questions far from any report still scored 0.4–0.6 and got the banner;
    /// out of fold, 1e-4 gave the lowest banner rate at the same recall (0.167 against 0.207; 3e-4: 0.182, 3e-5: 0.172).
    /// </summary>
    public static (float[] Weights, float Bias) Train(IReadOnlyList<float[]> vectors, IReadOnlyList<bool> isReport, double l2 = 1e-4, int epochs = 3000, double rate = 2.0)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(isReport);
        var dims = vectors[0].Length;
        var w = new double[dims];
        double b = 0;
        var positives = isReport.Count(r => r);
        var negatives = isReport.Count - positives;
        var weightOf = (Positive: isReport.Count / (2.0 * Math.Max(1, positives)), Negative: isReport.Count / (2.0 * Math.Max(1, negatives)));
        var gradient = new double[dims];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            Array.Clear(gradient);
            double gradientBias = 0;
            for (var i = 0; i < vectors.Count; i++)
            {
                var x = vectors[i];
                var z = b;
                for (var d = 0; d < dims; d++)
                    z += w[d] * x[d];
                var error = (Sigmoid(z) - (isReport[i] ? 1 : 0)) * (isReport[i] ? weightOf.Positive : weightOf.Negative);
                for (var d = 0; d < dims; d++)
                    gradient[d] += error * x[d];
                gradientBias += error;
            }
            for (var d = 0; d < dims; d++)
                w[d] -= rate * (gradient[d] / vectors.Count + l2 * w[d]);
            b -= rate * gradientBias / vectors.Count;
        }
        return (w.Select(v => (float)v).ToArray(), (float)b);
    }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Reads the model file; a missing or unusable one stops the caller with a message that names it.</summary>
    public static ReportModel Load(string path, int dimensions)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"The report model {path} is missing: run `train intent` to make it.");
        ReportModel? model;
        try
        {
            model = JsonSerializer.Deserialize<ReportModel>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException)
        {
            throw new InvalidDataException($"The report model {path} is not a model file (not valid JSON of the expected shape): run `train intent` to make it anew.");
        }
        if (model is null || model.Weights is null || model.Weights.Length != dimensions || model.Weights.Any(w => !float.IsFinite(w)) || !float.IsFinite(model.Bias))
            throw new InvalidDataException($"The report model {path} is corrupt: it needs {dimensions} finite weights and a bias. Run `train intent` to make it anew.");
        if (model.BannerAbove is <= 0 or >= 1 || model.HandoffAbove is <= 0 or >= 1 || model.BannerAbove > model.HandoffAbove)
            throw new InvalidDataException($"The report model {path} has thresholds out of order: 0 < bannerAbove ≤ handoffAbove < 1.");
        return model;
    }
}
