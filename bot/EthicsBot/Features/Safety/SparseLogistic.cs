namespace EthicsBot.Features.Safety;

/// <summary>
/// A logistic regression over sparse vectors, ours in a few lines like <see cref="ReportModel"/>: full-batch gradient
/// descent with momentum on the L2-regularised log loss, positives weighted as much as negatives in total. Sums run
/// in a fixed order, so the same vectors give the same weights on any machine.
/// </summary>
public static class SparseLogistic
{
    public static (float[] Weights, float Bias) Train(IReadOnlyList<SparseVector> vectors, IReadOnlyList<bool> labels, int dimensions,
        double l2 = 1e-5, int epochs = 250, double rate = 1.0, double momentum = 0.9)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        var n = vectors.Count;
        var positives = labels.Count(l => l);
        var (positiveWeight, negativeWeight) = (n / (2.0 * Math.Max(1, positives)), n / (2.0 * Math.Max(1, n - positives)));
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
                var error = (Sigmoid(z) - (labels[i] ? 1 : 0)) * (labels[i] ? positiveWeight : negativeWeight);
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

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
