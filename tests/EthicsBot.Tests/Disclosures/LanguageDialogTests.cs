using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.Localization;

namespace EthicsBot.Tests.Disclosures;

/// <summary>
/// A disclosure filled in French, Spanish, Arabic or Portuguese: the form's words and the card's in that language,
/// Arabic right to left, problems said in it; the disclosure keeps what was typed and its language for the office,
/// whose cards keep the English form's labels.
/// </summary>
public sealed class LanguageDialogTests : IDisposable
{
    private readonly DialogHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static JsonStringLocalizer Text(string language) => CardLanguages.Default.For(language);

    [Fact]
    public void Every_form_has_its_words_in_every_language_the_cards_have()
    {
        foreach (var organization in DialogHarness.Forms.Organizations)
            foreach (var form in DialogHarness.Forms.ForOrganization(organization))
                foreach (var language in CardLanguages.Default.Languages.Where(l => l != "en"))
                {
                    var translated = form.InLanguage(language);
                    Assert.NotSame(form, translated);
                    Assert.NotEqual(form.Title, translated.Title);
                    Assert.Equal(form.Fields.Select(f => f.Id), translated.Fields.Select(f => f.Id));
                    Assert.Equal(form.Fields.SelectMany(f => f.Choices).Select(c => c.Value), translated.Fields.SelectMany(f => f.Choices).Select(c => c.Value));
                }
    }

    [Fact]
    public async Task A_gift_declared_in_French_is_French_throughout_and_kept_with_its_language()
    {
        var who = DialogHarness.Person();
        var form = DialogHarness.Forms.Find("iom", "gift")!;
        var french = form.InLanguage("fr");
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", who, null, default, "fr-FR")).Card!;
        Assert.Contains(french.Title, DialogHarness.Say(card), StringComparison.Ordinal);
        Assert.Contains(Text("fr")["DisclosureStepOf", 1, form.Steps.Count + 1, french.Steps[0].Title].Value, DialogHarness.Say(card), StringComparison.Ordinal);

        for (var i = 0; i < form.Steps.Count; i++)
        {
            var inputs = _h.ValidStep(form.Steps[i]);
            if (inputs.ContainsKey("value"))
            {
                // A value that cannot be read is refused in French, naming the field by its French label.
                var refused = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, Text("fr")["DisclosureNext"], new Dictionary<string, string>(inputs) { ["value"] = "about fifty" }), default)).Card!;
                var label = french.Fields.Single(f => f.Id == "value").Label;
                Assert.Contains($"{label} : ", DialogHarness.Say(refused), StringComparison.Ordinal);
                Assert.Contains(Text("fr")["DisclosureCorrectOne"].Value, DialogHarness.Say(refused), StringComparison.Ordinal);
                card = refused;
            }
            var last = i == form.Steps.Count - 1;
            card = (await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, Text("fr")[last ? "DisclosureReview" : "DisclosureNext"], inputs), default)).Card!;
        }
        Assert.Contains(Text("fr")["DisclosureCheckAndSubmit"].Value, DialogHarness.Say(card), StringComparison.Ordinal);

        var submitted = await _h.Dialogs.ActAsync(who, DialogHarness.Press(card, Text("fr")["DisclosureSubmit"]), default);

        Assert.Contains(Text("fr")["DisclosureMyDisclosures"].Value, DialogHarness.Say(submitted.Card!), StringComparison.Ordinal);
        var stored = (await _h.Store.GetAsync("iom", submitted.Submitted!.Id, default))!;
        Assert.Equal("fr", stored.Language);
        Assert.Equal(form.Fields.Select(f => f.Label), stored.Answers.Select(a => a.Label)); // the office reads the English form's labels
        var office = DialogHarness.Say(DisclosureCards.Office(stored, DialogHarness.Organization("iom"), forMember: true));
        Assert.Contains("Written in", office, StringComparison.Ordinal);
        Assert.Contains("French", office, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Arabic_form_reads_right_to_left()
    {
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("ims"), "conflict", DialogHarness.Person(), null, default, "ar")).Card!;

        Assert.True(card.Rtl);
        Assert.Contains(DialogHarness.Forms.Find("ims", "conflict")!.InLanguage("ar").Title, DialogHarness.Say(card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("en-US")]
    [InlineData(null)]
    public async Task A_language_without_words_gets_the_English_form(string? locale)
    {
        var who = DialogHarness.Person();
        var card = (await _h.Dialogs.StartAsync(DialogHarness.Organization("iom"), "gift", who, null, default, locale)).Card!;

        Assert.Contains(DialogHarness.Forms.Find("iom", "gift")!.Title, DialogHarness.Say(card), StringComparison.Ordinal);
        Assert.Null(card.Rtl);
        Assert.Null((await _h.Store.GetDialogAsync(who.ConversationId, who.UserId, default))!.Language);
    }

    [Theory]
    [InlineData("""{"fields": {"colour": {"label": "Couleur"}}}""", "'colour'")]
    [InlineData("""{"button": "Déclarer un cadeau, une invitation ou une décoration reçus"}""", "'button'")]
    [InlineData("""{"fields": {"value": {"label": " "}}}""", "empty")]
    public void Words_the_form_cannot_take_stop_the_bot_naming_the_file(string words, string problem)
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-forms-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "iom", "fr"));
            File.Copy(Repo.Combine("knowledge", "forms", "iom", "gift.json"), Path.Combine(folder, "iom", "gift.json"));
            File.WriteAllText(Path.Combine(folder, "iom", "fr", "gift.json"), words);

            var error = Assert.Throws<FormDefinitionException>(() => FormCatalog.Load(folder, DialogHarness.ClauseCatalog));

            Assert.Contains(Path.Combine("fr", "gift.json"), error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
