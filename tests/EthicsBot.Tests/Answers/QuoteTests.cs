using System.Text.Json;
using EthicsBot.Features.Answers;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Answers;

/// <summary>
/// The answer quotes the sentence that answers — the permission, the prohibition, the condition, who approves — in
/// whole sentences, cited as people cite ("IOM Standards of Conduct, para. 5.46"), and its first screen stays short.
/// </summary>
public sealed class QuoteTests
{
    private static Task<JsonElement> AskAsync(string question, string organization) => SemanticSearchTests.AskAsync(question, organization);

    private static string MainQuote(JsonElement answer) =>
        string.Join(" ", answer.GetProperty("clauses")[0].GetProperty("sentences").EnumerateArray().Select(s => s.GetString()));

    [Theory]
    [InlineData("iom", "Am I allowed to give lectures at a university in my free time?", "Activities such as teaching or producing books or articles")]
    [InlineData("iom", "The ambassador invited me to a reception at the residence, is that ok?", "Such attendance is not considered as receipt of a favour, gift or remuneration.")]
    [InlineData("iom", "Does my duty of confidentiality end when I retire?", "These obligations do not cease upon separation from service.")]
    [InlineData("ims", "How do I sign that I have read and understood the code?", "all employees sign off that they have read and understood the Code")]
    // The sentence the nearest bank questions point to (their "answer"), not the paragraph's opening rule.
    [InlineData("iom", "My boss instructed me to do something I'm sure breaks IOM rules. What do I do?", "it is his or her duty to place this concern before the supervisor")]
    [InlineData("iom", "I'm the admin head here, who do I tell about a small gift I got?", "he or she should promptly disclose this to his or her supervisor")]
    public async Task The_quote_is_the_sentence_that_answers_the_question(string organization, string question, string sentence)
    {
        var answer = await AskAsync(question, organization);

        Assert.Equal("answer", answer.GetProperty("kind").GetString());
        Assert.Contains(sentence, MainQuote(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sentence_that_only_points_to_another_instruction_is_not_the_quote()
    {
        var answer = await AskAsync("Can I teach a course at the university on weekends?", "iom");

        Assert.DoesNotContain("refer to Instruction IN/7", MainQuote(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_cites_the_Code_by_its_title_and_paragraph_and_keeps_the_id_for_machines()
    {
        var answer = await AskAsync("Can I accept a gift from a government official?", "iom");

        var first = answer.GetProperty("clauses")[0];
        Assert.Equal("iom-5.49", first.GetProperty("id").GetString());
        Assert.Equal("IOM Standards of Conduct, para. 5.49", first.GetProperty("citation").GetString());
        Assert.StartsWith("IOM Standards of Conduct, para. 5.49 (Gifts, honours and remuneration from outside sources): “No staff member shall accept",
            answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("iom-5.49", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_sentence_is_shortened_only_where_a_clause_ends()
    {
        const string sentence = "IOM staff members may occasionally accept, without prior approval, minor gifts of essentially nominal value having regard " +
                                "to the duty station concerned, provided that all such gifts are promptly disclosed to the head of the administration at the " +
                                "duty station, who may direct that the gift be entrusted to the Organization or returned to the donor.";

        Assert.Equal(sentence, QuoteText.Shorten(sentence, sentence.Length));
        Assert.Equal(sentence[..sentence.IndexOf(", who may direct", StringComparison.Ordinal)] + " …", QuoteText.Shorten(sentence, 280));
        Assert.Equal(sentence[..sentence.IndexOf(", provided that", StringComparison.Ordinal)] + " …", QuoteText.Shorten(sentence, 200));
        // "honour, decoration, favour" is a list, not clauses: with no clause boundary the sentence stays whole.
        const string list = "No staff member shall accept any honour, decoration, favour, gift or remuneration from any Government without approval.";
        Assert.Equal(list, QuoteText.Shorten(list, 60));
    }

    [Fact]
    public void Sentences_that_do_not_follow_one_another_are_joined_by_an_ellipsis()
    {
        const string clause = "First rule. Second rule. Third rule.";

        Assert.Equal("First rule. Second rule.", QuoteText.Of(["First rule.", "Second rule."], 100, clause));
        Assert.Equal("First rule. … Third rule.", QuoteText.Of(["First rule.", "Third rule."], 100, clause));
        Assert.Equal("First rule.", QuoteText.Of(["First rule.", "Third rule."], 15, clause));
    }

    /// <summary>
    /// Every clause of both Codes as the main clause, quoted whole, under the report banner, with the no-rule notice
    /// and a form's button: the first screen holds at most 900 characters and the quote is whole sentences, or a
    /// sentence's opening up to a clause boundary marked "…".
    /// </summary>
    [Fact]
    public async Task Whatever_clause_answers_the_first_screen_stays_within_900_characters_and_no_sentence_is_cut_inside_a_clause()
    {
        await using var bot = new BotFactory();
        var catalog = bot.Services.GetRequiredService<ClauseCatalog>();
        var organizations = bot.Services.GetRequiredService<OrganizationDirectory>();
        foreach (var clause in catalog.All.Where(c => !c.IsHeadingOnly))
        {
            var sentences = SentencePicker.Sentences(clause.Text);
            var cited = new CitedClause(clause.Id, clause.Number, clause.Title, 0.5, sentences, clause.Links) { Text = clause.Text, Code = clause.DocumentTitle };
            var answer = new Answer(Answer.AnswerKind, clause.Organization, [cited, cited with { Id = "other" }], "text")
            {
                ReportBanner = true, NoRuleOn = "gifts and hospitality", Disclosure = "gift", DisclosureButton = "Declare a gift",
            };
            var card = BotCards.Answer(answer, "id", "a question", organizations.Find(clause.Organization)!).ToJson();

            Assert.True(CardScreen.VisibleCharacters(card) <= BotCards.FirstScreenCharacters, $"{clause.Id}: {CardScreen.VisibleCharacters(card)} characters");
            var quote = CardScreen.Text(card).Split('\n').First(l => l.StartsWith('“')).Trim().Trim('“', '”');
            Assert.True(quote.Split(" … ").All(part => IsWholeOrOpening(part, sentences)), $"{clause.Id}: \"{quote}\"");
        }
    }

    /// <summary>Consecutive whole sentences, possibly ending with the opening of the next one up to a clause boundary and "…".</summary>
    private static bool IsWholeOrOpening(string part, IReadOnlyList<string> sentences)
    {
        var shortened = part.EndsWith(" …", StringComparison.Ordinal);
        var text = shortened ? part[..^2] : part;
        for (var i = 0; i < sentences.Count; i++)
        {
            var run = "";
            for (var j = i; j < sentences.Count; j++)
            {
                var before = run.Length == 0 ? "" : run + " ";
                if (!shortened && text == before + sentences[j])
                    return true;
                if (shortened && text.StartsWith(before, StringComparison.Ordinal) && text.Length > before.Length)
                {
                    var opening = text[before.Length..];
                    if (sentences[j].StartsWith(opening, StringComparison.Ordinal) && sentences[j].Length > opening.Length && sentences[j][opening.Length] is ',' or ';' or ' ')
                        return true;
                }
                run = before + sentences[j];
            }
        }
        return false;
    }
}
