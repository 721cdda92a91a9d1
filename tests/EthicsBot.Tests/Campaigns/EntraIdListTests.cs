using EthicsBot.Features.Campaigns;

namespace EthicsBot.Tests.Campaigns;

/// <summary>The audience's list of Entra object ids as the office pastes or uploads it: every line read or named as bad, none skipped in silence.</summary>
public sealed class EntraIdListTests
{
    private const string A = "6f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string B = "7a2d3b0f-4c5e-4f60-9b0c-1d2e3f4a5b6c";

    [Fact]
    public void One_id_a_line_each_once_lower_case()
    {
        var (ids, bad) = CampaignDraft.EntraIds($"{A.ToUpperInvariant()}\r\n\r\n{B}\n{A}\n");

        Assert.Equal([A, B], ids);
        Assert.Empty(bad);
    }

    [Fact]
    public void A_header_naming_the_id_column_chooses_that_column_of_a_csv()
    {
        var (ids, bad) = CampaignDraft.EntraIds($"Display name,Object ID,Manager object id\r\nAmina,{A},{B}\r\n\"Kofi\";{B};{A}\r\nNo id here,,");

        Assert.Equal([A, B], ids);
        Assert.Equal(["No id here,,"], bad);
    }

    [Fact]
    public void A_first_line_that_is_a_mistyped_id_is_named_not_taken_for_a_header()
    {
        var (ids, bad) = CampaignDraft.EntraIds($"{A[..^1]}x\n{B}");

        Assert.Equal([B], ids);
        Assert.Equal([$"{A[..^1]}x"], bad);
    }

    [Fact]
    public void Without_a_header_a_row_with_two_ids_is_named_rather_than_both_taken()
    {
        var (ids, bad) = CampaignDraft.EntraIds($"{A},{B}\nAmina,{B}");

        Assert.Equal([B], ids);
        Assert.Equal([$"{A},{B}"], bad);
    }
}
