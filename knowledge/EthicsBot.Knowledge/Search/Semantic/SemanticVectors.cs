using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthicsBot.Knowledge.Documents;
using Microsoft.Extensions.AI;

namespace EthicsBot.Knowledge.Search.Semantic;

/// <summary>What a vector stands for: a clause's title, one of its sentences, or a bank question about it.</summary>
public enum VectorKind
{
    Title,
    Sentence,
    Question,
}

/// <summary>One text with its clause and kind; its vector is row <see cref="Row"/> of <see cref="SemanticVectors.Matrix"/>.</summary>
public sealed record VectorEntry(string Clause, VectorKind Kind, string Text, int Row);

/// <summary>
/// The vectors the semantic search reads: every searchable clause's title and sentences and every bank question,
/// encoded once (by <c>embed</c>, or at start when the file is missing or stale) and kept in one file,
/// <c>knowledge/vectors/semantic.bin</c>, with the fingerprint of what they were made from.
/// </summary>
public sealed class SemanticVectors
{
    private const string Magic = "EBV1";

    private SemanticVectors(string fingerprint, int dimensions, IReadOnlyList<VectorEntry> entries, float[] matrix)
    {
        Fingerprint = fingerprint;
        Dimensions = dimensions;
        Entries = entries;
        Matrix = matrix;
    }

    public string Fingerprint { get; }
    public int Dimensions { get; }
    public IReadOnlyList<VectorEntry> Entries { get; }
    public float[] Matrix { get; }

    public ReadOnlySpan<float> Vector(int row) => Matrix.AsSpan(row * Dimensions, Dimensions);

    /// <summary>Vectors made elsewhere (a synthetic corpus for measuring speed); rows must be unit length.</summary>
    public static SemanticVectors FromMatrix(IReadOnlyList<VectorEntry> entries, float[] matrix, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Length != entries.Count * dimensions)
            throw new ArgumentException($"{entries.Count} entries of {dimensions} dimensions need {entries.Count * dimensions} numbers, not {matrix.Length}.", nameof(matrix));
        return new SemanticVectors("", dimensions, entries, matrix);
    }

    /// <summary>These vectors less the entries <paramref name="drop"/> picks (a held-out split for measuring).</summary>
    public SemanticVectors Without(Func<VectorEntry, bool> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var kept = Entries.Where(e => !drop(e)).ToList();
        var matrix = new float[kept.Count * Dimensions];
        var entries = new List<VectorEntry>(kept.Count);
        foreach (var e in kept)
        {
            Vector(e.Row).CopyTo(matrix.AsSpan(entries.Count * Dimensions, Dimensions));
            entries.Add(e with { Row = entries.Count });
        }
        return new SemanticVectors(Fingerprint + "-split", Dimensions, entries, matrix);
    }

    /// <summary>The clause id the everyday office questions (no clause's) are kept under.</summary>
    public const string EverydayClause = "*everyday";

    /// <summary>The texts to encode, in a fixed order, for these clauses, this bank and these everyday questions.</summary>
    public static IReadOnlyList<VectorEntry> Plan(IEnumerable<Clause> clauses, IEnumerable<BankQuestion> bank, IEnumerable<string>? everyday = null)
    {
        var entries = new List<VectorEntry>();
        foreach (var clause in clauses.Where(c => !c.IsHeadingOnly))
        {
            entries.Add(new VectorEntry(clause.Id, VectorKind.Title, clause.Title, entries.Count));
            foreach (var sentence in SentencePicker.Sentences(clause.Text))
                entries.Add(new VectorEntry(clause.Id, VectorKind.Sentence, sentence, entries.Count));
        }
        foreach (var question in bank)
            entries.Add(new VectorEntry(question.Clause, VectorKind.Question, question.Question, entries.Count));
        foreach (var question in everyday ?? [])
            entries.Add(new VectorEntry(EverydayClause, VectorKind.Question, question, entries.Count));
        return entries;
    }

    /// <summary>What the vectors depend on: the encoder and every text, in order.</summary>
    public static string FingerprintOf(string encoder, IReadOnlyList<VectorEntry> entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(encoder + "\n"));
        foreach (var e in entries)
            hash.AppendData(Encoding.UTF8.GetBytes($"{e.Clause}\t{e.Kind}\t{e.Text}\n"));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public static async Task<SemanticVectors> EncodeAsync(IReadOnlyList<VectorEntry> entries, string encoderId,
        IEmbeddingGenerator<string, Embedding<float>> encoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var embeddings = await encoder.GenerateAsync(entries.Select(e => e.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
        var dimensions = embeddings[0].Vector.Length;
        var matrix = new float[entries.Count * dimensions];
        for (var i = 0; i < entries.Count; i++)
            Normalized(embeddings[i].Vector.Span).CopyTo(matrix.AsSpan(i * dimensions, dimensions));
        return new SemanticVectors(FingerprintOf(encoderId, entries), dimensions, entries, matrix);
    }

    /// <summary>Unit length, so a dot product is the cosine.</summary>
    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        var result = vector.ToArray();
        if (norm > 0)
            System.Numerics.Tensors.TensorPrimitives.Divide(result, norm, result);
        return result;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var header = JsonSerializer.SerializeToUtf8Bytes(new Header(Fingerprint, Dimensions, Entries.Count));
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            file.Write(Encoding.ASCII.GetBytes(Magic));
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, header.Length);
            file.Write(length);
            file.Write(header);
            var bytes = new byte[Matrix.Length * 4];
            for (var i = 0; i < Matrix.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), Matrix[i]);
            file.Write(bytes);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The vectors in the file when they were made from exactly these entries; null when missing, stale or unreadable.</summary>
    public static SemanticVectors? TryLoad(string path, string fingerprint, IReadOnlyList<VectorEntry> entries)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < 8 || Encoding.ASCII.GetString(bytes, 0, 4) != Magic)
                return null;
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
            var header = JsonSerializer.Deserialize<Header>(bytes.AsSpan(8, length));
            if (header is null || header.Fingerprint != fingerprint || header.Count != entries.Count)
                return null;
            var offset = 8 + length;
            if (bytes.Length - offset != header.Count * header.Dimensions * 4)
                return null;
            var matrix = new float[header.Count * header.Dimensions];
            for (var i = 0; i < matrix.Length; i++)
                matrix[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + i * 4));
            return new SemanticVectors(fingerprint, header.Dimensions, entries, matrix);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or IOException)
        {
            return null;
        }
    }

    private sealed record Header(string Fingerprint, int Dimensions, int Count);
}
