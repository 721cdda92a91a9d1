using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Tests.Disclosures;
using EthicsBot.Tests.Teams;

namespace EthicsBot.Tests.Cards;

/// <summary>
/// The card that sends a verb and the handler that reads it share one record: a button's data, as Teams sends it
/// back, reads into the record it was built from; data that does not fit gets the feature's own answer.
/// </summary>
public sealed class CardActionDataTests : IAsyncLifetime
{
    private BotOverHttp _http = null!;

    public async Task InitializeAsync() => _http = await BotOverHttp.StartAsync();

    public async Task DisposeAsync() => await _http.DisposeAsync();

    /// <summary>The data of the button titled <paramref name="title"/>, anywhere on the card, as the JSON Teams sends back.</summary>
    private static JsonElement DataOf(AdaptiveCard card, string title)
    {
        var action = Actions(DialogHarness.AsNode(card)).Single(a => (string?)a["title"] == title);
        return JsonSerializer.SerializeToElement(action["data"]);
    }

    private static IEnumerable<JsonObject> Actions(JsonObject card) =>
        (card["actions"]?.AsArray() ?? []).OfType<JsonObject>()
            .SelectMany(a => a["card"] is JsonObject shown ? Actions(shown).Prepend(a) : [a]);

    [Fact]
    public void Sharing_after_a_thumbs_down_reads_back_as_the_question_its_clauses_and_its_source()
    {
        var card = BotCards.OfferToShare("a1", "Can I keep a pen?", ["iom-5.50", "iom-5.49"], DialogHarness.Organization("iom"));

        var data = CardJson.ReadData<AskOfficeData>(DataOf(card, "Share my question"));

        Assert.Equal(new AskOfficeData { AnswerId = "a1", Question = "Can I keep a pen?", Org = "iom", Source = "unhelpful", Clauses = data.Clauses }, data);
        Assert.Equal(["iom-5.50", "iom-5.49"], data.Clauses);
    }

    [Fact]
    public void A_decision_on_the_office_card_reads_back_with_the_comment_typed_on_it()
    {
        var form = DialogHarness.Forms.Find("iom", "gift")!;
        var disclosure = new Disclosure
        {
            Id = "d1", Organization = "iom", FormId = form.Id, FormTitle = form.Title, Noun = form.Noun, ReferencePrefix = form.ReferencePrefix,
            Discloser = DialogHarness.Person(), Answers = [], Submitted = DateTimeOffset.UnixEpoch,
        };
        var pressed = JsonNode.Parse(DataOf(DisclosureCards.Office(disclosure, DialogHarness.Organization("iom"), forMember: true), "Decline").GetRawText())!.AsObject();
        pressed["comment"] = "Please return it."; // Teams adds the card's inputs to the data

        var data = CardJson.ReadData<DisclosureDecisionData>(JsonSerializer.SerializeToElement(pressed));

        Assert.Equal(new DisclosureDecisionData { Org = "iom", Id = "d1", Decision = DisclosureStatus.Declined, Comment = "Please return it." }, data);
    }

    [Fact]
    public void A_form_step_button_reads_back_with_its_step_and_the_inputs_by_field_id()
    {
        var form = DialogHarness.Forms.Find("iom", "gift")!;
        var state = new DialogState { DialogId = "d1", Organization = "iom", FormId = "gift", Step = 1, Discloser = DialogHarness.Person(), Values = [] };
        var card = DisclosureCards.Step(form, state, new DateOnly(2026, 11, 20), null, null);

        var data = DialogHarness.Press(card, "Next", new Dictionary<string, string> { ["currency"] = "CHF" });

        Assert.Equal(("d1", "iom", "1", DisclosureDialogs.Ops.Next), (data.Dialog, data.Org, data.Step, data.Op));
        Assert.Equal("CHF", data.Inputs!["currency"].GetString());
        Assert.Null(CardJson.ReadData<DisclosureStepData>(DataOf(card, "Back")).Inputs);
    }

    [Fact]
    public void The_erasure_button_reads_back_as_whose_data()
    {
        var card = ReviewCards.ConfirmErase("aad-1", "iom", new ErasureReach(false, [DialogHarness.Organization("iom")]));

        Assert.Equal(new EraseData { Org = "iom", User = "aad-1" }, CardJson.ReadData<EraseData>(DataOf(card, "Delete")));
    }

    [Fact]
    public void Values_of_the_wrong_kind_read_as_missing_and_clause_ids_keep_only_ten_strings()
    {
        var data = CardJson.ReadData<FeedbackData>(JsonSerializer.SerializeToElement(new
        {
            answerId = 5, helpful = "yes", org = "   ", question = new[] { "x" },
            clauses = new object[] { "a", 1, "b", null!, "c", "d", "e", "f", "g", "h", "i", "j", "k" },
        }));

        Assert.Equal((null, null, null, null), (data.AnswerId, data.Helpful, data.Org, data.Question));
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], data.Clauses);
        Assert.Empty(CardJson.ReadData<FeedbackData>(JsonSerializer.SerializeToElement(new { clauses = "iom-5.50" })).Clauses);
        Assert.Equal(new FeedbackData(), CardJson.ReadData<FeedbackData>(JsonSerializer.SerializeToElement("not an object")));
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "feedback", """{"answerId":5,"helpful":"yes","org":"iom"}""", "Feedback needs the answer id and a yes or no." },
        { "feedback", "\"thumbs up\"", "Feedback needs the answer id and a yes or no." },
        { "askEthicsOffice", """{"answerId":"a1","question":["Can I keep a pen?"],"org":"iom"}""", "The question to pass on is missing." },
        { "startDisclosure", """{"type":{"form":"gift"},"org":"iom"}""", "The disclosure button does not say which form to open." },
        { "disclosure", """{"dialog":5,"org":"iom","op":"next","step":"0"}""", "This form action is incomplete" },
        { "disclosureDecision", """{"org":"iom","id":1,"decision":true}""", "The decision needs the organisation, the disclosure and the decision." },
        { "disclosureRefresh", """{"org":["iom"],"id":"d1"}""", "The card does not name a disclosure." },
        { "reviewAnswer", """{"org":42,"id":"r1","answer":"Yes."}""", "The card does not name an organisation." },
        { "eraseConfirm", """{"org":null,"user":"aad-1"}""", "The card does not name an organisation." },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Data_that_does_not_fit_its_verb_gets_the_features_own_answer(string verb, string data, string answer)
    {
        var response = await _http.InvokeAsync(Activities.CardAction(_http.Connector.ServiceUrl, verb, JsonNode.Parse(data)!));

        Assert.Contains(answer, response.GetRawText(), StringComparison.Ordinal);
    }
}
