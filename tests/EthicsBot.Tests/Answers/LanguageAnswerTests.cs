using System.Text.Json;
using EthicsBot.Features.Answers;
using EthicsBot.Shared.Localization;
using EthicsBot.Tests.Disclosures;

namespace EthicsBot.Tests.Answers;

/// <summary>
/// Questions in French, Spanish, Arabic and Portuguese answered from their own bank, on a card in the asker's
/// language (Arabic right to left), the Code's quote in English labelled as its own words.
/// </summary>
public sealed class LanguageAnswerTests
{
    private static Task<JsonElement> AskAsync(string question, string organization = "iom") => SemanticSearchTests.AskAsync(question, organization);

    private static JsonStringLocalizer Text(string language) => CardLanguages.Default.For(language);

    /// <summary>What <c>ask</c> prints: the card as text.</summary>
    private static async Task<string> AskReadableAsync(string question)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await EthicsBot.Cli.CommandLine.RunAsync(["ask", question, "--org", "iom"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        return stdout.ToString();
    }

    [Theory]
    [InlineData("Est-ce que je peux accepter un cadeau d'un fournisseur ?", "fr")]
    [InlineData("¿Puedo aceptar un regalo de un proveedor?", "es")]
    [InlineData("هل يمكنني قبول هدية من مورد؟", "ar")]
    [InlineData("Posso aceitar um presente de um fornecedor?", "pt")]
    public async Task A_question_in_a_language_with_a_bank_is_answered_from_it_not_told_English_only(string question, string language)
    {
        var answer = await AskAsync(question);

        Assert.Equal("answer", answer.GetProperty("kind").GetString());
        Assert.Equal(language, answer.GetProperty("language").GetString());
        Assert.Contains(answer.GetProperty("clauses").EnumerateArray().Take(2).Select(c => c.GetProperty("id").GetString()), id => id is "iom-5.49" or "iom-5.50");
        Assert.DoesNotContain("English only", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clause_found_in_another_language_quotes_the_sentence_most_of_its_bank_questions_are_answered_by()
    {
        // The French bank's words for a decoration from a government: IOM 5.49, whose English bank questions mostly point
        // to its rule ("No staff member shall accept any honour…"), not to its refusal or its exception.
        var answer = await AskAsync("Le ministre veut me remettre une décoration pour mon travail, est-ce que je peux l'accepter ?");

        var clause = answer.GetProperty("clauses").EnumerateArray().First(c => c.GetProperty("id").GetString() == "iom-5.49");
        Assert.Contains(clause.GetProperty("sentences").EnumerateArray(), s => s.GetString()!.StartsWith("No staff member shall accept any honour", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("travel policy")]
    [InlineData("fraud")]
    [InlineData("procurement rules for consultants")]
    [InlineData("per diem rules")]
    [InlineData("social media policy")]
    [InlineData("embezzlement")]
    public async Task A_short_English_query_stays_English_whatever_language_its_letters_suggest(string question)
    {
        var answer = await AskAsync(question);

        Assert.False(answer.TryGetProperty("language", out var language), $"answered in {language}");
    }

    [Fact]
    public async Task A_gift_question_in_French_offers_the_gift_form_with_its_French_button()
    {
        var answer = await AskAsync("Un fournisseur m'a offert une montre, est-ce que je peux la garder ?");

        Assert.Equal("gift", answer.GetProperty("disclosure").GetString());
        Assert.Equal(Disclosures.DialogHarness.Forms.Find("iom", "gift")!.InLanguage("fr").Offer!.Button, answer.GetProperty("disclosure_button").GetString());
    }

    [Fact]
    public async Task An_everyday_office_question_in_Spanish_is_not_covered_said_in_Spanish()
    {
        var card = await AskReadableAsync("¿Cómo cambio la contraseña de mi correo?");

        Assert.Contains(Text("es")["NotClearlyCovered"].Value, card, StringComparison.Ordinal);
        Assert.Contains(Text("es")["SendToOffice"].Value, card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Arabic_card_reads_right_to_left_in_Arabic_with_the_Code_quoted_in_English_left_to_right()
    {
        var organization = DialogHarness.Organization("iom");
        var answer = JsonSerializer.Deserialize<Answer>((await AskAsync("هل يمكنني قبول هدية من مورد؟")).GetRawText())!;

        var card = BotCards.Answer(answer, "a1", "هل يمكنني قبول هدية من مورد؟", organization).ToJson();

        Assert.True(card.GetProperty("rtl").GetBoolean());
        var json = card.GetRawText();
        Assert.Contains(JsonSerializer.Serialize(Text("ar")["WhatTheCodeSays"].Value), json, StringComparison.Ordinal);
        Assert.Contains(JsonSerializer.Serialize(Text("ar")["CodesOwnWords"].Value), json, StringComparison.Ordinal);
        var quote = card.GetProperty("body").EnumerateArray().First(e => e.GetProperty("type").GetString() == "Container" && e.TryGetProperty("rtl", out _));
        Assert.False(quote.GetProperty("rtl").GetBoolean());
        Assert.Contains("staff member", quote.GetRawText(), StringComparison.Ordinal);
        // A gift from a supplier is the gifts paragraphs', not the honours from universities (5.51) it once came under.
        Assert.Contains(answer.Clauses[0].Id, new[] { "iom-5.49", "iom-5.50" });
    }

    [Fact]
    public async Task An_Arabic_report_gets_the_handoff_in_Arabic()
    {
        var card = await AskReadableAsync("مديري يأخذ رشوة من المقاول منذ شهرين");

        Assert.Contains(Text("ar")["HandoffTitle"].Value, card, StringComparison.Ordinal);
        Assert.DoesNotContain("رشوة", card, StringComparison.Ordinal); // nothing of the message
    }

    [Theory]
    [InlineData("Bonjour !", "fr", "SmallTalkHello")]
    [InlineData("merci beaucoup", "fr", "SmallTalkThanks")]
    [InlineData("¡Hola!", "es", "SmallTalkHello")]
    [InlineData("Obrigada", "pt", "SmallTalkThanks")]
    [InlineData("شكراً", "ar", "SmallTalkThanks")]
    [InlineData("مين انت؟", "ar", "SmallTalkIdentity")]
    [InlineData("thanks", "en", "SmallTalkThanks")]
    public async Task Small_talk_is_answered_in_its_own_language(string message, string language, string key)
    {
        var answer = await AskAsync(message);

        Assert.Equal("smalltalk", answer.GetProperty("kind").GetString());
        Assert.Equal(Text(language)[key].Value, answer.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Help_in_French_names_the_forms_as_they_are_typed_to_start_them()
    {
        var text = (await AskAsync("aide")).GetProperty("text").GetString()!;

        Assert.StartsWith(Text("fr")["HelpText"].Value[..20], text, StringComparison.Ordinal);
        Assert.Contains(Disclosures.DialogHarness.Forms.Find("iom", "gift")!.Title, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("pt-BR", "pt")]
    [InlineData("de-DE", "en")]
    [InlineData(null, "en")]
    public void The_welcome_follows_Teams_locale_and_falls_back_to_English(string? locale, string language)
    {
        var card = BotCards.Welcome(DialogHarness.Organization("iom"), locale).ToJson().GetRawText();

        Assert.Contains(JsonSerializer.Serialize(Text(language)["WelcomeTitle"].Value), card, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_language_file_has_every_English_text_with_the_same_placeholders()
    {
        var english = CardLanguages.Default.English.GetAllStrings(false).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        Assert.Equal(["ar", "en", "es", "fr", "pt"], CardLanguages.Default.Languages);
        foreach (var language in CardLanguages.Default.Languages)
        {
            var text = CardLanguages.Default.For(language);
            foreach (var (key, value) in english)
            {
                var translated = text[key];
                Assert.False(translated.ResourceNotFound, $"{language}: {key} is missing");
                foreach (var placeholder in System.Text.RegularExpressions.Regex.Matches(value, @"\{\d\}").Select(m => m.Value))
                    Assert.Contains(placeholder, translated.Value, StringComparison.Ordinal);
            }
        }
        Assert.True(CardLanguages.Default.For("ar").RightToLeft);
        Assert.False(CardLanguages.Default.For("fr").RightToLeft);
    }

    [Fact]
    public void In_Arabic_an_embedded_English_name_is_isolated_but_a_link_address_stays_bare()
    {
        var handoff = DialogHarness.Say(BotCards.Handoff(DialogHarness.Organization("iom"), "Accountability", "ar"));
        var banner = Text("ar")["BannerReport", "IOM's channel", "https://example.org/report"].Value;

        Assert.Contains("\u2068Accountability\u2069", handoff, StringComparison.Ordinal);
        Assert.Contains("\u2068IOM's channel\u2069", banner, StringComparison.Ordinal);
        Assert.Contains("(https://example.org/report)", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2068", Text("fr")["BannerReport", "IOM's channel", "https://example.org/report"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_file_that_is_not_JSON_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-cards-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "en.json"), """{"WhatTheCodeSays": "What the Code says"}""");
            File.WriteAllText(Path.Combine(folder, "fr.json"), "{ not json");

            var error = Assert.Throws<InvalidDataException>(() => new CardLanguages(folder));

            Assert.Contains("fr.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
