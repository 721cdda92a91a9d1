using EthicsBot.Features.Answers;
using EthicsBot.Knowledge.Search;
using EthicsBot.Tests.Disclosures;

namespace EthicsBot.Tests.Answers;

/// <summary>The shipped topics (<c>knowledge/topics.json</c>) against the shipped Codes: what IMS's Code has no rule on.</summary>
public class TopicCoverageTests
{
    private static readonly TopicCoverage Topics = TopicCoverage.Load(Repo.Combine("knowledge", "topics.json"), DialogHarness.ClauseCatalog,
        ThingLexicon.Load(Repo.Combine("knowledge", "lexicon.json")));

    [Theory]
    [InlineData("Can I campaign for a candidate in the city elections?", "political activity")]
    [InlineData("May I join a protest against the new media law on my day off?", "political activity")]
    [InlineData("Can I run for the municipal council?", "political activity")]
    [InlineData("Can I become mayor of my town while working for IMS?", "political activity")]
    [InlineData("Does the Code apply to me if I run for city council?", "political activity")] // the asker's own case, not the Code's scope
    [InlineData("I want to do some freelance work for a newspaper at weekends. Is that ok?", "outside work")]
    [InlineData("A partner gave me a bottle of wine. Can I keep it?", "gifts and hospitality")]
    public void A_topic_the_IMS_Code_has_no_rule_on_is_named(string question, string topic) =>
        Assert.Equal(topic, Topics.NoRuleOn(question, "ims"));

    [Theory]
    // Elections and campaigns are a media organisation's work, not the asker's politics.
    [InlineData("We're hiring a printing house for the election-reporting handbooks. Do they have to sign up to our Code of Ethics?")]
    [InlineData("Our awareness campaign on press freedom needs a budget line. Which clause covers conflicts with the printer?")]
    // Whom the Code binds is the Code's scope, whatever the asker's work is called.
    [InlineData("I'm a freelance trainer contracted by IMS for a two-week course. Does the Code of Ethics apply to me?")]
    [InlineData("i'm freelance media trainer on 2 week contract with IMS. this code of ethics apply for me also or only permanent staff?")]
    public void Media_work_and_the_codes_scope_name_no_topic(string question) =>
        Assert.Null(Topics.NoRuleOn(question, "ims"));

    [Fact]
    public void The_IOM_Code_speaks_of_every_topic_but_none() =>
        Assert.Null(Topics.NoRuleOn("Can I campaign for a candidate in the city elections?", "iom"));
}
