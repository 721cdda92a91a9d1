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
        var marker = await Table.GetEntityIfExistsAsync<TableEntity>(TableStorage.Key("iom"), "index_v1");
        Assert.Equal(Now.AddDays(-4), marker.Value!.GetDateTimeOffset("Oldest")); // how the slices of a full read are spaced
        Assert.Equal(5, await CountAsync(e => e.RowKey.CompareTo("t_") >= 0 && e.RowKey.CompareTo("t`") < 0));
    }

    [Fact]
    public async Task Building_the_index_adds_only_missing_rows_and_removes_an_index_row_whose_disclosure_is_gone()
    {
        var store = new TableDisclosureStore(azurite.Client(), _prefix);
        var kept = await store.SubmitAsync(Gift("Kampala Motors", Now), default);
        var unindexed = await store.SubmitAsync(Gift("Nile Printing", Now.AddDays(-3)), default);
        var partition = TableStorage.Key("iom");
        // A partition as an interrupted build or an erasure racing it could leave it: no marker, one disclosure without
        // its index row, and an index row (with answers' text) whose disclosure is gone.
        await Table.DeleteEntityAsync(partition, "index_v1");
        await Table.DeleteEntityAsync(partition, TableRegisterIndex.RowKey(unindexed.Submitted, TableStorage.Key(unindexed.Id)));
        var gone = Gift("Delta Catering", Now.AddDays(-1)) with { Reference = "GIFT-2026-000099" };
        await Table.AddEntityAsync(TableRegisterIndex.Row(gone));

        var page = await new TableDisclosureStore(azurite.Client(), _prefix).QueryAsync(new DisclosureQuery { Organizations = ["iom"] }, default);

        Assert.Equal([kept.Id, unindexed.Id], page.Items.Select(d => d.Id));
        Assert.Equal(2, await CountAsync(e => e.RowKey.CompareTo("t_") >= 0 && e.RowKey.CompareTo("t`") < 0));
        await foreach (var row in Table.QueryAsync<TableEntity>())
            Assert.DoesNotContain(((IDictionary<string, object>)row).Values.OfType<string>(), v => v.Contains("Delta", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partition_of_hundreds_without_index_rows_is_indexed_in_batches_each_once()
    {
        var store = new TableDisclosureStore(azurite.Client(), _prefix);
        var stored = new List<Disclosure>();
        for (var i = 0; i < 230; i++)
            stored.Add(await store.SubmitAsync(Gift($"Supplier {i}", Now.AddHours(-i)), default));
        var partition = TableStorage.Key("iom");
        await Table.DeleteEntityAsync(partition, "index_v1");
        // Every index row gone but one: the other 229 are added, in three transactions.
        foreach (var d in stored.Where((_, i) => i != 40))
            await Table.DeleteEntityAsync(partition, TableRegisterIndex.RowKey(d.Submitted, TableStorage.Key(d.Id)));

        var batches = new BatchRequests();
        var options = new TableClientOptions();
        options.AddPolicy(batches, Azure.Core.HttpPipelinePosition.PerCall);
        var page = await new TableDisclosureStore(new TableServiceClient(azurite.ConnectionString, options), _prefix).QueryAsync(new DisclosureQuery { Organizations = ["iom"], Skip = 220, Take = 50 }, default);

        Assert.Equal(3, batches.Count); // 100 + 100 + 29, each one entity-group transaction
        Assert.Equal(stored.Skip(220).Select(d => d.Id), page.Items.Select(d => d.Id));
        Assert.Equal(230, await CountAsync(e => e.RowKey.CompareTo("t_") >= 0 && e.RowKey.CompareTo("t`") < 0));
        var marker = await Table.GetEntityAsync<TableEntity>(partition, "index_v1");
        Assert.Equal(Now.AddHours(-229), marker.Value.GetDateTimeOffset("Oldest"));
    }

    [Fact]
    public void Index_rows_go_a_hundred_to_a_transaction_and_fewer_when_their_answers_are_long()
    {
        TableEntity RowOf(int length) => TableRegisterIndex.Row(Gift(new string('é', length), Now));

        Assert.Equal([100, 100, 50], TableRegisterIndex.Batches(Enumerable.Range(0, 250).Select(_ => RowOf(10))).Select(b => b.Count));
        // 16,000 characters (the most a form keeps) written as six-byte escapes: 96 KB a row, so 35 fit under 3.5 MB.
        var batches = TableRegisterIndex.Batches(Enumerable.Range(0, 100).Select(_ => RowOf(16_000))).ToList();
        Assert.Equal(100, batches.Sum(b => b.Count));
        Assert.All(batches, b => Assert.True(b.Sum(r => 6L * r.GetString("Text").Length) < 4_000_000, $"{b.Count} rows"));
        Assert.True(batches.Count >= 3);
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

    [Fact]
    public async Task A_text_filter_or_a_page_beyond_the_first_request_reads_every_row_and_its_total_is_exact()
    {
        var store = new TableDisclosureStore(azurite.Client(), _prefix);
        var stored = new List<Disclosure>();
        for (var i = 0; i < 12; i++)
            stored.Add(await store.SubmitAsync(Gift(i % 3 == 0 ? $"Acme {i}" : $"Supplier {i}", Now.AddDays(-40 * i)), default));

        var acme = await store.QueryAsync(new DisclosureQuery { Organizations = ["iom"], Text = "ACME", Take = 2 }, default);
        Assert.True(acme.Exact);
        Assert.Equal(4, acme.Total);
        Assert.Equal([stored[0].Id, stored[3].Id], acme.Items.Select(d => d.Id));
        var deep = await store.QueryAsync(new DisclosureQuery { Organizations = ["iom"], Skip = 1_000, Take = 10 }, default);
        Assert.True(deep.Exact);
        Assert.Equal(12, deep.Total);
        Assert.Empty(deep.Items);
        var counts = await store.CountByTypeAndStatusAsync("iom", default);
        Assert.Equal([new DisclosureCount("gift declaration", DisclosureStatus.Submitted, 12)], counts);
    }

    public static TheoryData<string> Ranges() => ["all", "from", "before", "both", "type and status", "before the oldest", "from after now", "from after before"];

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task The_slices_of_a_full_read_hold_every_row_of_the_range_once_even_on_their_edges_and_outside_the_estimate(string range)
    {
        var store = new TableDisclosureStore(azurite.Client(), _prefix);
        var (oldest, newest) = (Now.AddDays(-400), Now);
        // Rows exactly on every boundary, on the estimate's ends, and outside it (older than the oldest known, newer than now).
        var times = Enumerable.Range(0, 9).Select(k => newest - (newest - oldest) * k / 8)
            .Concat([oldest.AddDays(-30), oldest.AddTicks(-1), newest.AddTicks(1), newest.AddDays(2), Now.AddDays(-123.4)]);
        var stored = new List<Disclosure>();
        foreach (var (at, i) in times.Select((t, i) => (t, i)))
        {
            var disclosure = await store.SubmitAsync(Gift($"Giver {i}", at), default);
            if (i % 2 == 0)
                disclosure = (await store.DecideAsync("iom", disclosure.Id, new DisclosureDecision(DisclosureStatus.Approved, "aad-office-1", "Olu", Now, ""), default)).Disclosure!;
            stored.Add(disclosure);
        }
        var query = range switch
        {
            "from" => new DisclosureQuery { Organizations = ["iom"], From = Now.AddDays(-100) },
            "before" => new DisclosureQuery { Organizations = ["iom"], Before = times.ElementAt(3) },
            "both" => new DisclosureQuery { Organizations = ["iom"], From = times.ElementAt(6), Before = times.ElementAt(1) },
            "type and status" => new DisclosureQuery { Organizations = ["iom"], Form = "gift", Status = DisclosureStatus.Approved },
            "before the oldest" => new DisclosureQuery { Organizations = ["iom"], Before = oldest.AddDays(-1) },
            "from after now" => new DisclosureQuery { Organizations = ["iom"], From = newest.AddDays(1) },
            "from after before" => new DisclosureQuery { Organizations = ["iom"], From = Now.AddDays(-10), Before = Now.AddDays(-20) },
            _ => new DisclosureQuery { Organizations = ["iom"] },
        };

        var read = new List<string>();
        var slices = TableRegisterIndex.Slices(TableStorage.Key("iom"), query, oldest, newest, 8);
        foreach (var filter in slices)
            await foreach (var row in Table.QueryAsync<TableEntity>(filter))
                read.Add(row.GetString("Id")!);

        // A range that reaches into the estimate is split; one wholly outside it is one range, read whole.
        Assert.Equal(range is "before the oldest" or "from after now" or "from after before" ? 1 : 8, slices.Count);
        Assert.Equal(stored.Where(query.Matches).Select(d => d.Id).Order(), read.Order()); // each once
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<TableEntity, bool>> filter)
    {
        var n = 0;
        await foreach (var _ in Table.QueryAsync(filter))
            n++;
        return n;
    }
}

/// <summary>Counts the entity-group transactions (<c>POST …/$batch</c>) a client sends.</summary>
internal sealed class BatchRequests : Azure.Core.Pipeline.HttpPipelinePolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
    {
        Note(message);
        return ProcessNextAsync(message, pipeline);
    }

    public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
    {
        Note(message);
        ProcessNext(message, pipeline);
    }

    private void Note(Azure.Core.HttpMessage message)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            Interlocked.Increment(ref _count);
    }
}
