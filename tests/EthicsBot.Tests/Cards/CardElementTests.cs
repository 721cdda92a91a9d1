using System.Text.Json.Nodes;
using EthicsBot.Shared.Cards.Elements;

namespace EthicsBot.Tests.Cards;

/// <summary>Each card element record as the JSON Teams reads: its <c>type</c> from the record's kind, what is not set left out.</summary>
public sealed class CardElementTests
{
    private static void Writes(string expected, AdaptiveElement element) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), Written(element)), Written(element)!.ToJsonString());

    private static JsonNode? Written(AdaptiveElement element)
    {
        var card = new AdaptiveCard { Body = [element] };
        return JsonNode.Parse(card.ToJson().GetRawText())!["body"]![0];
    }

    [Fact]
    public void A_card_names_its_schema_and_version_and_leaves_out_actions_and_refresh_it_has_not()
    {
        var card = JsonNode.Parse(new AdaptiveCard { Body = [] }.ToJson().GetRawText())!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.5","body":[]}"""), card), card.ToJsonString());
    }

    [Fact]
    public void Text_blocks_wrap_and_write_only_the_styles_given() =>
        Writes("""{"type":"TextBlock","text":"Hi","wrap":true,"size":"Medium","isSubtle":true,"spacing":"Small"}""",
            new TextBlock("Hi") { Size = "Medium", IsSubtle = true, Spacing = "Small" });

    [Fact]
    public void Containers_fact_sets_and_action_sets_nest_their_kinds()
    {
        Writes("""{"type":"Container","id":"more","isVisible":false,"style":"emphasis","items":[{"type":"FactSet","facts":[{"title":"A","value":"1"}]}]}""",
            new Container([new FactSet([new Fact("A", "1")])]) { Id = "more", IsVisible = false, Style = "emphasis" });
        Writes("""{"type":"ActionSet","actions":[{"type":"Action.ToggleVisibility","title":"Show","targetElements":["more"]},{"type":"Action.OpenUrl","title":"Open","url":"https://example.org/"}]}""",
            new ActionSet([new ActionToggleVisibility(["more"]) { Title = "Show" }, new ActionOpenUrl("https://example.org/") { Title = "Open" }]));
    }

    [Fact]
    public void Inputs_write_their_kind_and_only_the_checks_they_make()
    {
        Writes("""{"type":"Input.Text","id":"a","label":"A","maxLength":10,"isMultiline":true,"isRequired":true,"errorMessage":"A is required."}""",
            new InputText { Id = "a", Label = "A", MaxLength = 10, IsMultiline = true, IsRequired = true, ErrorMessage = "A is required." });
        Writes("""{"type":"Input.Number","id":"n","min":0,"max":100.5,"value":45}""", new InputNumber { Id = "n", Min = 0, Max = 100.5m, Value = 45 });
        Writes("""{"type":"Input.Date","id":"d","max":"2026-11-21"}""", new InputDate { Id = "d", Max = "2026-11-21" });
        Writes("""{"type":"Input.ChoiceSet","id":"c","style":"expanded","choices":[{"title":"Yes","value":"y"}]}""", new InputChoiceSet([new Choice("Yes", "y")]) { Id = "c", Style = "expanded" });
        Writes("""{"type":"Input.Toggle","id":"t","title":"I agree","valueOn":"true","valueOff":"false"}""", new InputToggle("I agree") { Id = "t" });
    }

    [Fact]
    public void Execute_and_show_card_actions_carry_their_data_and_card_and_the_refresh_its_action()
    {
        var form = new AdaptiveCard { Body = [new InputText { Id = "answer" }], Actions = [new ActionExecute("reviewAnswer", new { org = "iom" }) { Title = "Send", Style = "positive" }] };
        var card = new AdaptiveCard
        {
            Body = [],
            Actions = [new ActionShowCard(form) { Title = "Answer" }, new ActionExecute("disclosure", new { op = "back" }) { Title = "Back", AssociatedInputs = "none" }],
            Refresh = new CardRefresh(new ActionExecute("disclosureRefresh", new { id = "d1" })),
        };

        var json = JsonNode.Parse(card.ToJson().GetRawText())!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"type":"Action.ShowCard","title":"Answer","card":{"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.5",
              "body":[{"type":"Input.Text","id":"answer"}],"actions":[{"type":"Action.Execute","title":"Send","style":"positive","verb":"reviewAnswer","data":{"org":"iom"}}]}},
             {"type":"Action.Execute","title":"Back","verb":"disclosure","data":{"op":"back"},"associatedInputs":"none"}]
            """), json["actions"]), json["actions"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"disclosureRefresh","data":{"id":"d1"}}}"""), json["refresh"]), json["refresh"]!.ToJsonString());
    }
}
