using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Shared.Organizations;
using EthicsBot.Tests.Disclosures;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Cards;

/// <summary>Every card the bot can send, parsed by the official <c>adaptivecards</c> npm package: no errors, no warnings.</summary>
public sealed class CardSchemaTests : IDisposable
{
    private readonly BotFactory _bot = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-cards-").FullName;

    public void Dispose()
    {
        _bot.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// Every card, with <paramref name="typed"/> (when given) as every piece of text a person typed: the question, a
    /// form's text answers, display names, the office's answers and comments, a model's wording.
    /// </summary>
    internal async Task<List<(string Name, AdaptiveCard Card)>> EveryCardAsync(string? typed = null)
    {
        var assistant = _bot.Services.GetRequiredService<Assistant>();
        var organizations = _bot.Services.GetRequiredService<OrganizationDirectory>();
        var cards = new List<(string, AdaptiveCard)>();
        foreach (var organization in organizations.All)
        {
            foreach (var question in new[] { "Can I accept a gift from a supplier?", "My brother wants to bid on our tender", "Can I teach at a university?", "How do I reset my laptop password?",
                         "هل يمكنني قبول هدية من مورد؟", "Comment je change mon mot de passe Teams ?" })
            {
                var answer = await assistant.RespondAsync(question, organization);
                cards.Add(($"{organization.Id}-{answer.Kind}-{cards.Count}", BotCards.Answer(answer, "answer-id", question, organization)));
                if (answer.Kind == Answer.AnswerKind)
                {
                    var written = new GroundedText(typed ?? $"You may, if you disclose it [{answer.Clauses[0].Id}].", "needs_approval", "the head of administration", [answer.Clauses[0].Id], true);
                    cards.Add(($"{organization.Id}-grounded-{cards.Count}", BotCards.Answer(answer with { Grounded = written }, "answer-id", question, organization)));
                    cards.Add(($"{organization.Id}-fallback-{cards.Count}", BotCards.Answer(answer with { GroundedFallback = GroundedResult.TimedOut }, "answer-id", question, organization)));
                }
            }
            cards.Add(($"{organization.Id}-handoff", BotCards.Handoff(organization, "Accountability")));
            cards.Add(($"{organization.Id}-handoff-ar", BotCards.Handoff(organization, "Accountability", "ar")));
            cards.Add(($"{organization.Id}-welcome", BotCards.Welcome(organization)));
            cards.Add(($"{organization.Id}-welcome-fr", BotCards.Welcome(organization, "fr-FR")));
            cards.AddRange(DisclosureCardsOf(organization, typed));
        }
        return cards;
    }

    /// <summary>Every step of every form (blank, filled, with a problem on each field), its summary, and the cards after it.</summary>
    private IEnumerable<(string, AdaptiveCard)> DisclosureCardsOf(OrganizationProfile organization, string? typed)
    {
        var question = typed ?? "Can I keep a pen?";
        var said = typed ?? "Yes.";
        var name = typed ?? "Olu";
        var forms = _bot.Services.GetRequiredService<FormCatalog>();
        var today = new DateOnly(2026, 11, 20);
        var who = DialogHarness.Person() is var person && typed is not null ? person with { Name = typed } : DialogHarness.Person();
        var disclosures = new List<Disclosure>();
        foreach (var form in forms.ForOrganization(organization.Id))
        {
            var values = form.Fields.ToDictionary(f => f.Id, f => typed is not null && f.Type is FieldTypes.Text or FieldTypes.LongText && f.Pattern is null ? typed : DialogHarness.ValidInput(f, today));
            var state = new DialogState { DialogId = "d1", Organization = organization.Id, FormId = form.Id, Discloser = who, Values = values };
            for (var step = 0; step < form.Steps.Count; step++)
            {
                yield return ($"{organization.Id}-{form.Id}-step{step}-blank", DisclosureCards.Step(form, state with { Step = step, Values = [] }, today, null, null, "A note."));
                var errors = form.Steps[step].Fields.ToDictionary(f => f.Id, f => "This is wrong.");
                yield return ($"{organization.Id}-{form.Id}-step{step}-errors", DisclosureCards.Step(form, state with { Step = step }, today, errors, null));
            }
            yield return ($"{organization.Id}-{form.Id}-summary", DisclosureCards.Summary(form, state with { Step = form.Steps.Count }));
            var disclosure = new Disclosure
            {
                Id = "d1", Organization = organization.Id, FormId = form.Id, FormTitle = form.Title, Noun = form.Noun, ReferencePrefix = form.ReferencePrefix, Reference = form.ReferencePrefix + "-2026-000001",
                Discloser = who, Answers = [.. form.Fields.Select(f => new DisclosureAnswer(f.Id, f.Label, values[f.Id], FieldValues.Display(f, values[f.Id])))], Submitted = DateTimeOffset.UnixEpoch,
            };
            disclosures.Add(disclosure);
            yield return ($"{organization.Id}-{form.Id}-submitted", DisclosureCards.Submitted(disclosure, form));
            yield return ($"{organization.Id}-{form.Id}-cancelled", DisclosureCards.Cancelled(form));
            yield return ($"{organization.Id}-{form.Id}-office", DisclosureCards.Office(disclosure, organization, forMember: true));
            var decided = disclosure with { Status = DisclosureStatus.Declined, Decisions = [new DisclosureDecision(DisclosureStatus.Declined, "aad", typed ?? "Olu Office", DateTimeOffset.UnixEpoch, typed ?? "Please return it.")] };
            yield return ($"{organization.Id}-{form.Id}-office-decided", DisclosureCards.Office(decided, organization, forMember: true, note: "Already decided."));
        }
        var item = new EthicsBot.Features.Office.ReviewItem { Id = "r1", Organization = organization.Id, Question = question, Clauses = ["iom-5.50"], Asker = who.Conversation, At = DateTimeOffset.UnixEpoch };
        var orgWithMembers = new OrganizationProfile { Id = organization.Id, Name = organization.Name, EthicsOffice = new EthicsOffice { Name = "Office", Members = ["m1", "m2"] } };
        yield return ($"{organization.Id}-review-open", ReviewCards.Item(item with { AssignedToName = typed ?? "Kofi" }, orgWithMembers, note: "A note."));
        yield return ($"{organization.Id}-review-answered", ReviewCards.Item(item with { Status = "answered", Answer = said, AnswerClauses = ["iom-5.50"], ClosedByName = name, ClosedAt = DateTimeOffset.UnixEpoch }, orgWithMembers));
        yield return ($"{organization.Id}-review-dismissed", ReviewCards.Item(item with { Status = "dismissed", ClosedByName = name }, orgWithMembers));
        yield return ($"{organization.Id}-review-footer", ReviewCards.PageFooter(organization.Id, 1, 5, 12, 5));
        var entry = new EthicsBot.Features.Answers.FaqEntry { Id = "r1", Organization = organization.Id, Question = question, Answer = said, Clauses = ["iom-5.50"], PublishedBy = name };
        yield return ($"{organization.Id}-faq", ReviewCards.Faq(entry, note: "Published."));
        yield return ($"{organization.Id}-faq-withdrawn", ReviewCards.Faq(entry with { Withdrawn = true }));
        yield return ($"{organization.Id}-insights", ReviewCards.Insights([new("Answers", "Questions asked", "< 5"), new("Answers", "Answered", "0"), new("Feedback", "👍 helpful", "12")], organization));
        yield return ($"{organization.Id}-erase", ReviewCards.ConfirmErase(typed ?? "aad-1", organization.Id, new EthicsBot.Features.Office.ErasureReach(false, [organization])));
        yield return ($"{organization.Id}-erase-everywhere", ReviewCards.ConfirmErase("aad-1", organization.Id, new EthicsBot.Features.Office.ErasureReach(true, [organization])));
        yield return ($"{organization.Id}-erased", ReviewCards.Erased(new EthicsBot.Features.Office.ErasureReport(new EthicsBot.Features.Office.ErasureReach(false, [organization]),
            [new EthicsBot.Features.Office.ErasedIn(organization.Name, new EthicsBot.Shared.DataRights.DeletedCounts(1, 0, 0, 1, 2))])));
        yield return ($"{organization.Id}-share", BotCards.OfferToShare("a1", question, ["iom-5.50"], organization));
        yield return ($"{organization.Id}-faq-answer", BotCards.Answer(new Answer(Answer.AnswerKind, organization.Id, [], "x") { Faq = new OfficeAnswer("r1", question, said, ["iom-5.50"]) }, "a1", question, organization));
        yield return ($"{organization.Id}-my-disclosures", DisclosureCards.List(disclosures, "gift declaration", organization));
        yield return ($"{organization.Id}-my-disclosures-none", DisclosureCards.List([], null, organization));
        yield return ($"{organization.Id}-members-only", DisclosureCards.MembersOnly(organization));
    }

    [Fact]
    public async Task Every_card_parses_cleanly_with_the_official_parser_at_version_1_5()
    {
        await NodeTools.EnsureInstalledAsync();
        var cards = await EveryCardAsync();
        Assert.Contains(cards, c => c.Name.Contains("not_covered", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.Name.Contains("-answer-", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.Name == "ims-acknowledgement-step0-errors");
        Assert.Contains(cards, c => c.Name == "iom-gift-office");
        var files = new List<string>();
        foreach (var (name, card) in cards)
        {
            var file = Path.Combine(_folder, name + ".json");
            await File.WriteAllTextAsync(file, card.ToJson().GetRawText());
            files.Add(file);
        }

        var (code, output) = await NodeTools.RunAsync("node", ["validate-cards.cjs", .. files], TimeSpan.FromMinutes(1));

        Assert.True(code == 0, output);
        Assert.Equal(cards.Count, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"events\":[]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_parser_check_itself_catches_a_broken_card()
    {
        await NodeTools.EnsureInstalledAsync();
        var file = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(file, """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlockk","text":"x"}]}""");

        var (code, output) = await NodeTools.RunAsync("node", ["validate-cards.cjs", file], TimeSpan.FromMinutes(1));

        Assert.Equal(1, code);
        Assert.Contains("UnknownElementType", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_stay_far_below_the_Teams_message_limit_even_for_the_longest_clauses()
    {
        foreach (var (name, card) in await EveryCardAsync())
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.ToJson().GetRawText()) < 28 * 1024, name);
    }
}
