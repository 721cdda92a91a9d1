using System.Text.Json;

namespace EthicsBot.Tests.Answers;

/// <summary>
/// Covered or not, decided as a staff member asks: a concrete thing given from outside is a gift question; an
/// everyday office question is not the Code's; a topic a Code has no rule on is said plainly.
/// </summary>
public sealed class CoverageTests
{
    private static Task<JsonElement> AskAsync(string question, string organization) => SemanticSearchTests.AskAsync(question, organization);

    private static string Kind(JsonElement answer) => answer.GetProperty("kind").GetString()!;

    private static string First(JsonElement answer) => answer.GetProperty("clauses")[0].GetProperty("id").GetString()!;

    [Theory]
    [InlineData("A supplier sent me a bottle of whisky last week, can I keep it?")]
    [InlineData("A family we help gave me a box of dates for Eid, can I accept it?")]
    [InlineData("Can I accept free tickets to a football match from one of our suppliers?")]
    public async Task A_thing_given_from_outside_named_as_staff_name_it_is_answered_by_the_gift_clauses(string question)
    {
        var answer = await AskAsync(question, "iom");

        Assert.Equal("answer", Kind(answer));
        Assert.Contains(First(answer), new[] { "iom-5.49", "iom-5.50" });
    }

    [Theory]
    [InlineData("The printer on the second floor is broken, who fixes it?", "iom")]
    [InlineData("How do I book a flight for my mission?", "iom")]
    [InlineData("My manager gave me a new phone for work, how do I set up my email on it?", "iom")]
    [InlineData("What is the employer's pension contribution?", "ims")]
    public async Task Everyday_office_questions_are_not_covered(string question, string organization)
    {
        Assert.Equal("not_covered", Kind(await AskAsync(question, organization)));
    }
}
