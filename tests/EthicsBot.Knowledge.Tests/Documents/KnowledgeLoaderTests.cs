using EthicsBot.Knowledge.Documents;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace EthicsBot.Knowledge.Tests.Documents;

public class KnowledgeLoaderTests
{
    private const string SmallCode = "1. Scope\nThis Code applies to all staff.\n\n2. Gifts\nStaff may not accept gifts (link).\n\nhttps://example.org/gifts\n";

    [Fact]
    public void Reads_a_pdf_the_test_builds_itself_with_the_same_parser()
    {
        using var folder = new TempFolder();
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        var y = 780.0;
        foreach (var line in new[]
                 {
                     "Code of Conduct", "1. Scope", "This Code applies to all staff members and", "consultants of the organisation.",
                     "2. Gifts and hospitality", "Staff shall not accept any gift from a supplier", "without prior approval.",
                 })
        {
            page.AddText(line, 11, new PdfPoint(60, y), font);
            y -= 18;
        }
        var second = builder.AddPage(PageSize.A4);
        second.AddText("3. Reporting", 11, new PdfPoint(60, 780), font);
        second.AddText("Staff report breaches to the ethics office.", 11, new PdfPoint(60, 762), font);
        var pdf = Path.Combine(folder.Path, "code.pdf");
        File.WriteAllBytes(pdf, builder.Build());
        folder.File("code.meta.json", TempFolder.Meta("acme", "ACME Code"));

        var document = KnowledgeLoader.LoadDocument(pdf);

        Assert.Equal(["acme-1", "acme-2", "acme-3"], document.Clauses.Select(c => c.Id));
        Assert.Equal(["Scope", "Gifts and hospitality", "Reporting"], document.Clauses.Select(c => c.Title));
        Assert.Equal("This Code applies to all staff members and consultants of the organisation.", document.Clauses[0].Text);
        Assert.Equal("Staff shall not accept any gift from a supplier without prior approval.", document.Clauses[1].Text);
        Assert.Equal("Staff report breaches to the ethics office.", document.Clauses[2].Text);
    }

    [Fact]
    public void A_file_that_is_not_a_readable_pdf_stops_loading_naming_the_file()
    {
        using var folder = new TempFolder();
        var pdf = folder.File("broken.pdf", "this is not a PDF at all");
        folder.File("broken.meta.json", TempFolder.Meta());

        var e = Assert.Throws<KnowledgeException>(() => KnowledgeLoader.LoadDirectory(folder.Path));

        Assert.Equal(pdf, e.File);
        Assert.Contains("cannot be read", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_without_clauses_stops_loading_of_all_documents()
    {
        using var folder = new TempFolder();
        folder.File("a.txt", SmallCode);
        folder.File("a.meta.json", TempFolder.Meta("aaa"));
        var empty = folder.File("b.txt", "Just a cover letter.\nNo paragraphs.\n");
        folder.File("b.meta.json", TempFolder.Meta("bbb"));

        var e = Assert.Throws<KnowledgeException>(() => KnowledgeLoader.LoadDirectory(folder.Path));

        Assert.Equal(empty, e.File);
        Assert.Contains("no numbered clauses", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "metadata file b.meta.json is missing")]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{"organization":"IOM Geneva","title":"T"}""", "\"organization\" must be a lower-case id")]
    [InlineData("""{"organization":"iom","title":""}""", "\"title\" is missing")]
    [InlineData("""{"organization":"iom","title":"T","sourceUrl":"not a url"}""", "\"sourceUrl\" is not an absolute URL")]
    public void Bad_or_missing_metadata_is_named(string? metadata, string reason)
    {
        using var folder = new TempFolder();
        folder.File("b.txt", SmallCode);
        if (metadata is not null)
            folder.File("b.meta.json", metadata);

        var e = Assert.Throws<KnowledgeException>(() => KnowledgeLoader.LoadDirectory(folder.Path));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains("b.", e.File, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_clause_id_in_two_documents_is_refused()
    {
        using var folder = new TempFolder();
        folder.File("a.txt", SmallCode);
        folder.File("a.meta.json", TempFolder.Meta("same"));
        folder.File("b.txt", SmallCode);
        folder.File("b.meta.json", TempFolder.Meta("same"));

        var e = Assert.Throws<KnowledgeException>(() => KnowledgeLoader.LoadDirectory(folder.Path));

        Assert.Contains("clause same-1 is also defined in a.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_sources_folder_is_refused()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<KnowledgeException>(() => KnowledgeLoader.LoadDirectory(folder.Path));
        Assert.Contains("holds no documents", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_metadata_describes_both_codes()
    {
        var documents = Repo.Sources.LoadDocuments();
        Assert.Equal(["ims", "iom"], documents.Select(d => d.Metadata.Organization));
        var iom = documents[1].Metadata;
        Assert.Equal(("IOM Standards of Conduct", "IN/15 rev.", "2014-12-01"), (iom.Title, iom.Version, iom.Date));
    }
}
