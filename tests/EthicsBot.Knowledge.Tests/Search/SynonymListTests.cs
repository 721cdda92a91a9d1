using EthicsBot.Knowledge.Search;

namespace EthicsBot.Knowledge.Tests.Search;

public class SynonymListTests
{
    private static IReadOnlyList<string> Expanded(SynonymList list, string question) =>
        QueryPlan.Create(question, list, 1f).Expansions.Select(e => string.Join(' ', e.Terms)).ToList();

    [Fact]
    public void One_way_rules_add_the_code_words_and_keep_the_question_words()
    {
        var list = SynonymList.Parse(["side job, moonlighting => outside employment"], "s.txt");

        var plan = QueryPlan.Create("Is moonlighting ok?", list, 0.8f);

        Assert.Equal(["moonlight"], plan.Terms);
        Assert.Equal(["outsid employ"], plan.Expansions.Select(e => string.Join(' ', e.Terms)));
        Assert.Equal(0.8f, plan.Expansions[0].Weight);
    }

    [Fact]
    public void Equivalence_rules_work_both_ways_and_multi_word_matches_weigh_more()
    {
        var list = SynonymList.Parse(["present, gift, side job"], "s.txt");

        Assert.Equal(["gift", "side job"], Expanded(list, "a present"));
        Assert.Equal(["present", "gift"], Expanded(list, "my side job"));
        Assert.True(QueryPlan.Create("my side job", list, 1f).Expansions[0].Weight > 1f);
    }

    [Fact]
    public void Rules_match_the_words_as_written_including_stop_words()
    {
        var list = SynonymList.Parse(["asked me to => instruction"], "s.txt");

        Assert.Empty(Expanded(list, "can I ask for leave?"));
        Assert.Equal(["instruct"], Expanded(list, "my boss asked me to lie"));
    }

    [Theory]
    [InlineData("gift", "line 2 needs two or more phrases")]
    [InlineData("a => b => c", "line 2 has more than one \"=>\"")]
    [InlineData("present => the", "line 2: \"the\" has no words a search could use")]
    [InlineData("=> gift", "line 2 needs two or more phrases")]
    public void Bad_lines_are_named(string line, string message)
    {
        var e = Assert.Throws<KnowledgeException>(() => SynonymList.Parse(["# comment", line], "synonyms.txt"));
        Assert.Equal("synonyms.txt", e.File);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_list_covers_the_words_the_issue_names()
    {
        var list = Repo.Sources.LoadSynonyms();

        Assert.Contains("gift", Expanded(list, "a present"));
        Assert.Contains("outsid employ", Expanded(list, "a side job"));
        Assert.Contains("media", Expanded(list, "the press"));
        Assert.Contains("corrupt", Expanded(list, "a bribe"));
        Assert.Equal(list.SolrLines.Count, File.ReadAllLines(Repo.Sources.SynonymsPath).Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')));
    }
}
