using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Tests.Documents;

public class CodeParserTests
{
    private static Clause Clause(string id) => Repo.Clauses.Single(c => c.Id == id);

    [Fact]
    public void Ims_code_yields_every_numbered_clause_in_order()
    {
        var ids = Repo.Clauses.Where(c => c.Organization == "ims").Select(c => c.Id);
        Assert.Equal(
            ["ims-1", "ims-1.1", "ims-1.2", "ims-1.3", "ims-2", "ims-3", "ims-3.1", "ims-3.2", "ims-3.3", "ims-3.4", "ims-3.5", "ims-3.6", "ims-3.7"],
            ids);
    }

    [Fact]
    public void Iom_code_yields_every_numbered_paragraph_in_order()
    {
        var expected = new[] { "iom-1.0", "iom-2.0", "iom-3.0", "iom-4.0", "iom-5.0" }
            .Concat(Enumerable.Range(1, 54).Select(n => $"iom-5.{n}"));
        Assert.Equal(expected, Repo.Clauses.Where(c => c.Organization == "iom").Select(c => c.Id));
    }

    [Theory]
    [InlineData("ims-1", "Introduction")]
    [InlineData("ims-1.2", "Why Ethics matter?")]
    [InlineData("ims-3.1", "Conflict of Interest")]
    [InlineData("ims-3.5", "Anti-corruption and financial integrity")]
    [InlineData("iom-1.0", "Purpose")]
    [InlineData("iom-4.0", "Introduction")]
    [InlineData("iom-5.1", "Foreword")]
    [InlineData("iom-5.16", "Freedom from harassment")]
    [InlineData("iom-5.42", "Personal conduct of IOM staff members")]
    [InlineData("iom-5.49", "Gifts, honours and remuneration from outside sources")]
    [InlineData("iom-5.53", "Gifts, honours and remuneration from outside sources")]
    [InlineData("iom-5.54", "Conclusion")]
    public void Titles_are_the_clause_heading_or_the_section_heading_above(string id, string title) =>
        Assert.Equal(title, Clause(id).Title);

    [Fact]
    public void Page_break_in_mid_sentence_is_joined()
    {
        var text = Clause("ims-3.3").Text;
        Assert.Contains("is legal in the country of work. IMS, furthermore, forbids sexual activity with persons under the age of 18", text);
        Assert.DoesNotContain("http", text);
    }

    [Fact]
    public void Link_markers_are_removed_and_each_url_kept_with_its_clause()
    {
        Assert.Equal(["https://ims2.sharepoint.com/:b:/r/IMS%20Key%20Files/IMS%20Conflict%20of%20Interest%20policy.pdf?csf=1&web=1&e=claqtb"], Clause("ims-3.1").Links);
        Assert.Equal(
            ["https://ims2.sharepoint.com/:b:/r/IMS%20Key%20Files/IT%20Policy%20.pdf?csf=1&web=1&e=yiIZJ3",
             "https://ims2.sharepoint.com/:b:/r/IMS%20Key%20Files/Policy%20for%20Protection%20of%20Personal%20Identifiable%20Information.pdf?csf=1&web=1&e=0FLfaM"],
            Clause("ims-3.6").Links);
        Assert.Equal(
            ["https://www.mediasupport.org/about/report-misconduct/",
             "https://ims2.sharepoint.com/:b:/r/IMS%20Key%20Files/IMS%20Whistleblower%20Policy.pdf?csf=1&web=1&e=cLeJp1"],
            Clause("ims-3.7").Links);
        Assert.Single(Clause("ims-2").Links);
        Assert.Contains("Global%20Strategy", Clause("ims-2").Links[0], StringComparison.Ordinal);
        Assert.Contains("Embodied in IMS’ Conflict of Interest Policy, we avoid situations", Clause("ims-3.1").Text);
        Assert.DoesNotContain("(link)", string.Concat(Repo.Clauses.Select(c => c.Text)));
        Assert.Equal(11, Repo.Clauses.Sum(c => c.Links.Count)); // 1 + 4 + 6 URLs listed after the three pages
    }

    [Fact]
    public void A_hyperlink_without_a_marker_goes_to_the_clause_whose_words_it_shares()
    {
        // "documents available on Wire Files" in clause 1 is a hyperlink; the export lists its URL after the page.
        Assert.Equal(["https://ims2.sharepoint.com/IMS%20Key%20Files/Forms/IMS%20Files%20Full%20View.aspx"], Clause("ims-1").Links);
        Assert.Empty(Clause("ims-1.3").Links);
    }

    [Fact]
    public void Lettered_items_extracted_as_a_column_are_put_back_with_their_text()
    {
        var text = Clause("iom-5.1").Text;
        Assert.Contains("IOM:\na) assists States in meeting the operational challenges of migration\nb) advances understanding of migration issues", text);
        Assert.Contains("d) upholds the dignity and well-being of migrants", text);
        Assert.StartsWith("In implementing its mandate", Clause("iom-5.2").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lettered_sub_items_and_footnotes_belong_to_their_paragraph()
    {
        var text = Clause("iom-5.42").Text;
        Assert.Contains("\n(b) Sexual activity with children (persons under the age of 18) is prohibited", text);
        Assert.Contains("home countries or duty stations. This prohibition extends to the use of prostitution outside working hours", text);
        Assert.Contains("sexual abuse (SEA) of beneficiaries.[1] Abusive", text);
        Assert.EndsWith("[1] For the purpose of this document, “sexual exploitation” means any actual or attempted abuse of a position of vulnerability, differential power, or trust, for sexual purposes, including, but not limited to, profiting monetarily, socially or politically from the sexual exploitation of another, and the term “sexual abuse” means the actual or threatened physical intrusion of a sexual nature, whether by force or under unequal or coercive conditions.", text);
        Assert.StartsWith("Privileges and immunities", Clause("iom-5.43").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Clause_text_is_clean()
    {
        Assert.Equal("This document contains the Organization’s Standards of Conduct.", Clause("iom-1.0").Text);
        Assert.Equal("This Instruction is effective 1 December 2014.", Clause("iom-3.0").Text);
        Assert.Equal("Loyalty entails placing the good of the Organization above personal, national or other interests.", Clause("iom-5.10").Text);
        Assert.StartsWith("Openness and transparency in relations with the media", Clause("iom-5.38").Text, StringComparison.Ordinal);
        Assert.Contains("Nor should staff members interfere in the policies or affairs of Governments.", Clause("iom-5.31").Text);
        Assert.All(Repo.Clauses, c => Assert.DoesNotContain("  ", c.Text, StringComparison.Ordinal));
        Assert.EndsWith("as expressed in IMS’ Gender and Diversity policy.", Clause("ims-3.4").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Clauses_carry_their_document_and_organisation()
    {
        var clause = Clause("iom-5.49");
        Assert.Equal(("iom", "5.49", "IOM Standards of Conduct"), (clause.Organization, clause.Number, clause.DocumentTitle));
        Assert.Equal("IMS Code of Ethics", Clause("ims-3.7").DocumentTitle);
    }

    [Theory]
    [InlineData(new[] { 1, 0 }, new[] { 2, 0 }, true)]
    [InlineData(new[] { 5, 0 }, new[] { 5, 1 }, true)]
    [InlineData(new[] { 5, 9 }, new[] { 5, 10 }, true)]
    [InlineData(new[] { 1, 3 }, new[] { 2 }, true)]
    [InlineData(new[] { 3 }, new[] { 3, 1 }, true)]
    [InlineData(new[] { 1, 0 }, new[] { 1 }, false)]
    [InlineData(new[] { 5, 42 }, new[] { 1 }, false)]
    [InlineData(new[] { 5, 3 }, new[] { 5, 5 }, false)]
    [InlineData(new[] { 2, 0 }, new[] { 1954 }, false)]
    public void Paragraph_numbers_must_follow_one_another(int[] previous, int[] next, bool follows) =>
        Assert.Equal(follows, CodeParser.Follows(previous, next));

    [Fact]
    public void A_document_without_numbered_clauses_is_refused_by_name()
    {
        var e = Assert.Throws<KnowledgeException>(() =>
            CodeParser.Parse(["Minutes of the meeting", "", "Nothing numbered here."], new DocumentMetadata("x", "X", null, null, null), "minutes.txt"));
        Assert.Equal("minutes.txt", e.File);
        Assert.Contains("no numbered clauses", e.Message, StringComparison.Ordinal);
    }
}
