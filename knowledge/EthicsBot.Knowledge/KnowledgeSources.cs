using System.Security.Cryptography;
using System.Text;
using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search;

namespace EthicsBot.Knowledge;

/// <summary>
/// The knowledge folder: <c>sources/</c> (the Codes as delivered, each with its <c>.meta.json</c>) and
/// <c>synonyms.txt</c>. Loading it parses every document first, so a bad one stops everything with its name.
/// </summary>
public sealed class KnowledgeSources(string root)
{
    /// <summary>Bump when the parser's output changes, so indexes kept on disk are rebuilt.</summary>
    private const string ParserVersion = "1";

    public string Root { get; } = root;

    public string SourcesPath => Path.Combine(Root, "sources");

    public string SynonymsPath => Path.Combine(Root, "synonyms.txt");

    public IReadOnlyList<KnowledgeDocument> LoadDocuments() => KnowledgeLoader.LoadDirectory(SourcesPath);

    public IReadOnlyList<Clause> LoadClauses() => LoadDocuments().SelectMany(d => d.Clauses).ToList();

    public SynonymList LoadSynonyms() => SynonymList.Load(SynonymsPath);

    public string LexiconPath => Path.Combine(Root, "lexicon.json");

    /// <summary>The concrete things staff name and the Code's categories for them (none when the file is missing).</summary>
    public ThingLexicon LoadLexicon() => ThingLexicon.Load(LexiconPath);

    /// <summary>A hash of every file the index is built from; it changes when any source, metadata or the synonyms change.</summary>
    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(ParserVersion));
        var files = Directory.Exists(SourcesPath) ? Directory.EnumerateFiles(SourcesPath).Order(StringComparer.Ordinal).ToList() : [];
        foreach (var file in files.Append(SynonymsPath).Where(File.Exists))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
