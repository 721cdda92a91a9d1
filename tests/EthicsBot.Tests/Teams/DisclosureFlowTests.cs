using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Features.Disclosures;
using EthicsBot.Tests.Disclosures;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// Disclosures over HTTP as Teams sends them, with the loopback connector: a whole gift declaration from "I want to
/// declare a gift" to the reference number, the card in the ethics office conversation, redelivery, and decisions
/// by members only.
/// </summary>
public sealed class DisclosureFlowTests : IAsyncLifetime
{
    private const string OfficeConversation = "19:ethics-office@thread.tacv2";
    private const string Member = "aad-office-member";
    private BotOverHttp _http = null!;
    private LoopbackConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _http = await BotOverHttp.StartAsync(connector => new()
        {
            ["Organizations:iom:EthicsOffice:ConversationId"] = OfficeConversation,
            ["Organizations:iom:EthicsOffice:ServiceUrl"] = connector.ServiceUrl,
            ["Organizations:iom:EthicsOffice:Members:0"] = Member,
        });
        (_connector, _bot) = (_http.Connector, _http.Bot);
    }

    public async Task DisposeAsync() => await _http.DisposeAsync();

    private Task<HttpResponseMessage> Post(string json) => _http.PostAsync(json);

    /// <summary>Presses a button of a card the way Teams does: an adaptiveCard/action invoke with the inputs merged into the data.</summary>
    private async Task<JsonElement> PressAsync(JsonObject card, string title, IReadOnlyDictionary<string, string>? inputs = null, string? id = null, string? aad = null, string? name = null)
    {
        var data = DialogHarness.Press(card, title, inputs);
        var verb = (string)card["actions"]!.AsArray().Single(a => (string?)a!["title"] == title)!["verb"]!;
        return await _http.InvokeAsync(Activities.CardAction(_connector.ServiceUrl, verb, data, id, aad, name: name));
    }

    private static JsonObject CardOf(JsonElement invokeResponse)
    {
        Assert.Equal("application/vnd.microsoft.card.adaptive", invokeResponse.GetProperty("type").GetString());
        return JsonNode.Parse(invokeResponse.GetProperty("value").GetRawText())!.AsObject();
    }

    private async Task<(JsonObject Summary, string Reference)> DeclareAGiftAsync()
    {
        using (var started = await Post(Activities.Message(_connector.ServiceUrl, "I want to declare a gift")))
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var message = (await _connector.WaitForAsync("message")).Last();
        var card = JsonNode.Parse(message.Card!.Value.GetRawText())!.AsObject();
        Assert.Contains("Step 1 of 4", DialogHarness.Say(card), StringComparison.Ordinal);

        card = CardOf(await PressAsync(card, "Next", new Dictionary<string, string>
        {
            ["direction"] = "received", ["kind"] = "gift", ["item"] = "a wristwatch", ["sourceType"] = "government", ["source"] = "Deputy Minister, Ministry of Interior",
        }));
        Assert.Contains("Step 2 of 4", DialogHarness.Say(card), StringComparison.Ordinal);
        card = CardOf(await PressAsync(card, "Next", new Dictionary<string, string> { ["value"] = "250", ["currency"] = "usd", ["date"] = "2026-11-02" }));
        card = CardOf(await PressAsync(card, "Review", new Dictionary<string, string> { ["outcome"] = "pending", ["notes"] = "" }));
        var summary = DialogHarness.Say(card);
        Assert.Contains("Check and submit", summary, StringComparison.Ordinal);
        Assert.Contains("A government or its officials", summary, StringComparison.Ordinal);
        Assert.Contains("USD", summary, StringComparison.Ordinal);

        var submitted = CardOf(await PressAsync(card, "Submit", id: "submit-1"));
        var text = DialogHarness.Say(submitted);
        Assert.Contains("Your reference number is **GIFT-2026-000001**", text, StringComparison.Ordinal);
        Assert.Contains("Director General's approval", text, StringComparison.Ordinal); // a watch from a Deputy Minister: IOM 5.49
        return (card, "GIFT-2026-000001");
    }

    [Fact]
    public async Task A_gift_declaration_goes_from_the_chat_to_a_reference_and_the_ethics_office_gets_its_card()
    {
        var (_, reference) = await DeclareAGiftAsync();

        var posted = (await _connector.WaitForAsync("message", 2)).Single(c => c.Path.Contains("ethics-office", StringComparison.Ordinal));
        Assert.Equal($"/v3/conversations/{OfficeConversation}/activities", posted.Path);
        var office = posted.Card!.Value.GetRawText();
        Assert.Contains(reference, office, StringComparison.Ordinal);
        Assert.Contains("a wristwatch", office, StringComparison.Ordinal);
        Assert.Contains("Amina Staff", office, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"disclosureDecision\"", office, StringComparison.Ordinal);
        var store = _bot.Services.GetRequiredService<IDisclosureStore>();
        var stored = Assert.Single(await store.ListByDiscloserAsync("iom", "00000000-0000-0000-0000-0000000000a1", default));
        Assert.Equal("250", stored.Answers.Single(a => a.Field == "value").Value);
        await PostedOfficeCardAsync();
        Assert.StartsWith("activity-", (await store.GetAsync("iom", stored.Id, default))!.OfficeActivityId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("next")]
    [InlineData("back")]
    [InlineData("cancel")]
    public async Task Someone_else_pressing_a_button_with_my_disclosure_id_learns_nothing_of_it(string op)
    {
        var (summary, reference) = await DeclareAGiftAsync();
        var mine = DialogHarness.Press(summary, "Submit");
        var dialogId = mine.GetProperty("dialog").GetString()!;

        async Task<string> AsB(string id) => (await _http.InvokeAsync(Activities.CardAction(_connector.ServiceUrl, "disclosure",
            new { dialog = id, org = "iom", op, step = "0" }, aadObjectId: "00000000-0000-0000-0000-0000000000b2", conversation: "a:1on1-b"))).GetRawText();
        var withMine = await AsB(dialogId);
        var withUnknown = await AsB(Guid.NewGuid().ToString("N"));

        Assert.DoesNotContain(reference, withMine, StringComparison.Ordinal);
        Assert.DoesNotContain("wristwatch", withMine, StringComparison.Ordinal);
        Assert.Equal(withUnknown, withMine);
        Assert.Single(await _bot.Services.GetRequiredService<IDisclosureStore>().ListByDiscloserAsync("iom", "00000000-0000-0000-0000-0000000000a1", default));
    }

    [Fact]
    public async Task A_redelivered_or_double_clicked_submit_stores_one_disclosure_and_shows_the_same_reference()
    {
        var (summary, reference) = await DeclareAGiftAsync();

        var redelivered = CardOf(await PressAsync(summary, "Submit", id: "submit-1")); // same activity id
        var doubleClick = CardOf(await PressAsync(summary, "Submit", id: "submit-2"));

        Assert.Contains(reference, DialogHarness.Say(redelivered), StringComparison.Ordinal);
        Assert.Contains(reference, DialogHarness.Say(doubleClick), StringComparison.Ordinal);
        Assert.Single(await _bot.Services.GetRequiredService<IDisclosureStore>().ListByDiscloserAsync("iom", "00000000-0000-0000-0000-0000000000a1", default));
        await Task.Delay(300);
        Assert.Single(_connector.Calls, c => c.Path.Contains("ethics-office", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_outside_the_ethics_office_cannot_decide_and_the_refusal_is_logged()
    {
        await DeclareAGiftAsync();
        var office = await PostedOfficeCardAsync();

        var refused = await PressAsync(office, "Approve", new Dictionary<string, string> { ["comment"] = "fine by me" }, aad: "aad-someone-else", name: "Not Amember");

        Assert.Equal(403, refused.GetProperty("statusCode").GetInt32());
        Assert.Contains("Only members of the IOM Ethics and Conduct Office", refused.GetProperty("value").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(_bot.Logs.Lines, l => l.Contains("Refused 'approved'", StringComparison.Ordinal) && l.Contains("aad-someone-else", StringComparison.Ordinal));
        var stored = Assert.Single(await _bot.Services.GetRequiredService<IDisclosureStore>().ListByDiscloserAsync("iom", "00000000-0000-0000-0000-0000000000a1", default));
        Assert.Equal(DisclosureStatus.Submitted, stored.Status);
        var refresh = CardOf(await RefreshAsync(office, "aad-someone-else"));
        Assert.DoesNotContain("wristwatch", refresh.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_approves_the_office_card_updates_for_everyone_and_the_discloser_is_told()
    {
        await DeclareAGiftAsync();
        var office = await PostedOfficeCardAsync();

        var declinedWithout = await PressAsync(office, "Decline", new Dictionary<string, string> { ["comment"] = "" }, aad: Member);
        Assert.Contains("why the disclosure is declined", declinedWithout.GetRawText(), StringComparison.Ordinal);
        var approved = CardOf(await PressAsync(office, "Approve", new Dictionary<string, string> { ["comment"] = "You may keep it; it is of nominal value." }, aad: Member, name: "Olu Office"));

        Assert.Contains("Approved by Olu Office", DialogHarness.Say(approved), StringComparison.Ordinal);
        Assert.DoesNotContain(approved["actions"]?.AsArray() ?? [], a => (string?)a!["title"] == "Approve");
        var update = Assert.Single(_connector.Calls, c => c.Method == "PUT");
        Assert.StartsWith($"/v3/conversations/{OfficeConversation}/activities/activity-", update.Path, StringComparison.Ordinal);
        Assert.Contains("Approved by Olu Office", update.Card!.Value.GetRawText(), StringComparison.Ordinal);
        var told = Assert.Single(_connector.Calls, c => c.Body.TryGetProperty("text", out var t) && t.GetString()!.Contains("approved your", StringComparison.Ordinal));
        Assert.Equal("/v3/conversations/a:1on1-conversation/activities", told.Path);
        Assert.Contains("GIFT-2026-000001", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("nominal value", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);

        using (await Post(Activities.Message(_connector.ServiceUrl, "my disclosures")))
        {
        }
        var list = await WaitForCardAsync("Your disclosures (1)");
        Assert.Contains("GIFT-2026-000001", list, StringComparison.Ordinal);
        Assert.Contains("Approved", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_form_keeps_nothing_of_what_was_typed_not_even_in_the_database_file()
    {
        var typed = Storage.DatabaseBytes.Marker();
        var database = Path.Combine(_bot.DataFolder, "ethicsbot.db");
        using (await Post(Activities.Message(_connector.ServiceUrl, "I want to declare a gift")))
        {
        }
        var card = JsonNode.Parse((await _connector.WaitForAsync("message")).Last().Card!.Value.GetRawText())!.AsObject();
        card = CardOf(await PressAsync(card, "Next", new Dictionary<string, string>
        {
            ["direction"] = "received", ["kind"] = "gift", ["item"] = $"a wristwatch engraved {typed}", ["sourceType"] = "government", ["source"] = "Deputy Minister",
        }));
        Assert.Contains("Step 2 of 4", DialogHarness.Say(card), StringComparison.Ordinal);
        Assert.NotEmpty(Storage.DatabaseBytes.WhereFound(database, typed));

        var cancelled = DialogHarness.Say(CardOf(await PressAsync(card, "Cancel")));

        Assert.Contains("what you had typed was not kept", cancelled, StringComparison.Ordinal);
        Assert.Empty(Storage.DatabaseBytes.WhereFound(database, typed));
    }

    [Fact]
    public async Task Disclosures_are_refused_in_group_chats_and_a_bad_step_payload_is_a_clear_message()
    {
        using (await Post(Activities.Message(_connector.ServiceUrl, "I want to declare a gift", conversation: "19:group@thread.v2", conversationType: "groupChat")))
        {
        }
        var reply = (await _connector.WaitForAsync("message")).Single();
        Assert.Contains("one-to-one chat", reply.Body.GetProperty("text").GetString(), StringComparison.Ordinal);

        using var response = await Post(Activities.CardAction(_connector.ServiceUrl, "disclosure", new { dialog = "nope" }));
        Assert.Contains("incomplete", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_a_gift_under_an_answer_opens_the_form_pre_filled_from_the_question()
    {
        using var response = await Post(Activities.CardAction(_connector.ServiceUrl, "startDisclosure",
            new { type = "gift", org = "iom", question = "A minister gave me a watch, can I keep it?" }));

        Assert.Contains("The form is below", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var form = (await _connector.WaitForAsync("message")).Single().Card!.Value.GetRawText();
        Assert.Contains("I filled in what I could from your question", form, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"a watch\"", form, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"government\"", form, StringComparison.Ordinal);
    }

    /// <summary>The card posted to the ethics office, once the outbox has recorded it as posted.</summary>
    private async Task<JsonObject> PostedOfficeCardAsync()
    {
        var posted = (await _connector.WaitForAsync("message", 2)).Single(c => c.Path.Contains("ethics-office", StringComparison.Ordinal));
        var store = _bot.Services.GetRequiredService<IDisclosureStore>();
        for (var i = 0; i < 200 && (await store.UnnotifiedAsync("iom", default)).Count > 0; i++)
            await Task.Delay(25);
        Assert.Empty(await store.UnnotifiedAsync("iom", default));
        return JsonNode.Parse(posted.Card!.Value.GetRawText())!.AsObject();
    }

    private Task<JsonElement> RefreshAsync(JsonObject office, string aad) =>
        _http.InvokeAsync(Activities.CardAction(_connector.ServiceUrl, "disclosureRefresh", office["refresh"]!["action"]!["data"]!, aadObjectId: aad));

    private async Task<string> WaitForCardAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var found = _connector.Calls.Select(c => c.Card?.GetRawText()).FirstOrDefault(c => c?.Contains(text, StringComparison.Ordinal) == true);
            if (found is not null)
                return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"no card saying '{text}'");
    }
}
