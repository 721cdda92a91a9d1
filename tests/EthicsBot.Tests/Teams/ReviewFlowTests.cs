using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Tests.Disclosures;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Teams;

/// <summary>
/// The ethics office's loop over HTTP with the loopback connector: a question the Code does not cover goes to the
/// queue, a member answers it in "review", the answer reaches the asker's chat, publishing it makes the next person's
/// same question answered from the FAQ; anyone else's review commands and buttons are refused.
/// </summary>
public sealed class ReviewFlowTests : IAsyncLifetime
{
    private const string Member = "aad-office-member";
    private const string Asker = "00000000-0000-0000-0000-0000000000a1";
    private const string MemberChat = "a:office-member-chat";
    private const string ImsMember = "aad-ims-office-member";
    private const string ImsTenant = "tenant-ims";
    private const string DataProtectionOfficer = "aad-data-protection-officer";
    private BotOverHttp _http = null!;
    private LoopbackConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _http = await BotOverHttp.StartAsync(_ => new()
        {
            ["Organizations:iom:EthicsOffice:Members:0"] = Member,
            ["Organizations:iom:EthicsOffice:Members:1"] = "aad-office-colleague",
            ["Organizations:iom:EthicsOffice:MemberNames:aad-office-colleague"] = "Kofi Colleague",
            ["Organizations:ims:EthicsOffice:Members:0"] = ImsMember,
            ["Organizations:ims:Tenants:0"] = ImsTenant,
            ["Review:DataProtectionOfficers:0"] = DataProtectionOfficer,
        });
        (_connector, _bot) = (_http.Connector, _http.Bot);
    }

    public async Task DisposeAsync() => await _http.DisposeAsync();

    private Task PostAsync(string json) => _http.SendAsync(json);

    private Task<JsonElement> InvokeAsync(string verb, JsonNode data, string? aad = null, string conversation = "a:1on1-conversation", string? name = null) =>
        _http.InvokeAsync(Activities.CardAction(_connector.ServiceUrl, verb, data, aadObjectId: aad, conversation: conversation, name: name));

    /// <summary>The cards of the newest message the bot sent into a conversation, once it has sent <paramref name="count"/> there.</summary>
    private async Task<List<JsonObject>> CardsInAsync(string conversation, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var calls = _connector.Calls.Where(c => c.Path.Contains($"/conversations/{conversation}/", StringComparison.Ordinal) && c.Type == "message").ToList();
            if (calls.Count >= count)
                return [.. calls[count - 1].Body.GetProperty("attachments").EnumerateArray().Select(a => JsonNode.Parse(a.GetProperty("content").GetRawText())!.AsObject())];
            Assert.True(DateTime.UtcNow < deadline, $"no message {count} in {conversation}");
            await Task.Delay(20);
        }
    }

    private static JsonNode DataOf(JsonObject card, string title)
    {
        var actions = card["actions"]!.AsArray().Concat(card["body"]!.AsArray().Where(e => (string?)e!["type"] == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()));
        return actions.Single(a => (string?)a!["title"] == title)!["data"]!.DeepClone();
    }

    private async Task<string> AskNotCoveredAndSendItAsync(string question)
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, question));
        var answer = (await CardsInAsync("a:1on1-conversation")).Single();
        Assert.Contains("does not clearly cover", DialogHarness.Say(answer), StringComparison.Ordinal);
        var sent = await InvokeAsync("askEthicsOffice", DataOf(answer, "Send my question to the ethics office"));
        Assert.Contains("was sent to the IOM Ethics and Conduct Office", sent.GetProperty("value").GetString(), StringComparison.Ordinal);
        return (string)DataOf(answer, "Send my question to the ethics office")["answerId"]!;
    }

    [Fact]
    public async Task A_question_goes_to_the_queue_a_member_answers_the_asker_is_told_and_the_FAQ_answers_the_next_person()
    {
        var id = await AskNotCoveredAndSendItAsync("How do I reset my laptop password?");

        await PostAsync(Activities.Message(_connector.ServiceUrl, "review", conversation: MemberChat, aadObjectId: Member, name: "Olu Office"));
        var page = await CardsInAsync(MemberChat);
        Assert.Equal(2, page.Count);
        Assert.Contains("How do I reset my laptop password?", DialogHarness.Say(page[0]), StringComparison.Ordinal);
        Assert.Contains("Open questions 1–1 of 1", DialogHarness.Say(page[1]), StringComparison.Ordinal);
        var answerAction = page[0]["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Answer")!["card"]!.AsObject();
        var data = DataOf(answerAction, "Send the answer");
        data["answer"] = "The Code does not cover IT matters: the IT service desk resets passwords. Ask your head of office if in doubt.";
        data["clauses"] = "";

        var answered = await InvokeAsync("reviewAnswer", data, aad: Member, conversation: MemberChat, name: "Olu Office");

        var answeredCard = JsonNode.Parse(answered.GetProperty("value").GetRawText())!.AsObject();
        Assert.Contains("Answered by Olu Office", DialogHarness.Say(answeredCard), StringComparison.Ordinal);
        var told = (await _connector.WaitForAsync("message", 3)).Single(c => c.Body.TryGetProperty("text", out var t) && t.GetString()!.Contains("answered your question", StringComparison.Ordinal));
        Assert.Equal("/v3/conversations/a:1on1-conversation/activities", told.Path);
        Assert.Contains($"answered your question of {DateTime.UtcNow:d MMM}: “How do I reset my laptop password?”", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("IT service desk resets passwords", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
        var item = (await _bot.Services.GetRequiredService<IOfficeStore>().GetItemAsync("iom", id, default))!;
        Assert.Equal((ReviewStatus.Answered, Member, "Olu Office"), (item.Status, item.ClosedById, item.ClosedByName));

        // "Publish as FAQ" opens the wording to check first, filled with the asker's question and the office's answer.
        var publishForm = answeredCard["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Publish as FAQ")!["card"]!.AsObject();
        Assert.Contains("Take out anything that could identify the asker", publishForm.ToJsonString(), StringComparison.Ordinal);
        var inputs = publishForm["body"]!.AsArray().Where(e => (string?)e!["type"] == "Input.Text").ToDictionary(e => (string)e!["id"]!, e => (string?)e!["value"]);
        Assert.Equal("How do I reset my laptop password?", inputs["question"]);
        Assert.StartsWith("The Code does not cover IT matters", inputs["answer"], StringComparison.Ordinal);
        var publish = DataOf(publishForm, "Publish");
        publish["question"] = "How do I reset my laptop password?";
        publish["answer"] = inputs["answer"];
        publish["clauses"] = "";
        var published = await InvokeAsync("faqPublish", publish, aad: Member, conversation: MemberChat, name: "Olu Office");
        Assert.Contains("Published", published.GetRawText(), StringComparison.Ordinal);
        publish["question"] = "Raw words again";
        var again = await InvokeAsync("faqPublish", publish, aad: Member, conversation: MemberChat, name: "Olu Office");
        Assert.Contains("published already", again.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("How do I reset my laptop password?", (await _bot.Services.GetRequiredService<IOfficeStore>().GetFaqAsync("iom", id, default))!.Question);

        await PostAsync(Activities.Message(_connector.ServiceUrl, "How do I reset my laptop password?", conversation: "a:1on1-next-person", aadObjectId: "aad-next-person"));
        var next = DialogHarness.Say((await CardsInAsync("a:1on1-next-person")).Single());
        Assert.Contains("Answer from the IOM Ethics and Conduct Office", next, StringComparison.Ordinal);
        Assert.Contains("the IT service desk resets passwords", next, StringComparison.Ordinal);
        Assert.DoesNotContain("does not clearly cover", next, StringComparison.Ordinal);

        // The entry is edited, then withdrawn, from the "faq" list; each change is live at once.
        await PostAsync(Activities.Message(_connector.ServiceUrl, "faq", conversation: MemberChat, aadObjectId: Member));
        var entry = (await CardsInAsync(MemberChat, 2)).Single();
        var edit = DataOf(entry["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Edit")!["card"]!.AsObject(), "Save");
        edit["question"] = "How do I reset my laptop password?";
        edit["answer"] = "Call the IT service desk on 1234.";
        edit["clauses"] = "iom-9.99";
        Assert.Contains("Not clauses of the IOM Code: iom-9.99", (await InvokeAsync("faqEdit", edit, aad: Member)).GetRawText(), StringComparison.Ordinal);
        edit["clauses"] = "";
        Assert.Contains("Saved", (await InvokeAsync("faqEdit", edit, aad: Member)).GetRawText(), StringComparison.Ordinal);
        await PostAsync(Activities.Message(_connector.ServiceUrl, "How do I reset my laptop password?", conversation: "a:1on1-third", aadObjectId: "aad-third"));
        Assert.Contains("Call the IT service desk on 1234.", DialogHarness.Say((await CardsInAsync("a:1on1-third")).Single()), StringComparison.Ordinal);

        Assert.Contains("Withdrawn", (await InvokeAsync("faqWithdraw", DataOf(entry, "Withdraw"), aad: Member)).GetRawText(), StringComparison.Ordinal);
        await PostAsync(Activities.Message(_connector.ServiceUrl, "How do I reset my laptop password?", conversation: "a:1on1-fourth", aadObjectId: "aad-fourth"));
        Assert.Contains("does not clearly cover", DialogHarness.Say((await CardsInAsync("a:1on1-fourth")).Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_outside_the_ethics_office_is_refused_every_review_command_and_button()
    {
        var id = await AskNotCoveredAndSendItAsync("How do I reset my laptop password?");

        foreach (var command in new[] { "review", "faq", "insights", "insights csv", "erase aad-someone" })
            await PostAsync(Activities.Message(_connector.ServiceUrl, command, conversation: "a:outsider", aadObjectId: "aad-outsider"));
        var replies = _connector.Calls.Where(c => c.Path.Contains("a:outsider", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < 50 && replies.Count < 5; i++, replies = [.. _connector.Calls.Where(c => c.Path.Contains("a:outsider", StringComparison.Ordinal))])
            await Task.Delay(50);
        Assert.Equal(5, replies.Count);
        Assert.All(replies, r => Assert.Contains("Only members of the IOM Ethics and Conduct Office", r.Body.GetProperty("text").GetString(), StringComparison.Ordinal));

        var key = new JsonObject { ["org"] = "iom", ["id"] = id };
        foreach (var (verb, extra) in new[] { ("reviewAnswer", "answer"), ("reviewDismiss", ""), ("reviewAssign", "assignee"), ("faqPublish", ""), ("reviewPage", ""), ("eraseConfirm", "user") })
        {
            var data = key.DeepClone();
            if (extra.Length > 0)
                data[extra] = "x";
            var refused = await InvokeAsync(verb, data, aad: "aad-outsider");
            Assert.Equal(403, refused.GetProperty("statusCode").GetInt32());
        }
        Assert.Equal(ReviewStatus.Open, (await _bot.Services.GetRequiredService<IOfficeStore>().GetItemAsync("iom", id, default))!.Status);
        Assert.Equal(5 + 6, _bot.Logs.Lines.Count(l => l.Contains("is not a member of its ethics office", StringComparison.Ordinal) && l.Contains("aad-outsider", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task After_a_thumbs_down_the_asker_may_share_the_question_and_a_member_can_assign_or_dismiss_it()
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, "Can I accept a gift from a supplier?"));
        var answer = (await CardsInAsync("a:1on1-conversation")).Single();
        var thumbsDown = await InvokeAsync("feedback", DataOf(answer, "👎 No"));
        Assert.Contains("Thanks for telling me", thumbsDown.GetRawText(), StringComparison.Ordinal);
        var offer = (await CardsInAsync("a:1on1-conversation", 2)).Single();
        await InvokeAsync("askEthicsOffice", DataOf(offer, "Share my question"));

        var item = Assert.Single(await _bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default));
        Assert.Equal((ReviewSource.Unhelpful, "Can I accept a gift from a supplier?"), (item.Source, item.Question));
        Assert.False((await _bot.Services.GetRequiredService<IOfficeStore>().FeedbackAsync("iom", item.Id, default))!.Helpful);

        var key = new JsonObject { ["org"] = "iom", ["id"] = item.Id };
        var toOutsider = key.DeepClone();
        toOutsider["assignee"] = "aad-outsider";
        Assert.Contains("only be assigned to members", (await InvokeAsync("reviewAssign", toOutsider, aad: Member)).GetRawText(), StringComparison.Ordinal);
        var toColleague = key.DeepClone();
        toColleague["assignee"] = "aad-office-colleague";
        Assert.Contains("Kofi Colleague", (await InvokeAsync("reviewAssign", toColleague, aad: Member)).GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Marked as not needing an answer", (await InvokeAsync("reviewDismiss", key, aad: Member, name: "Olu Office")).GetRawText(), StringComparison.Ordinal);
        Assert.Contains("already marked as not needing an answer", (await InvokeAsync("reviewDismiss", key, aad: "aad-office-colleague")).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_erases_everything_stored_about_one_person_on_request()
    {
        await AskNotCoveredAndSendItAsync("How do I reset my laptop password?");
        var store = _bot.Services.GetRequiredService<IDisclosureStore>();
        await store.SubmitAsync(new EthicsBot.Features.Disclosures.Disclosure
        {
            Id = "d1", Organization = "iom", FormId = "gift", FormTitle = "Declare a gift", ReferencePrefix = "GIFT",
            Discloser = DialogHarness.Person(Asker), Answers = [], Submitted = DateTimeOffset.UtcNow,
        }, default);

        await PostAsync(Activities.Message(_connector.ServiceUrl, $"erase {Asker}", conversation: MemberChat, aadObjectId: Member));
        var confirm = (await CardsInAsync(MemberChat)).Single();
        Assert.Contains(Asker, DialogHarness.Say(confirm), StringComparison.Ordinal);
        var done = await InvokeAsync("eraseConfirm", DataOf(confirm, "Delete"), aad: Member, conversation: MemberChat);

        Assert.Contains("1 question(s), 1 disclosure(s)", done.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await _bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default));
        Assert.Empty(await store.ListAsync("iom", default));
        Assert.Contains(_bot.Logs.Lines, l => l.Contains("Erasure on request", StringComparison.Ordinal) && !l.Contains(Asker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_erasure_reaches_only_the_member_s_organisations_and_a_data_protection_officer_s_reaches_all()
    {
        const string person = "aad-person-in-iom";
        var question = Storage.DatabaseBytes.Marker();
        var disclosures = _bot.Services.GetRequiredService<IDisclosureStore>();
        var office = _bot.Services.GetRequiredService<IOfficeStore>();
        EthicsBot.Features.Disclosures.Disclosure Disclosure(string organization) => new()
        {
            Id = Guid.NewGuid().ToString("N"), Organization = organization, FormId = "gift", FormTitle = "Declare a gift", ReferencePrefix = "GIFT",
            Discloser = DialogHarness.Person(person), Answers = [], Submitted = DateTimeOffset.UtcNow,
        };
        EthicsBot.Features.Disclosures.DialogState Dialog(string organization) => new()
        {
            DialogId = Guid.NewGuid().ToString("N"), Organization = organization, FormId = "gift", Values = new() { ["item"] = "a watch" },
            Discloser = DialogHarness.Person(person, $"a:{organization}-chat"), Started = DateTimeOffset.UtcNow, Updated = DateTimeOffset.UtcNow,
        };
        ReviewItem Item(string organization, string text) => new()
        {
            Id = Guid.NewGuid().ToString("N"), Organization = organization, Question = text,
            Asker = DialogHarness.Person(person).Conversation.WithoutNames(), At = DateTimeOffset.UtcNow,
        };
        await disclosures.SubmitAsync(Disclosure("iom"), default);
        await disclosures.SubmitAsync(Disclosure("iom"), default);
        await disclosures.SubmitAsync(Disclosure("ims"), default);
        await disclosures.SaveDialogAsync(Dialog("iom"), default);
        await disclosures.SaveDialogAsync(Dialog("ims"), default);
        await office.QueueAsync(Item("iom", $"May I accept {question}?"), default);
        await office.QueueAsync(Item("ims", "May I accept a lunch?"), default);

        // A member of the IMS ethics function: IMS data goes, the IOM disclosures, form and question stay.
        const string imsChat = "a:ims-member-chat";
        await PostAsync(Activities.Message(_connector.ServiceUrl, $"erase {person}", conversation: imsChat, tenant: ImsTenant, aadObjectId: ImsMember));
        var confirm = (await CardsInAsync(imsChat)).Single();
        Assert.Contains("in IMS (International Media Support) only", DialogHarness.Say(confirm), StringComparison.Ordinal);
        Assert.DoesNotContain("every organisation", DialogHarness.Say(confirm), StringComparison.Ordinal);
        var done = DialogHarness.Say(JsonNode.Parse((await InvokeAsync("eraseConfirm", DataOf(confirm, "Delete"), aad: ImsMember, conversation: imsChat)).GetProperty("value").GetRawText())!.AsObject());

        Assert.Contains("IMS (International Media Support): 1 question(s), 1 disclosure(s), 1 unfinished form(s) and 0 campaign record(s) (contact, cards, acknowledgements) of that person were deleted.", done, StringComparison.Ordinal);
        Assert.Contains("other organisations was not touched", done, StringComparison.Ordinal);
        Assert.DoesNotContain("IOM", done, StringComparison.Ordinal); // nor is it said whether the person has data there
        Assert.Equal(2, (await disclosures.ListAsync("iom", default)).Count);
        Assert.Empty(await disclosures.ListAsync("ims", default));
        Assert.NotNull(await disclosures.GetDialogAsync("a:iom-chat", person, default));
        Assert.Null(await disclosures.GetDialogAsync("a:ims-chat", person, default));
        Assert.Single(await office.ItemsAsync("iom", default));
        Assert.Empty(await office.ItemsAsync("ims", default));

        // A card naming IOM does not widen the IMS member's reach: they are refused.
        var forged = DataOf(confirm, "Delete");
        forged["org"] = "iom";
        Assert.Equal(403, (await InvokeAsync("eraseConfirm", forged, aad: ImsMember, conversation: imsChat)).GetProperty("statusCode").GetInt32());
        Assert.Equal(2, (await disclosures.ListAsync("iom", default)).Count);

        // The data-protection officer (Review:DataProtectionOfficers), in no ethics office: the erasure reaches every organisation.
        const string dpoChat = "a:dpo-chat";
        await PostAsync(Activities.Message(_connector.ServiceUrl, $"erase {person}", conversation: dpoChat, aadObjectId: DataProtectionOfficer));
        var everywhere = (await CardsInAsync(dpoChat)).Single();
        Assert.Contains("in every organisation", DialogHarness.Say(everywhere), StringComparison.Ordinal);
        var erased = DialogHarness.Say(JsonNode.Parse((await InvokeAsync("eraseConfirm", DataOf(everywhere, "Delete"), aad: DataProtectionOfficer, conversation: dpoChat)).GetProperty("value").GetRawText())!.AsObject());

        Assert.Contains("in every organisation", erased, StringComparison.Ordinal);
        Assert.Contains("IOM: 1 question(s), 2 disclosure(s), 1 unfinished form(s)", erased, StringComparison.Ordinal);
        Assert.Contains("IMS (International Media Support): 0 question(s), 0 disclosure(s), 0 unfinished form(s)", erased, StringComparison.Ordinal);
        Assert.Empty(await disclosures.ListAsync("iom", default));
        Assert.Null(await disclosures.GetDialogAsync("a:iom-chat", person, default));
        Assert.Empty(await office.ItemsAsync("iom", default));
        Assert.Empty(Storage.DatabaseBytes.WhereFound(Path.Combine(_bot.DataFolder, "ethicsbot.db"), question));
        Assert.Contains(_bot.Logs.Lines, l => l.Contains($"Erasure on request, by data-protection officer {DataProtectionOfficer}", StringComparison.Ordinal)
                                             && l.Contains("in every organisation", StringComparison.Ordinal) && !l.Contains(person, StringComparison.Ordinal));
        Assert.Contains(_bot.Logs.Lines, l => l.Contains($"Erasure on request, by ethics office member {ImsMember}", StringComparison.Ordinal)
                                             && l.Contains("in ims:", StringComparison.Ordinal));

        // The role is for erasure only: the officer does not see a review queue.
        await PostAsync(Activities.Message(_connector.ServiceUrl, "review", conversation: dpoChat, aadObjectId: DataProtectionOfficer));
        var refusal = (await _connector.WaitForAsync("message", 3)).Last();
        Assert.StartsWith($"/v3/conversations/{dpoChat}/", refusal.Path, StringComparison.Ordinal);
        Assert.Contains("Only members of the IOM Ethics and Conduct Office", refusal.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_data_protection_officer_entry_stops_the_bot_naming_the_key()
    {
        using var bot = new BotFactory(new Dictionary<string, string?> { ["Review:DataProtectionOfficers:0"] = " " });

        var refusal = bot.StartRefusal(() => bot.Services.GetRequiredService<IOfficeStore>());

        Assert.Contains("Review:DataProtectionOfficers", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_offices_answer_rests_on_the_clauses_the_office_names_not_on_those_the_bot_offered()
    {
        await PostAsync(Activities.Message(_connector.ServiceUrl, "Can I accept a gift from a supplier?"));
        var answer = (await CardsInAsync("a:1on1-conversation")).Single();
        await InvokeAsync("askEthicsOffice", DataOf(answer, "Ask the ethics office"));
        var id = (string)DataOf(answer, "Ask the ethics office")["answerId"]!;
        Assert.Contains("iom-5.49", (await _bot.Services.GetRequiredService<IOfficeStore>().GetItemAsync("iom", id, default))!.Clauses);

        await PostAsync(Activities.Message(_connector.ServiceUrl, "review", conversation: MemberChat, aadObjectId: Member, name: "Olu Office"));
        var item = (await CardsInAsync(MemberChat))[0];
        var form = item["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Answer")!["card"]!.AsObject();
        // The clause field starts empty; what the bot had offered is listed under it, to copy from.
        var clauses = form["body"]!.AsArray().Single(e => (string?)e!["id"] == "clauses")!;
        Assert.Null(clauses["value"]);
        Assert.Contains("leave empty for none", (string?)clauses["label"], StringComparison.Ordinal);
        Assert.Contains("The bot had offered iom-5.49", DialogHarness.Say(form), StringComparison.Ordinal);

        // Sent as Teams sends an untouched empty field: no clause.
        var data = DataOf(form, "Send the answer");
        data["answer"] = "Passwords are the IT service desk's: call them.";
        data["clauses"] = "";
        var answered = JsonNode.Parse((await InvokeAsync("reviewAnswer", data, aad: Member, conversation: MemberChat, name: "Olu Office")).GetProperty("value").GetRawText())!.AsObject();

        Assert.Contains("Cites no clause", DialogHarness.Say(answered), StringComparison.Ordinal);
        Assert.Empty((await _bot.Services.GetRequiredService<IOfficeStore>().GetItemAsync("iom", id, default))!.AnswerClauses);
        var told = (await _connector.WaitForAsync("message", 3)).Single(c => c.Body.TryGetProperty("text", out var t) && t.GetString()!.Contains("answered your question", StringComparison.Ordinal));
        Assert.DoesNotContain("Based on", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
        // The publish form starts from the office's clauses: none.
        var publish = answered["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Publish as FAQ")!["card"]!.AsObject();
        Assert.Null(publish["body"]!.AsArray().Single(e => (string?)e!["id"] == "clauses")!["value"]);
    }

    [Fact]
    public async Task The_insights_mask_small_counts_and_come_as_CSV_too()
    {
        await AskNotCoveredAndSendItAsync("How do I reset my laptop password?");

        await PostAsync(Activities.Message(_connector.ServiceUrl, "insights", conversation: MemberChat, aadObjectId: Member));
        var card = DialogHarness.Say((await CardsInAsync(MemberChat)).Single());
        Assert.Contains("Questions per topic", card, StringComparison.Ordinal);
        Assert.Contains("< 5", card, StringComparison.Ordinal);
        Assert.DoesNotContain("\n1\n", card, StringComparison.Ordinal);

        await PostAsync(Activities.Message(_connector.ServiceUrl, "insights csv", conversation: MemberChat, aadObjectId: Member));
        var csv = (await _connector.WaitForAsync("message", 3)).Last().Body.GetProperty("text").GetString()!;
        Assert.Contains("section,item,value", csv, StringComparison.Ordinal);
        // One question asked, none answered (the Code does not cover it): a zero is a zero, the one is masked.
        Assert.Contains("Answers,Questions asked,< 5", csv, StringComparison.Ordinal);
        Assert.Contains("Answers,Answered,0\n", csv, StringComparison.Ordinal);
    }
}
