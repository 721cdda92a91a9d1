using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search;

namespace EthicsBot.Knowledge.Tests.Search;

/// <summary>
/// What every clause search provider guarantees, run against each: the embedded Lucene.NET index and the Azure AI
/// Search provider (against the loopback service, and the real one when AZURE_SEARCH_ENDPOINT is set).
/// </summary>
public abstract class ClauseSearchContract
{
    /// <summary>A provider loaded with the given clauses.</summary>
    protected abstract Task<IClauseSearch> CreateAsync(IReadOnlyCollection<Clause> clauses);

    private static readonly Clause[] Clauses =
    [
        new("acme-1", "acme", "1", "Gifts", "Staff shall not accept a gift from a supplier. Minor gifts of nominal value must be disclosed.", ["https://example.org/gifts"], "ACME Code", 0),
        new("acme-2", "acme", "2", "Outside employment", "Outside employment needs prior approval. Teaching counts as outside activity.", [], "ACME Code", 1),
        new("acme-3", "acme", "3", "Media", "Only the communications team speaks to the press.", [], "ACME Code", 2),
        new("acme-4", "acme", "4", "Reporting", "Staff report breaches of the rules. Reporters are protected from retaliation.", [], "ACME Code", 3),
        new("beta-1", "beta", "1", "Gifts", "Beta staff may accept any gift from a supplier.", [], "Beta Code", 0),
    ];

    [Fact]
    public async Task Finds_the_clause_a_question_is_about_with_its_fields()
    {
        var search = await CreateAsync(Clauses);

        var hits = await search.SearchAsync(new ClauseQuery("Can I accept a gift from a supplier?", "acme", 3));

        Assert.NotEmpty(hits);
        var best = hits[0];
        Assert.Equal("acme-1", best.Clause.Id);
        Assert.Equal(("acme", "1", "Gifts", "ACME Code"), (best.Clause.Organization, best.Clause.Number, best.Clause.Title, best.Clause.DocumentTitle));
        Assert.Equal(["https://example.org/gifts"], best.Clause.Links);
        Assert.Equal(Clauses[0].Text, best.Clause.Text);
        Assert.True(best.Score > 0);
    }

    [Fact]
    public async Task Returns_only_the_organisations_clauses()
    {
        var search = await CreateAsync(Clauses);

        var acme = await search.SearchAsync(new ClauseQuery("gift supplier", "acme", 10));
        var beta = await search.SearchAsync(new ClauseQuery("gift supplier", "beta", 10));

        Assert.All(acme, h => Assert.Equal("acme", h.Clause.Organization));
        Assert.Equal(["beta-1"], beta.Select(h => h.Clause.Id));
    }

    [Fact]
    public async Task Ranks_best_first_and_returns_at_most_top()
    {
        var search = await CreateAsync(Clauses);

        var hits = await search.SearchAsync(new ClauseQuery("gift outside employment press breaches", "acme", 2));

        Assert.Equal(2, hits.Count);
        Assert.True(hits[0].Score >= hits[1].Score);
    }

    [Fact]
    public async Task Quotes_the_sentences_that_match_the_question()
    {
        var search = await CreateAsync(Clauses);

        var hits = await search.SearchAsync(new ClauseQuery("do I have to disclose a minor gift?", "acme", 1));

        Assert.Equal(["Minor gifts of nominal value must be disclosed."], hits.Single().Sentences);
    }

    [Fact]
    public async Task An_unknown_organisation_or_a_question_of_stop_words_finds_nothing()
    {
        var search = await CreateAsync(Clauses);

        Assert.Empty(await search.SearchAsync(new ClauseQuery("gift", "nobody", 5)));
        Assert.Empty(await search.SearchAsync(new ClauseQuery("what is it?", "acme", 5)));
    }

    [Fact]
    public async Task An_organisation_id_with_a_quote_is_refused_not_turned_into_filter_syntax()
    {
        var search = await CreateAsync(Clauses);

        await Assert.ThrowsAsync<ArgumentException>(() => search.SearchAsync(new ClauseQuery("gift", "acme' or organization eq 'beta", 5)));
    }

    [Fact]
    public async Task Query_syntax_in_a_question_is_taken_as_words()
    {
        var search = await CreateAsync(Clauses);

        var hits = await search.SearchAsync(new ClauseQuery("\"gift\" -supplier AND (press) OR title:media* ~ \\ /", "acme", 5));

        Assert.Contains(hits, h => h.Clause.Id == "acme-3");
        Assert.Contains(hits, h => h.Clause.Id == "acme-1");
    }

    [Theory]
    [InlineData("", "acme", 5, "empty")]
    [InlineData("gift", "ACME", 5, "not an organisation id")]
    [InlineData("gift", "acme", 0, "Top must be between")]
    public async Task Bad_queries_are_refused_with_the_problem_named(string text, string org, int top, string message)
    {
        var search = await CreateAsync(Clauses);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => search.SearchAsync(new ClauseQuery(text, org, top)));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
