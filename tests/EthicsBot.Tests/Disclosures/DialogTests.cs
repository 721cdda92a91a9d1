using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.Cards.Elements;

namespace EthicsBot.Tests.Disclosures;

/// <summary>The dialog engine without HTTP: every shipped form end to end, each kind of invalid input, cancel, back, resume after a restart, expiry.</summary>
public sealed class DialogTests : IDisposable
{
    private readonly DialogHarness _h = new(idle: TimeSpan.FromHours(24));

    public void Dispose() => _h.Dispose();

    public static TheoryData<string, string> EveryForm()
    {
        var data = new TheoryData<string, string>();
        foreach (var organization in DialogHarness.Forms.Organizations)
            foreach (var form in DialogHarness.Forms.ForOrganization(organization))
                data.Add(organization, form.Id);
        return data;
    }

    [Fact]
    public void The_shipped_forms_cover_gifts_conflicts_outside_activities_and_the_acknowledgement()
    {
        Assert.Equal(["conflict", "gift", "outside"], DialogHarness.Forms.ForOrganization("iom").Select(f => f.Id).Order());
        Assert.Equal(["acknowledgement", "conflict", "gift"], DialogHarness.Forms.ForOrganization("ims").Select(f => f.Id).Order());
        var gift = DialogHarness.Forms.Find("iom", "gift")!;
        Assert.Equal(["government", "nongovernment", "supplier", "partner", "colleague", "beneficiary"], gift.Fields.Single(f => f.Id == "sourceType").Choices.Select(c => c.Value));
        Assert.Equal(["pending", "kept", "entrusted", "returned", "declined"], gift.Fields.Single(f => f.Id == "outcome").Choices.Select(c => c.Value));
        Assert.Contains(gift.Fields, f => f.Guidance?.Clause == "iom-5.50");
    }

    [Theory]
    [MemberData(nameof(EveryForm))]
    public async Task Every_form_goes_from_start_to_a_reference_number(string organization, string formId)
    {
        var form = DialogHarness.Forms.Find(organization, formId)!;
        var who = DialogHarness.Person();

        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization(organization), formId, who, null, default)).Card!;
        for (var i = 0; i < form.Steps.Count; i++)
        {
            Assert.Contains($"Step {i + 1} of {form.Steps.Count + 1}", DialogHarness.Say(card), StringComparison.Ordinal);
            var last = i == form.Steps.Count - 1;
            card = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, last ? "Review" : "Next", _h.ValidStep(form.Steps[i])), default)).Card!;
        }
        Assert.Contains("Check and submit", DialogHarness.Say(card), StringComparison.Ordinal);
        foreach (var field in form.Fields)
            Assert.Contains(field.Label, DialogHarness.Say(card), StringComparison.Ordinal);

        var submitted = await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Submit"), default);

        Assert.NotNull(submitted.Submitted);
        Assert.Equal($"{form.ReferencePrefix}-2026-000001", submitted.Submitted!.Reference);
        Assert.Contains($"**{form.ReferencePrefix}-2026-000001**", DialogHarness.Say(submitted.Card!), StringComparison.Ordinal);
        Assert.Null(await _h.Store.GetDialogAsync(who.ConversationId, who.UserId, default));
        var stored = Assert.Single(await _h.Store.ListByDiscloserAsync(organization, who.UserId, default));
        Assert.Contains(form.WhatNextFor(stored.Answers.ToDictionary(a => a.Field, a => a.Value)), DialogHarness.Say(submitted.Card!), StringComparison.Ordinal);
        Assert.Equal(form.Fields.Select(f => f.Id), stored.Answers.Select(a => a.Field));
        Assert.Equal(DisclosureStatus.Submitted, stored.Status);
    }

    [Fact]
    public async Task Each_step_card_has_labelled_inputs_required_marked_and_Code_guidance_beside_the_field()
    {
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", DialogHarness.Person(), null, default)).Card!;
        card = (await _h.Dialogs.ActAsync(DialogHarness.Person(), DialogHarness.Press(card, "Next", _h.ValidStep(DialogHarness.Forms.Find("iom", "gift")!.Steps[0])), default)).Card!;

        var body = DialogHarness.AsNode(card)["body"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var value = body.FindIndex(e => (string?)e["id"] == "value");
        // A text input with no range of its own: what is typed reaches the server, which reads it or says what it expects.
        Assert.Equal("Input.Text", (string?)body[value]["type"]);
        Assert.Null(body[value]["min"]);
        Assert.Equal("a number from 0 to 10,000,000", (string?)body[value]["placeholder"]);
        Assert.Null(body.Single(e => (string?)e["id"] == "currency")["maxLength"]);
        Assert.Equal("Estimated value", (string?)body[value]["label"]);
        Assert.True((bool)body[value]["isRequired"]!);
        Assert.StartsWith("IOM 5.50: Minor gifts of essentially nominal value", (string?)body[value + 1]["text"], StringComparison.Ordinal);
        Assert.Contains("head of administration", (string?)body[value + 1]["text"], StringComparison.Ordinal);
        Assert.Equal("none", (string?)DialogHarness.AsNode(card)["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Back")!["associatedInputs"]);
    }

    [Theory]
    [InlineData("government", "gift", "Director General's approval")]
    [InlineData("supplier", "honour", "Director General's approval")]
    [InlineData("supplier", "hospitality", "IOM 5.53")]
    [InlineData("supplier", "gift", "IOM 5.50")]
    public void What_happens_next_follows_the_rule_the_answers_call_for(string source, string kind, string expected)
    {
        var form = DialogHarness.Forms.Find("iom", "gift")!;

        var next = form.WhatNextFor(new Dictionary<string, string> { ["direction"] = "received", ["kind"] = kind, ["sourceType"] = source });

        Assert.Contains(expected, next, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> InvalidInputs() => new()
    {
        // form, field, what was typed, the problem named beside the field
        { "gift", "item", "", "What it was is required." },
        // Each problem names its field and what it expects.
        { "gift", "item", string.Join(' ', Enumerable.Repeat("A hand-woven basket and a jar of honey from the cooperative's chair.", 5)), "What it was: please shorten this to 300 characters or fewer" },
        { "gift", "item", "a watch\u0007", "What it was: this contains characters that cannot be stored (control characters)." },
        { "gift", "sourceType", "a friend of mine", "Who gave or offered it: choose one of: A government or its officials" },
        { "gift", "value", "about fifty", "Estimated value: enter a number from 0 to 10,000,000, in figures only" },
        { "gift", "value", "-5", "Estimated value: enter a number from 0 to 10,000,000." },
        { "gift", "value", "45 USD", "Estimated value: enter a number from 0 to 10,000,000, in figures only" },
        { "gift", "value", "1,2345", "Estimated value: enter a number from 0 to 10,000,000, in figures only" },
        { "gift", "value", "12.505", "Estimated value: use at most two decimals" },
        { "gift", "currency", "US$", "Currency (three-letter code): use the three-letter currency code" },
        { "gift", "currency", "dollars", "Currency (three-letter code): use the three-letter currency code, for example USD" },
        { "gift", "date", "20/11/2026", "When it was given or offered: enter a date as year-month-day" },
        { "gift", "date", "2026-12-25", "When it was given or offered: this date is in the future" },
        { "gift", "date", "2001-01-01", "When it was given or offered: this date is more than 3650 days ago" },
        { "outside", "hours", "1000", "Hours per month, roughly: enter a number from 0 to 744." },
        { "acknowledgement", "read", "false", "Please tick this box to confirm: I have read the IMS Code of Ethics" },
        { "acknowledgement", "read", "maybe", "I have read the IMS Code of Ethics: tick the box, or leave it empty." },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_input_comes_back_on_the_same_card_with_the_problem_beside_the_field_and_nothing_typed_lost(string formId, string fieldId, string typed, string problem)
    {
        var organization = formId == "acknowledgement" ? "ims" : "iom";
        var form = DialogHarness.Forms.Find(organization, formId)!;
        var stepIndex = form.Steps.FindIndex(s => s.Fields.Any(f => f.Id == fieldId));
        var who = DialogHarness.Person();
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization(organization), formId, who, null, default)).Card!;
        for (var i = 0; i < stepIndex; i++)
            card = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Next", _h.ValidStep(form.Steps[i])), default)).Card!;
        var inputs = _h.ValidStep(form.Steps[stepIndex]);
        inputs[fieldId] = typed;
        var other = form.Steps[stepIndex].Fields.First(f => f.Id != fieldId && f.Type is FieldTypes.Text or FieldTypes.LongText or FieldTypes.Choice or FieldTypes.Date);

        var again = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, stepIndex == form.Steps.Count - 1 ? "Review" : "Next", inputs), default)).Card!;

        var body = DialogHarness.AsNode(again)["body"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.Contains($"Step {stepIndex + 1} of", DialogHarness.Say(again), StringComparison.Ordinal);
        var at = body.FindIndex(e => (string?)e["id"] == fieldId);
        var error = body.Skip(at + 1).TakeWhile(e => e["id"] is null).Select(e => (string?)e["text"]).Single(t => t!.StartsWith('⚠'));
        Assert.Contains(problem, error, StringComparison.Ordinal);
        if (form.Fields.Single(f => f.Id == fieldId).Type is not FieldTypes.Confirm)
            Assert.Equal(typed.Length == 0 ? null : typed.Trim(), (string?)body[at]["value"]); // what was typed is still there, "-5" and "dollars" too
        Assert.Equal(inputs[other.Id], (string?)body.Single(e => (string?)e["id"] == other.Id)["value"]);
        Assert.Empty(await _h.Store.ListByDiscloserAsync(organization, who.UserId, default));
    }

    [Fact]
    public async Task A_report_of_misconduct_typed_into_a_form_is_not_kept_and_the_whistleblower_channel_is_named()
    {
        var who = DialogHarness.Person();
        var form = DialogHarness.Forms.Find("iom", "conflict")!;
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "conflict", who, null, default)).Card!;
        var inputs = _h.ValidStep(form.Steps[0]);
        inputs["description"] = "My supervisor is stealing money from the project budget";

        var again = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Next", inputs), default)).Card!;

        Assert.Contains("sounds like a report of misconduct", DialogHarness.Say(again), StringComparison.Ordinal);
        Assert.Contains("https://weareallin.iom.int/", DialogHarness.Say(again), StringComparison.Ordinal);
        Assert.DoesNotContain("stealing", DialogHarness.AsNode(again).ToJsonString(), StringComparison.Ordinal);
        var state = (await _h.Store.GetDialogAsync(who.ConversationId, who.UserId, default))!;
        Assert.False(state.Values.ContainsKey("description"));
        Assert.DoesNotContain("stealing", File.ReadAllText(_h.DatabasePath) + ReadWal(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("party")]       // a one-line field of 200 characters: a 455-character report
    [InlineData("description")] // a long-text field of 1,500
    public async Task A_report_refused_for_its_length_is_not_shown_again(string fieldId)
    {
        var who = DialogHarness.Person();
        var form = DialogHarness.Forms.Find("iom", "conflict")!;
        var field = form.Fields.Single(f => f.Id == fieldId);
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "conflict", who, null, default)).Card!;
        var inputs = _h.ValidStep(form.Steps[0]);
        var report = "My supervisor has been stealing money from the project budget and the Zanzibarian driver helps him.";
        inputs[fieldId] = string.Concat(Enumerable.Repeat(report + " ", field.EffectiveMaxLength / report.Length + 2));

        var again = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Next", inputs), default)).Card!;

        Assert.DoesNotContain("Zanzibarian", DialogHarness.AsNode(again).ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("⚠", DialogHarness.Say(again), StringComparison.Ordinal); // the problem is still named beside the field
        Assert.DoesNotContain("Zanzibarian", File.ReadAllText(_h.DatabasePath) + ReadWal(), StringComparison.Ordinal);
    }

    private string ReadWal() => File.Exists(_h.DatabasePath + "-wal") ? File.ReadAllText(_h.DatabasePath + "-wal") : "";

    [Fact]
    public async Task Cancel_at_any_step_discards_the_dialog_and_stores_nothing()
    {
        var who = DialogHarness.Person();
        var form = DialogHarness.Forms.Find("iom", "conflict")!;
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "conflict", who, null, default)).Card!;
        card = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Next", _h.ValidStep(form.Steps[0])), default)).Card!;

        var cancelled = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Cancel"), default)).Card!;

        Assert.Contains("cancelled", DialogHarness.Say(cancelled), StringComparison.Ordinal);
        Assert.Null(await _h.Store.GetDialogAsync(who.ConversationId, who.UserId, default));
        var stale = await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Review", _h.ValidStep(form.Steps[1])), default);
        Assert.Contains("closed", stale.Text, StringComparison.Ordinal);
        Assert.Contains("no disclosure in progress", (await _h.Dialogs.CancelAsync(who, default)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Back_returns_to_the_previous_step_with_its_answers_and_the_next_step_keeps_its_own()
    {
        var who = DialogHarness.Person();
        var form = DialogHarness.Forms.Find("iom", "gift")!;
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", who, null, default)).Card!;
        var first = _h.ValidStep(form.Steps[0]);
        first["item"] = "a silk scarf";
        card = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Next", first), default)).Card!;
        var second = _h.ValidStep(form.Steps[1]);
        second["currency"] = "chf";
        card = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Next", second), default)).Card!;

        var back = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Back"), default)).Card!;
        Assert.Contains("Step 2 of 4", DialogHarness.Say(back), StringComparison.Ordinal);
        Assert.Equal("CHF", (string?)DialogHarness.AsNode(back)["body"]!.AsArray().Single(e => (string?)e!["id"] == "currency")!["value"]);
        back = (await _h.Dialogs.BackAsync(who, default)).Card!; // "back" typed in the chat
        Assert.Contains("Step 1 of 4", DialogHarness.Say(back), StringComparison.Ordinal);
        Assert.Equal("a silk scarf", (string?)DialogHarness.AsNode(back)["body"]!.AsArray().Single(e => (string?)e!["id"] == "item")!["value"]);
        Assert.DoesNotContain(DialogHarness.AsNode(back)["actions"]!.AsArray(), a => (string?)a!["title"] == "Back");
    }

    [Fact]
    public async Task A_dialog_survives_a_restart_and_continues_where_it_stopped()
    {
        var who = DialogHarness.Person();
        var form = DialogHarness.Forms.Find("iom", "outside")!;
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "outside", who, null, default)).Card!;
        var first = _h.ValidStep(form.Steps[0]);
        first["organisation"] = "University of Geneva";
        await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Next", first), default);

        _h.Restart();
        var resumed = (await _h.Dialogs.ContinueAsync(who, default)).Card!;

        Assert.Contains("Step 2 of 3", DialogHarness.Say(resumed), StringComparison.Ordinal);
        var summary = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(resumed, "Review", _h.ValidStep(form.Steps[1])), default)).Card!;
        Assert.Contains("University of Geneva", DialogHarness.Say(summary), StringComparison.Ordinal);
        var done = await _h.Dialogs.ActAsync(who, DialogHarness.Press(summary, "Submit"), default);
        Assert.Equal("OUT-2026-000001", done.Submitted!.Reference);
    }

    [Fact]
    public async Task An_idle_dialog_expires_and_the_person_is_told_nothing_was_submitted()
    {
        var who = DialogHarness.Person();
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", who, null, default)).Card!;
        _h.Time.Advance(TimeSpan.FromHours(23));
        Assert.NotNull((await _h.Dialogs.ContinueAsync(who, default)).Card); // still open; looking at it is not a step
        _h.Time.Advance(TimeSpan.FromHours(2));

        var late = await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, "Next", _h.ValidStep(DialogHarness.Forms.Find("iom", "gift")!.Steps[0])), default);

        Assert.Contains("left unfinished for more than 24 hours and was discarded; nothing was submitted", late.Text, StringComparison.Ordinal);
        Assert.Null(await _h.Store.GetDialogAsync(who.ConversationId, who.UserId, default));
    }

    [Fact]
    public async Task Idle_dialogs_are_removed_by_the_store_sweep()
    {
        await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", DialogHarness.Person("a"), null, default);
        _h.Time.Advance(TimeSpan.FromHours(30));
        await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", DialogHarness.Person("b"), null, default);

        Assert.Equal(1, await _h.Store.DeleteDialogsIdleSinceAsync(_h.Time.Now - TimeSpan.FromHours(24), default));
        Assert.Null(await _h.Store.GetDialogAsync("a:1on1-1", "a", default));
        Assert.NotNull(await _h.Store.GetDialogAsync("a:1on1-1", "b", default));
    }

    [Fact]
    public async Task Submitting_twice_returns_the_same_reference_and_stores_one_disclosure()
    {
        var who = DialogHarness.Person();
        var summary = await FillAsync(who, "iom", "gift");
        var submit = DialogHarness.Press(summary, "Submit");

        var first = await _h.Dialogs.ActAsync(who, submit, default);
        var second = await _h.Dialogs.ActAsync(who, submit, default); // a redelivery, or a double click
        _h.Restart();
        var third = await _h.Dialogs.ActAsync(who, submit, default);

        Assert.Equal("GIFT-2026-000001", first.Submitted!.Reference);
        Assert.Contains("GIFT-2026-000001", DialogHarness.Say(second.Card!), StringComparison.Ordinal);
        Assert.Contains("GIFT-2026-000001", DialogHarness.Say(third.Card!), StringComparison.Ordinal);
        Assert.Single(await _h.Store.ListByDiscloserAsync("iom", who.UserId, default));
        var next = await _h.Dialogs.ActAsync(who, DialogHarness.Press(await FillAsync(who, "iom", "gift"), "Submit"), default);
        Assert.Equal("GIFT-2026-000002", next.Submitted!.Reference);
    }

    [Fact]
    public async Task Starting_a_second_form_shows_the_open_one_instead_of_losing_it()
    {
        var who = DialogHarness.Person();
        await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", who, null, default);

        var other = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "conflict", who, null, default)).Card!;

        Assert.Contains("Finish or cancel your gift declaration first", DialogHarness.Say(other), StringComparison.Ordinal);
        Assert.Contains("Declare a gift", DialogHarness.Say(other), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_else_pressing_a_form_card_does_not_touch_the_owner_s_dialog()
    {
        var owner = DialogHarness.Person("owner");
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", owner, null, default)).Card!;

        var reply = await _h.Dialogs.ActAsync(DialogHarness.Person("someone-else"), DialogHarness.Press(card, "Cancel"), default);

        Assert.Contains("closed", reply.Text, StringComparison.Ordinal);
        Assert.NotNull(await _h.Store.GetDialogAsync(owner.ConversationId, owner.UserId, default));
    }

    [Theory]
    [InlineData("A minister gave me a watch", "sourceType", "government", "item", "a watch")]
    [InlineData("Can I accept a bottle of wine from a supplier worth 40 EUR?", "sourceType", "supplier", "item", "a bottle of wine")]
    [InlineData("The ambassador offered me dinner tickets for $120", "direction", "offered", "value", "120")]
    [InlineData("I declined a hamper from a contractor", "outcome", "declined", "kind", "gift")]
    public async Task A_gift_form_started_from_a_question_is_pre_filled_for_the_person_to_confirm(string question, string field1, string value1, string field2, string value2)
    {
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", DialogHarness.Person(), question, default)).Card!;

        Assert.Contains("I filled in what I could from your question", DialogHarness.Say(card), StringComparison.Ordinal);
        var state = (await _h.Store.GetDialogAsync("a:1on1-1", "aad-user-1", default))!;
        Assert.Equal(value1, state.Values[field1]);
        Assert.Equal(value2, state.Values[field2]);
    }

    [Theory]
    [InlineData("iom", "A beneficiary gave me a basket of fruit")]
    [InlineData("iom", "A refugee family offered me a chicken after the distribution")]
    [InlineData("ims", "A beneficiary of our training gave me a scarf")]
    public async Task A_beneficiary_can_be_the_giver_in_both_gift_forms(string organization, string question)
    {
        var sourceType = DialogHarness.Forms.Find(organization, "gift")!.Fields.Single(f => f.Id == "sourceType");
        Assert.Contains(sourceType.Choices, c => c.Value == "beneficiary" && c.Title.StartsWith("A beneficiary", StringComparison.Ordinal));

        await _h.Dialogs.StartAsync(DialogHarness.Organization(organization), "gift", DialogHarness.Person(), question, default);

        Assert.Equal("beneficiary", (await _h.Store.GetDialogAsync("a:1on1-1", "aad-user-1", default))!.Values["sourceType"]);
    }

    [Theory]
    [InlineData("1200", "1200")]
    [InlineData("1 200", "1200")]
    [InlineData("1,200", "1200")]
    [InlineData("1'200.50", "1200.50")]
    [InlineData("12,50", "12.50")]
    [InlineData("0", "0")]
    public void A_number_is_read_as_people_write_it(string typed, string kept)
    {
        var value = DialogHarness.Forms.Find("iom", "gift")!.Fields.Single(f => f.Id == "value");

        Assert.Equal(new FieldResult(kept, null), FieldValues.Check(value, typed, new DateOnly(2026, 11, 20), DialogHarness.Forms));
    }

    [Fact]
    public async Task A_conflict_form_started_from_my_brother_bids_on_our_tender_names_the_relationship_and_the_tender()
    {
        await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "conflict", DialogHarness.Person(), "My brother bids on our tender", default);

        var state = (await _h.Store.GetDialogAsync("a:1on1-1", "aad-user-1", default))!;
        Assert.Equal("relationship", state.Values["kind"]);
        Assert.Equal("brother", state.Values["party"]);
        Assert.Equal("our tender", state.Values["decisions"]);
    }

    [Theory]
    [InlineData("I want to declare a gift", DisclosureCommand.Start, "gift")]
    [InlineData("declare a gift", DisclosureCommand.Start, "gift")]
    [InlineData("I'd like to disclose a conflict of interest.", DisclosureCommand.Start, "conflict")]
    [InlineData("I have a conflict of interest", DisclosureCommand.Start, "conflict")]
    [InlineData("I need to declare an outside activity: I teach at a university", DisclosureCommand.Start, "outside")]
    [InlineData("Declare a gift, hospitality, honour or award", DisclosureCommand.Start, "gift")]
    [InlineData("my disclosures", DisclosureCommand.List, null)]
    [InlineData("Show my declarations", DisclosureCommand.List, null)]
    [InlineData("continue my disclosure", DisclosureCommand.Continue, null)]
    [InlineData("cancel", DisclosureCommand.Cancel, null)]
    [InlineData("back", DisclosureCommand.Back, null)]
    [InlineData("Do I need to declare a gift from a supplier?", DisclosureCommand.None, null)]
    [InlineData("Can I accept a gift?", DisclosureCommand.None, null)]
    [InlineData("What counts as a conflict of interest", DisclosureCommand.None, null)]
    [InlineData("My manager gave me a gift", DisclosureCommand.None, null)]
    public void Chat_messages_start_list_continue_or_cancel_disclosures_but_questions_are_answered(string text, DisclosureCommand command, string? form)
    {
        var (found, definition) = DisclosureIntent.Match(text, DialogHarness.Forms.ForOrganization("iom"));

        Assert.Equal(command, found);
        Assert.Equal(form, definition?.Id);
    }

    [Fact]
    public void No_question_of_the_retrieval_sets_is_taken_for_a_disclosure_request()
    {
        var questions = File.ReadLines(Repo.SharedEval("dev-retrieval.jsonl")).Concat(File.ReadLines(Repo.Combine("knowledge", "eval", "staff-questions.jsonl")))
            .Where(l => l.Trim().Length > 0)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(e => (Org: e.GetProperty("org").GetString()!, Question: e.GetProperty("question").GetString()!))
            .ToList();

        var taken = questions.Where(q => DisclosureIntent.Match(q.Question, DialogHarness.Forms.ForOrganization(q.Org)).Command != DisclosureCommand.None).ToList();

        Assert.True(questions.Count >= 100);
        Assert.Empty(taken);
    }

    [Fact]
    public void A_form_file_with_a_problem_stops_the_load_naming_the_file_and_the_problem()
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-forms-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "iom"));
            var gift = File.ReadAllText(Repo.Combine("knowledge", "forms", "iom", "gift.json"));
            File.WriteAllText(Path.Combine(folder, "iom", "gift.json"), gift.Replace("\"iom-5.50\"", "\"iom-9.99\"", StringComparison.Ordinal));

            var e = Assert.Throws<FormDefinitionException>(() => FormCatalog.Load(folder, DialogHarness.ClauseCatalog));
            Assert.Contains("iom/gift", e.Message, StringComparison.Ordinal);
            Assert.Contains("'iom-9.99' is not a clause of the Codes", e.Message, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(folder, "iom", "gift.json"), gift.Replace("\"type\": \"number\"", "\"type\": \"money\"", StringComparison.Ordinal));
            Assert.Contains("unknown type 'money'", Assert.Throws<FormDefinitionException>(() => FormCatalog.Load(folder, DialogHarness.ClauseCatalog)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<AdaptiveCard> FillAsync(EthicsBot.Features.Disclosures.Discloser who, string organization, string formId)
    {
        var form = DialogHarness.Forms.Find(organization, formId)!;
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization(organization), formId, who, null, default)).Card!;
        for (var i = 0; i < form.Steps.Count; i++)
            card = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, i == form.Steps.Count - 1 ? "Review" : "Next", _h.ValidStep(form.Steps[i])), default)).Card!;
        return card;
    }
}
