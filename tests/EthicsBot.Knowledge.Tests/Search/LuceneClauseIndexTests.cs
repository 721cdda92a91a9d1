using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Lucene;

namespace EthicsBot.Knowledge.Tests.Search;

public sealed class LuceneContractTests : ClauseSearchContract, IDisposable
{
    private readonly List<LuceneClauseIndex> _indexes = [];

    protected override Task<IClauseSearch> CreateAsync(IReadOnlyCollection<Clause> clauses)
    {
        var index = LuceneClauseIndex.BuildInMemory(clauses, Repo.Sources.LoadSynonyms());
        _indexes.Add(index);
        return Task.FromResult<IClauseSearch>(index);
    }

    public void Dispose() => _indexes.ForEach(i => i.Dispose());
}

public class LuceneClauseIndexTests
{
    private static readonly Clause[] TwoClauses =
    [
        new("t-1", "t", "1", "Gifts", "Staff shall not accept gifts.", [], "T", 0),
        new("t-2", "t", "2", "Media", "Only the press office speaks to journalists.", [], "T", 1),
    ];

    [Fact]
    public void Staff_words_find_the_code_words_through_the_synonym_list()
    {
        using var index = LuceneClauseIndex.BuildInMemory(Repo.Clauses, Repo.Sources.LoadSynonyms());

        string Top(string question, string org) => index.Search(new ClauseQuery(question, org, 1)).Single().Clause.Id;

        Assert.Equal("iom-5.45", Top("Can I have a side job on weekends?", "iom"));
        Assert.Equal("iom-5.38", Top("A journalist called me, what should I tell them?", "iom"));
        Assert.Equal("ims-3.5", Top("Someone offered me a bribe", "ims"));
        Assert.Equal("ims-3.6", Top("What is the IT policy?", "ims"));
    }

    [Fact]
    public void Without_the_synonym_list_staff_words_miss()
    {
        using var plain = LuceneClauseIndex.BuildInMemory(Repo.Clauses, SynonymList.Empty);

        var hits = plain.Search(new ClauseQuery("Can I have a side job on weekends?", "iom", 3));

        Assert.DoesNotContain(hits, h => h.Clause.Id == "iom-5.45");
    }

    [Fact]
    public void Heading_only_clauses_are_not_searched()
    {
        using var index = LuceneClauseIndex.BuildInMemory(Repo.Clauses, Repo.Sources.LoadSynonyms());

        var hits = index.Search(new ClauseQuery("standards of conduct", "iom", 50));

        Assert.DoesNotContain(hits, h => h.Clause.Id == "iom-5.0");
        Assert.Equal(Repo.Clauses.Count - 1, index.ClauseCount);
    }

    [Fact]
    public void An_index_on_disk_is_reused_while_the_sources_are_unchanged_and_rebuilt_when_they_change()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "index");
        var loads = 0;
        IReadOnlyCollection<Clause> Load()
        {
            loads++;
            return TwoClauses;
        }

        using (var first = LuceneClauseIndex.OpenOrBuild(path, "v1", Load, SynonymList.Empty))
            Assert.True(first.WasRebuilt);
        using (var second = LuceneClauseIndex.OpenOrBuild(path, "v1", Load, SynonymList.Empty))
        {
            Assert.False(second.WasRebuilt);
            Assert.Equal("t-2", second.Search(new ClauseQuery("journalists", "t")).Single().Clause.Id);
        }
        using (var third = LuceneClauseIndex.OpenOrBuild(path, "v2", Load, SynonymList.Empty))
            Assert.True(third.WasRebuilt);
        Assert.Equal(2, loads);
    }

    [Fact]
    public void A_failed_rebuild_leaves_the_previous_index_in_place()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "index");
        LuceneClauseIndex.OpenOrBuild(path, "v1", () => TwoClauses, SynonymList.Empty).Dispose();

        Assert.Throws<KnowledgeException>(() =>
            LuceneClauseIndex.OpenOrBuild(path, "v2", () => throw new KnowledgeException("bad.txt", "no numbered clauses were found in it"), SynonymList.Empty));
        Assert.Throws<KnowledgeException>(() => LuceneClauseIndex.OpenOrBuild(path, "v3", () => [], SynonymList.Empty));

        using var reopened = LuceneClauseIndex.OpenOrBuild(path, "v1", () => throw new InvalidOperationException("must not rebuild"), SynonymList.Empty);
        Assert.False(reopened.WasRebuilt);
        Assert.Equal(2, reopened.ClauseCount);
    }
}
