namespace EthicsBot.Knowledge.Documents;

/// <summary>A delivered Code: its file, its metadata and the clauses parsed from it.</summary>
public sealed record KnowledgeDocument(string Path, DocumentMetadata Metadata, IReadOnlyList<Clause> Clauses);

/// <summary>
/// Loads every Code in a sources folder (<c>*.txt</c> text exports and <c>*.pdf</c>, each with its <c>.meta.json</c>).
/// All documents are parsed before anything is returned, so a bad one stops ingestion before any index is touched.
/// </summary>
public static class KnowledgeLoader
{
    private static readonly string[] Extensions = [".txt", ".pdf"];

    public static IReadOnlyList<KnowledgeDocument> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new KnowledgeException(directory, "the knowledge sources folder does not exist");
        var files = Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new KnowledgeException(directory, "it holds no documents (*.txt or *.pdf)");
        var documents = files.Select(LoadDocument).ToList();
        var duplicate = documents.SelectMany(d => d.Clauses.Select(c => (c.Id, d.Path)))
            .GroupBy(x => x.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new KnowledgeException(duplicate.Last().Path, $"clause {duplicate.Key} is also defined in {Path.GetFileName(duplicate.First().Path)}");
        return documents;
    }

    public static KnowledgeDocument LoadDocument(string path)
    {
        var metadata = DocumentMetadata.Load(path);
        IReadOnlyList<string> lines;
        try
        {
            lines = Path.GetExtension(path).Equals(".pdf", StringComparison.OrdinalIgnoreCase)
                ? PdfLines.Read(path)
                : File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                       or ArgumentException or FormatException or UglyToad.PdfPig.Core.PdfDocumentFormatException)
        {
            throw new KnowledgeException(path, $"it cannot be read ({e.Message})");
        }
        return new KnowledgeDocument(path, metadata, CodeParser.Parse(lines, metadata, path));
    }
}
