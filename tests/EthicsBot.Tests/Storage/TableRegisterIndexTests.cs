using Azure.Data.Tables;
using EthicsBot.Features.Disclosures;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Shared.DataRights;
using EthicsBot.Tests.Disclosures;

namespace EthicsBot.Tests.Storage;

/// <summary>
/// The register's index rows in Azure Table Storage (Azurite): built for disclosures stored before it existed, kept
/// with each decision, exact at the edges of a date range, and erased with the disclosure (they hold the answers).
/// </summary>
public sealed class TableRegisterIndexTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly string _prefix = "r" + Guid.NewGuid().ToString("N")[..12];

    private TableClient Table => azurite.Client().GetTableClient(_prefix + "Disclosures");

    private static Disclosure Gift(string giver, DateTimeOffset at, string user = "aad-user-1") => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Organization = "iom",
        FormId = "gift",
        FormTitle = "Declare a gift",
        ReferencePrefix = "GIFT",
        Noun = "gift declaration",
        Discloser = DialogHarness.Person(user),
        Answers = [new DisclosureAnswer("source", "Who gave it", giver, giver)],
        Submitted = at,
    };

    [Fact]
    public async Task Disclosures_stored_before_the_index_existed_are_indexed_on_first_query_with_their_decisions()
    {
        var store = new TableDisclosureStore(azurite.Client(), _prefix);
        var stored = new List<Disclosure>();
        for (var i = 0; i < 5; i++)
            stored.Add(await store.SubmitAsync(Gift($"Supplier {i}", Now.AddDays(-i)), default));
        await store.DecideAsync("iom", stored[3].Id, new DisclosureDecision(DisclosureStatus.Approved, "aad-office-1", "Olu", Now, ""), default);
        // As the table looked before the index: no index rows, no marker.
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("t_") >= 0 || e.RowKey == "index_v1"))
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey);

        var fresh = new TableDisclosureStore(azurite.Client(), _prefix);
        var all = await fresh.QueryAsync(new DisclosureQuery { Organizations = ["iom"] }, default);
        Assert.Equal(5, all.Total);
        Assert.Equal(stored.Select(d => d.Id), all.Items.Select(d => d.Id));
        Assert.Equal([stored[3].Id], (await fresh.QueryAsync(new DisclosureQuery { Organizations = ["iom"], Status = DisclosureStatus.Approved }, default)).Items.Select(d => d.Id));
        Assert.Equal([stored[2].Id], (await fresh.QueryAsync(new DisclosureQuery { Organizations = ["iom"], Text = "supplier 2" }, default)).Items.Select(d => d.Id));
        Assert.True((await Table.GetEntityIfExistsAsync<TableEntity>(TableDisclosureStore.Key("iom"), "index_v1")).HasValue);
        Assert.Equal(5, await CountAsync(e => e.RowKey.CompareTo("t_") >= 0 && e.RowKey.CompareTo("t`") < 0));
    }

    [Fact]
    public async Task A_date_range_holds_its_first_instant_and_not_its_last()
    {
        var store = new TableDisclosureStore(azurite.Client(), _prefix);
        var early = await store.SubmitAsync(Gift("Early", Now.AddDays(-2)), default);
        var atFrom = await store.SubmitAsync(Gift("At from", Now.AddDays(-1)), default);
        var atBefore = await store.SubmitAsync(Gift("At before", Now), default);

        var page = await store.QueryAsync(new DisclosureQuery { Organizations = ["iom"], From = Now.AddDays(-1), Before = Now }, default);
        Assert.Equal([atFrom.Id], page.Items.Select(d => d.Id));
        Assert.Equal([atBefore.Id, atFrom.Id], (await store.QueryAsync(new DisclosureQuery { Organizations = ["iom"], From = Now.AddDays(-1) }, default)).Items.Select(d => d.Id));
        Assert.Equal([early.Id], (await store.QueryAsync(new DisclosureQuery { Organizations = ["iom"], Before = Now.AddDays(-1) }, default)).Items.Select(d => d.Id));
    }

    [Fact]
    public async Task Erasing_a_person_removes_their_index_rows_with_their_disclosures_and_counts_each_disclosure_once()
    {
        var store = new TableDisclosureStore(azurite.Client(), _prefix);
        await store.SubmitAsync(Gift("Kampala Motors", Now, user: "aad-leaver"), default);
        await store.SubmitAsync(Gift("Nile Printing", Now.AddHours(-1), user: "aad-leaver"), default);
        var kept = await store.SubmitAsync(Gift("Delta Catering", Now.AddHours(-2), user: "aad-stayer"), default);

        var erased = await store.EraseUserAsync("aad-leaver", ErasureScope.Everywhere, default);

        Assert.Equal(2, erased.Disclosures);
        await foreach (var row in Table.QueryAsync<TableEntity>())
            Assert.DoesNotContain(((IDictionary<string, object>)row).Values.OfType<string>(), v => v.Contains("Kampala", StringComparison.Ordinal) || v.Contains("Nile", StringComparison.Ordinal));
        Assert.Equal([kept.Id], (await store.QueryAsync(new DisclosureQuery { Organizations = ["iom"] }, default)).Items.Select(d => d.Id));
        Assert.Equal([new DisclosureCount("gift declaration", DisclosureStatus.Submitted, 1)], await store.CountByTypeAndStatusAsync("iom", default));
    }

    [Fact]
    public async Task A_page_reads_no_further_than_the_next_match_and_says_its_total_is_a_lower_bound_until_the_end()
    {
        var store = new TableDisclosureStore(azurite.Client(), _prefix);
        var stored = new List<Disclosure>();
        for (var i = 0; i < 7; i++)
            stored.Add(await store.SubmitAsync(Gift($"Supplier {i}", Now.AddHours(-i)), default));

        var first = await store.QueryAsync(new DisclosureQuery { Organizations = ["iom"], Take = 2 }, default);
        Assert.Equal(stored.Take(2).Select(d => d.Id), first.Items.Select(d => d.Id));
        Assert.False(first.Exact);
        Assert.Equal(3, first.Total); // the page and one more: there is a next page
        var last = await store.QueryAsync(new DisclosureQuery { Organizations = ["iom"], Skip = 6, Take = 2 }, default);
        Assert.Equal([stored[6].Id], last.Items.Select(d => d.Id));
        Assert.True(last.Exact);
        Assert.Equal(7, last.Total);
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<TableEntity, bool>> filter)
    {
        var n = 0;
        await foreach (var _ in Table.QueryAsync(filter))
            n++;
        return n;
    }
}
