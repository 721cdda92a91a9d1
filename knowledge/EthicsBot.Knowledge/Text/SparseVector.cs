namespace EthicsBot.Knowledge.Text;

/// <summary>A feature vector by its non-zero entries: bucket indices in ascending order and their values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    /// <summary>The dot product with dense weights.</summary>
    public double Dot(ReadOnlySpan<float> weights)
    {
        double sum = 0;
        for (var k = 0; k < Indices.Length; k++)
            sum += weights[Indices[k]] * Values[k];
        return sum;
    }
}
