using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace EthicsBot.Knowledge.Documents;

/// <summary>Reads a PDF into the same kind of lines as the delivered text exports: each page's text, then its link URLs.</summary>
public static class PdfLines
{
    public static IReadOnlyList<string> Read(string path)
    {
        var lines = new List<string>();
        using var document = PdfDocument.Open(path);
        foreach (var page in document.GetPages())
        {
            lines.AddRange(ContentOrderTextExtractor.GetText(page).Split('\n').Select(l => l.TrimEnd('\r')));
            lines.Add("");
            var urls = page.GetHyperlinks().Select(h => h.Uri).Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
            if (urls.Count > 0)
            {
                lines.AddRange(urls!);
                lines.Add("");
            }
        }
        return lines;
    }
}
