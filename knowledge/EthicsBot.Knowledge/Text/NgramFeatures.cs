namespace EthicsBot.Knowledge.Text;

/// <summary>
/// Language-independent features of a message: hashed character n-grams (1 to 5 characters) of each folded word
/// padded with a space on each side (" bribe " gives " b", "rib", "ibe "…), plus hashed word unigrams and bigrams,
/// counted and scaled to unit length. Any script, no dictionary: Arabic roots inside prefixed and suffixed words,
/// typos and French or Spanish inflections still share most of their n-grams. Hashing (FNV-1a, 2^bits buckets) keeps
/// the model a fixed size whatever the languages.
/// </summary>
public static class NgramFeatures
{
    public const int MinChars = 1;
    public const int MaxChars = 5;

    private const uint Offset = 2166136261;
    private const uint Prime = 16777619;
    private const uint CharSalt = 0x9E3779B1;
    private const uint WordSalt = 0x85EBCA77;
    private const uint PairSalt = 0xC2B2AE3D;

    /// <summary>The folded words of a text (<see cref="TextFolding"/>), "?" among them.</summary>
    public static string[] Words(string? text) => TextFolding.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The bucket of a word's unigram feature (also the key of the model's vocabulary).</summary>
    public static int WordBucket(string word, int bits) => Bucket(Hash(Offset ^ WordSalt, word), bits);

    public static SparseVector Of(string? text, int bits) => Of(Words(text), bits);

    public static SparseVector Of(IReadOnlyList<string> words, int bits)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
            return SparseVector.Empty;
        var buckets = new List<int>(words.Count * 24);
        for (var w = 0; w < words.Count; w++)
        {
            var word = words[w];
            buckets.Add(WordBucket(word, bits));
            if (w > 0)
                buckets.Add(Bucket(Hash(Hash(Hash(Offset ^ PairSalt, words[w - 1]), "\u0001"), word), bits));
            if (word == "?")
                continue;
            // Character n-grams of " word ": from each start, the hash grows one character at a time.
            var padded = $" {word} ";
            for (var start = 0; start < padded.Length; start++)
            {
                var h = Offset ^ CharSalt;
                for (var n = 1; n <= MaxChars && start + n <= padded.Length; n++)
                {
                    h = (h ^ padded[start + n - 1]) * Prime;
                    if (n >= MinChars && !(n == 1 && padded[start] == ' '))
                        buckets.Add(Bucket(h, bits));
                }
            }
        }
        buckets.Sort();
        var indices = new List<int>(buckets.Count);
        var values = new List<float>(buckets.Count);
        foreach (var b in buckets)
        {
            if (indices.Count > 0 && indices[^1] == b)
                values[^1]++;
            else
            {
                indices.Add(b);
                values.Add(1);
            }
        }
        double norm = 0;
        foreach (var v in values)
            norm += v * v;
        var scale = (float)(1 / Math.Sqrt(norm));
        var scaled = new float[values.Count];
        for (var i = 0; i < scaled.Length; i++)
            scaled[i] = values[i] * scale;
        return new SparseVector([.. indices], scaled);
    }

    private static uint Hash(uint h, string s)
    {
        foreach (var c in s)
            h = (h ^ c) * Prime;
        return h;
    }

    private static int Bucket(uint h, int bits)
    {
        h ^= h >> 15; // fold the high bits in: FNV's low bits alone mix poorly
        return (int)(h & ((1u << bits) - 1));
    }
}
