using EthicsBot.Knowledge.Text;
namespace EthicsBot.Features.Safety;

/// <summary>
/// A logistic regression over sparse vectors, ours in a few lines like <see cref="ReportModel"/>: full-batch gradient
/// descent with momentum on the L2-regularised log loss, positives weighted as much as negatives in total — within each
/// group when groups are given (the report model's languages: one language's many questions must not make another's
/// reports weigh more). Sums run in a fixed order, so the same vectors give the same weights on any machine.
/// </summary>
public static class SparseLogistic
{
    public static (float[] Weights, float Bias) Train(IReadOnlyList<SparseVector> vectors, IReadOnlyList<bool> labels, int dimensions,
        double l2 = 1e-5, int epochs = 250, double rate = 1.0, double momentum = 0.9, IReadOnlyList<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        var n = vectors.Count;
        var sampleWeight = Balanced(labels, groups);
        var w = new double[dimensions];
        var velocity = new double[dimensions];
        var gradient = new double[dimensions];
        double b = 0, velocityBias = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            Array.Clear(gradient);
            double gradientBias = 0;
            for (var i = 0; i < n; i++)
            {
                var x = vectors[i];
                var z = b;
                for (var k = 0; k < x.Indices.Length; k++)
                    z += w[x.Indices[k]] * x.Values[k];
                var error = (Sigmoid(z) - (labels[i] ? 1 : 0)) * sampleWeight[i];
                for (var k = 0; k < x.Indices.Length; k++)
                    gradient[x.Indices[k]] += error * x.Values[k];
                gradientBias += error;
            }
            for (var d = 0; d < dimensions; d++)
            {
                velocity[d] = momentum * velocity[d] - rate * (gradient[d] / n + l2 * w[d]);
                w[d] += velocity[d];
            }
            velocityBias = momentum * velocityBias - rate * gradientBias / n;
            b += velocityBias;
        }
        return (w.Select(v => (float)v).ToArray(), (float)b);
    }

    /// <summary>
    /// Each sample's weight: within its group (one group when none are given), the positives and the negatives weigh half
    /// of the group's size each; the groups keep their sizes.
    /// </summary>
    private static double[] Balanced(IReadOnlyList<bool> labels, IReadOnlyList<string>? groups)
    {
        var groupOf = groups ?? Enumerable.Repeat("", labels.Count).ToList();
        var counts = new Dictionary<(string, bool), int>();
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            counts[(groupOf[i], labels[i])] = counts.GetValueOrDefault((groupOf[i], labels[i])) + 1;
            sizes[groupOf[i]] = sizes.GetValueOrDefault(groupOf[i]) + 1;
        }
        // A group with one label only: its samples weigh as many as it has (nothing to balance against).
        return [.. Enumerable.Range(0, labels.Count).Select(i => counts.ContainsKey((groupOf[i], !labels[i]))
            ? sizes[groupOf[i]] / (2.0 * counts[(groupOf[i], labels[i])])
            : 1.0)];
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
