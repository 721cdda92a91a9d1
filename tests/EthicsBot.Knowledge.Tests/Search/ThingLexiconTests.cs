using EthicsBot.Knowledge.Search;

namespace EthicsBot.Knowledge.Tests.Search;

/// <summary>The concrete things staff name, said in the Code's words when they were given from outside.</summary>
public class ThingLexiconTests
{
    private static readonly ThingLexicon Lexicon = new(
        [
            new ThingLexicon.Category("gift", "a gift", ["gift", "bottle of whisky", "whisky", "phone", "laptop", "box of dates"]),
            new ThingLexicon.Category("hospitality", "a favour or gift", ["dinner"]),
        ],
        givers: ["supplier", "contractor", "family we help"],
        giving: ["gave me", "sent me", "invited me"],
        insiders: ["my manager", "for work", "phone numbers"]);

    [Theory]
    [InlineData("A supplier sent me a bottle of whisky last week, can I keep it?", "Can I accept a gift from a supplier?")]
    [InlineData("A family we help gave me a box of dates for Eid", "Can I accept a gift from a family we help?")]
    [InlineData("Our contractor invited me to dinner at a nice place", "Can I accept a favour or gift from a contractor?")]
    [InlineData("Someone gave me a bottle of whisky", "Can I accept a gift given to me?")]
    public void A_thing_given_from_outside_is_also_asked_as_the_Code_would_put_it(string question, string rewritten)
    {
        Assert.Equal(rewritten, Lexicon.InCodeWords(question));
        Assert.NotEmpty(Lexicon.GivenFromOutside(question));
    }

    [Theory]
    [InlineData("My manager gave me a new phone for work, how do I set up my email?")] // the asker's own side
    [InlineData("I received a new laptop today, how do I set it up?")]                // nobody gave it from outside
    [InlineData("How do I request a new phone from IT?")]
    [InlineData("Can I send the supplier's phone numbers to a donor?")]               // not a phone at all
    [InlineData("A supplier sent me a gift, can I keep it?")]                        // already in the Code's words
    public void Other_questions_are_searched_as_asked(string question) => Assert.Null(Lexicon.InCodeWords(question));

    [Theory]
    [InlineData("Can I keep the laptop from our contractor?")]             // "from" a giver
    [InlineData("The contractor left a phone at my house, what do I do?")] // a giving done
    [InlineData("Can I accept a box of dates from a family we help?")]
    public void A_thing_the_asker_receives_from_a_giver_is_given_from_outside(string question) =>
        Assert.Equal(["gift"], Lexicon.GivenFromOutside(question));

    [Theory]
    [InlineData("The contractor wants a phone interview with our director, can I give him the number?")] // the asker gives
    [InlineData("A supplier is asking for 20 USD to let our laptop through, can I pay?")]                  // a giver asks
    [InlineData("The contractor has a box of dates left over from the project, who decides?")]
    [InlineData("A contractor wants 20 USD to let us take the laptop through, should I pay?")]
    [InlineData("The contractor wants a bottle of whisky to release our goods, can I bring one?")]
    public void A_giver_and_a_thing_with_nothing_given_to_the_asker_is_not(string question) =>
        Assert.Empty(Lexicon.GivenFromOutside(question));

    [Fact]
    public void The_committed_lexicon_loads_and_a_missing_one_is_empty()
    {
        var lexicon = ThingLexicon.Load(Path.Combine(Repo.Root, "knowledge", "lexicon.json"));

        Assert.Contains(lexicon.Categories, c => c.Name == "minor gift" && c.Words.Contains("whisky"));
        Assert.Empty(ThingLexicon.Load("/nonexistent/lexicon.json").Categories);
    }
}
