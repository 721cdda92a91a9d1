using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Features.Answers;
using EthicsBot.Hosting;
using EthicsBot.Knowledge;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Answers;

/// <summary>
/// The search by meaning as a newcomer meets it: the kinds of question that went wrong before (a gift under a Code
/// without a gift rule, a benefit from a beneficiary, data sharing, leave), and the vector file kept in step.
/// </summary>
public sealed class SemanticSearchTests
{
    /// <summary>What `ask --json` prints, run in process: the same decision as the bot in Teams.</summary>
    internal static async Task<JsonElement> AskAsync(string question, string organization)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await EthicsBot.Cli.CommandLine.RunAsync(["ask", question, "--org", organization, "--json"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        return JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
    }

    private static string[] Clauses(JsonElement answer) => answer.GetProperty("clauses").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public void The_committed_vectors_match_the_Codes_and_the_question_bank()
    {
        var knowledge = new KnowledgeSettings { Path = Repo.Combine("knowledge") };
        var catalog = new ClauseCatalog(new KnowledgeSources(knowledge.ResolvedPath).LoadClauses());
        var (entries, fingerprint) = KnowledgeExtensions.VectorPlan(catalog, knowledge);

        Assert.NotNull(SemanticVectors.TryLoad(Repo.Combine("knowledge", "vectors", "semantic.bin"), fingerprint, entries));
        Assert.True(entries.Count(e => e.Kind == VectorKind.Question) >= 1000);
    }

    [Fact]
    public async Task A_gift_from_a_supplier_under_a_Code_without_a_gift_rule_is_not_covered_said_plainly_with_the_gift_form()
    {
        var answer = await AskAsync("Can I accept a gift from a supplier?", "ims");

        Assert.Equal("not_covered", answer.GetProperty("kind").GetString());
        Assert.Equal("ims-3.5", Clauses(answer)[0]);
        Assert.DoesNotContain("ims-3.3", Clauses(answer));
        Assert.Equal("gift", answer.GetProperty("disclosure").GetString());
        Assert.Equal("gifts and hospitality", answer.GetProperty("no_rule_on").GetString()); // the IMS Code never speaks of gifts
        Assert.StartsWith("The IMS (International Media Support) Code has no rule on gifts and hospitality as such. The closest is IMS Code of Ethics, para. 3.5", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A radio reporter wants a comment from me on the new media law. Can I talk to the press?", "ims", "speaking to the media")]
    [InlineData("Can I tweet my own opinion about the peace talks?", "ims", "social media")]
    public async Task A_question_on_a_topic_the_Code_is_silent_on_is_not_covered_said_plainly(string question, string organization, string topic)
    {
        var answer = await AskAsync(question, organization);

        Assert.Equal("not_covered", answer.GetProperty("kind").GetString());
        Assert.Equal(topic, answer.GetProperty("no_rule_on").GetString());
    }

    [Theory]
    [InlineData("One of our partner organisations wants to interview me for a job. Do I need to tell anyone?")]
    [InlineData("The supplier quoted in the tender is owned by my cousin. Should I declare it?")]
    [InlineData("My X works for a supplier that bids on our tenders. Do I need to declare it?")]
    public async Task Words_that_only_look_like_the_media_do_not_make_a_question_uncovered(string question)
    {
        var answer = await AskAsync(question, "ims");

        Assert.False(answer.TryGetProperty("no_rule_on", out var topic), $"no rule on {topic}");
    }

    [Fact]
    public async Task A_Code_that_speaks_of_the_media_is_not_said_to_lack_a_rule_on_it()
    {
        var answer = await AskAsync("A radio reporter wants a comment from me on the new migration law. Can I talk to the press?", "iom");

        Assert.False(answer.TryGetProperty("no_rule_on", out _));
    }

    [Fact]
    public async Task A_Code_with_a_gift_rule_is_not_said_to_lack_one()
    {
        var answer = await AskAsync("Can I accept a gift from a supplier?", "iom");

        Assert.Equal("iom-5.49", Clauses(answer)[0]);
        Assert.False(answer.TryGetProperty("no_rule_on", out _));
    }

    [Fact]
    public async Task A_benefit_from_a_beneficiary_is_a_gift_question_not_one_about_sexual_conduct()
    {
        var answer = await AskAsync("A beneficiary's family gave me a basket of fruit", "iom");

        Assert.Contains(Clauses(answer)[0], new[] { "iom-5.49", "iom-5.50" });
    }

    [Fact]
    public async Task Sharing_the_data_of_the_people_we_assist_finds_the_confidentiality_clause_and_offers_no_gift_form()
    {
        var answer = await AskAsync("Can I share the list of migrants we assist with a local NGO?", "iom");

        Assert.Contains("iom-5.39", Clauses(answer).Take(2));
        Assert.False(answer.TryGetProperty("disclosure", out _));
    }

    [Theory]
    [InlineData("How do I book annual leave?", "iom")]
    [InlineData("My laptop won't connect to the VPN", "iom")]
    [InlineData("When is payday?", "ims")]
    public async Task Leave_IT_and_payroll_are_not_covered_and_offer_no_form(string question, string organization)
    {
        var answer = await AskAsync(question, organization);

        Assert.Equal("not_covered", answer.GetProperty("kind").GetString());
        Assert.False(answer.TryGetProperty("disclosure", out _));
    }

    [Fact]
    public async Task Teaching_at_a_university_is_an_outside_activity()
    {
        var answer = await AskAsync("Can I teach at the university?", "iom");

        Assert.Contains(Clauses(answer)[0], new[] { "iom-5.45", "iom-5.46" });
        Assert.Equal("outside", answer.GetProperty("disclosure").GetString());
    }
}

/// <summary>The ethics office teaches the search: a published FAQ entry's question joins the bank of the clauses it rests on.</summary>
public sealed class TeachingTests
{
    [Fact]
    public async Task A_published_answer_brings_its_clause_up_for_the_same_question_in_other_words()
    {
        await using var bot = new BotFactory();
        var search = bot.Services.GetRequiredService<IClauseSearch>();
        var query = new ClauseQuery("who owns the airline miles I earn on mission travel?", "iom", 10);
        async Task<int> Rank() => (await search.SearchAsync(query)).Select(h => h.Clause.Id).ToList().IndexOf("iom-5.52") + 1;
        var before = await Rank();

        await bot.Services.GetRequiredService<EthicsBot.Features.Answers.FaqSearch>().PublishAsync(new EthicsBot.Features.Answers.FaqEntry
        {
            Id = "faq-miles", Organization = "iom", Question = "Are the airline miles from my work travel mine to keep?",
            Answer = "Miles earned on official travel belong to the Organization.", Clauses = ["iom-5.52"], Updated = DateTimeOffset.UtcNow,
        }, default);
        var after = await Rank();

        Assert.True(before is 0 or > 3, $"before: {before}");
        Assert.InRange(after, 1, 3);
    }
}

/// <summary>The answer card's first screen: short, with every clause one click away.</summary>
public sealed class AnswerCardTests : IAsyncLifetime
{
    private BotOverHttp _http = null!;

    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    [Theory]
    [InlineData("Can I accept a gift from a government official?")]
    [InlineData("My wife owns a company that wants to bid on our tender, what should I do?")]
    [InlineData("Can I post about politics on my personal Facebook?")]
    [InlineData("What happens if I don't sign the code of conduct?")]
    public async Task The_first_screen_holds_at_most_900_characters_and_the_other_clauses_are_one_click_away(string question)
    {
        await _http.SendAsync(Activities.Message(_http.Connector.ServiceUrl, question));

        var card = JsonNode.Parse((await _http.Connector.WaitForAsync("message")).Single().Card!.Value.GetRawText())!;
        Assert.InRange(CardScreen.VisibleCharacters(JsonDocument.Parse(card.ToJsonString()).RootElement), 1, BotCards.FirstScreenCharacters);
        var hidden = card["body"]!.AsArray().OfType<JsonObject>().Where(e => e["isVisible"]?.GetValue<bool>() == false).ToList();
        var toggles = card["body"]!.AsArray().OfType<JsonObject>().SelectMany(e => e["actions"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(a => a["type"]!.GetValue<string>() == "Action.ToggleVisibility").ToList();
        if (hidden.Count > 0)
            Assert.Equal(hidden[0]["id"]!.GetValue<string>(), Assert.Single(toggles)["targetElements"]![0]!.GetValue<string>());
    }
}

/// <summary>What a newcomer tries first: who the bot is, what it can do, and a question in another language.</summary>
public sealed class FirstContactTests
{
    private static Task<JsonElement> AskAsync(string question, string organization) => SemanticSearchTests.AskAsync(question, organization);

    [Fact]
    public async Task Who_are_you_gets_who_the_bot_is_not_the_help()
    {
        var text = (await AskAsync("who are you?", "iom")).GetProperty("text").GetString()!;

        Assert.Contains("I'm EthicsBot", text, StringComparison.Ordinal);
        Assert.Contains("not a person", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ims", false)]
    [InlineData("iom", true)]
    public async Task Help_names_only_the_forms_the_organisation_has(string organization, bool hasOutsideActivity)
    {
        var text = (await AskAsync("help", organization)).GetProperty("text").GetString()!;

        Assert.Contains("conflict of interest", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(hasOutsideActivity, text.Contains("outside activit", StringComparison.OrdinalIgnoreCase));
    }
}
