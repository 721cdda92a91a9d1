using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.Knowledge;

namespace EthicsBot.Tests.Answers;

/// <summary>
/// The form under an answer is the one the asker needs: their own act that the Code says to declare or get approved,
/// never a prohibited act, a general or an accounting question; the act decides, even where the Code is silent.
/// </summary>
public sealed class FormOfferTests
{
    private static async Task<string?> FormOfferedAsync(string question, string organization)
    {
        var answer = await SemanticSearchTests.AskAsync(question, organization);
        return answer.TryGetProperty("disclosure", out var form) ? form.GetString() : null;
    }

    [Theory]
    [InlineData("A local contractor dropped off a crate of mangoes at my home, should I give it back?", "iom", "gift")]
    [InlineData("Can I take the conference hotel room the ministry paid for me?", "iom", "gift")]
    [InlineData("My nephew wants to apply for the logistics assistant post I am recruiting for", "iom", "conflict")]
    [InlineData("I hold shares in a bus company that bids on our transport tenders", "iom", "conflict")]
    [InlineData("Could I give evening lectures at the local college?", "iom", "outside")]
    [InlineData("I want to confirm that I have read the Code", "ims", "acknowledgement")]
    [InlineData("A TV station we train sent me a smartwatch, what should I do?", "ims", "gift")] // IMS has no gift rule, but a gift form
    [InlineData("A partner media outlet has offered me a deputy director post once my IMS contract ends. I'm still monitoring their grant. Anything I should do?", "ims", "conflict")] // a job offered, not a gift
    [InlineData("A supplier gave me a bottle of whisky for a job well done on the warehouse, can I keep it?", "iom", "gift")] // "a job" is no job offered
    [InlineData("Before my contract ends, a partner NGO wants to give me a farewell gift, can I accept it?", "iom", "gift")]
    [InlineData("The ministry is covering my hotel and meals for their workshop and I was also paid DSA for those days. What should I do?", "iom", "gift")] // 5.53: declared so the allowance is reduced
    [InlineData("The university invited me to give a guest lecture on displacement. Do I have to ask someone first?", "iom", "outside")] // invited to speak, not given a gift
    [InlineData("The shipping company we contract invited me for a job interview. I still approve their invoices. Is that a problem?", "iom", "conflict")]
    [InlineData("The hotel where we hold our trainings offered me a free suite upgrade for a weekend with my family. Is it ok to say yes?", "iom", "gift")] // the family goes along, it does not give
    [InlineData("hi, HR asked me to confirm I adhere to the code of ethics. can i do it here in teams?", "ims", "acknowledgement")]
    [InlineData("A beneficiary's mother brought me a small present for Eid, can I keep it?", "iom", "gift")] // "a present" is a gift
    [InlineData("The grandmother of a boy in our programme gave me a handmade shawl to say thanks. Can I keep it?", "iom", "gift")] // neither giver nor thing listed: the gift paragraph answers and it was given
    public async Task An_act_the_Code_says_to_declare_offers_its_form(string question, string organization, string form)
    {
        Assert.Equal(form, await FormOfferedAsync(question, organization));
    }

    [Theory]
    [InlineData("Are kickbacks from contractors ever allowed?", "iom")] // prohibited, and nobody's own act
    [InlineData("Can I slip the border guard a little cash so the convoy gets through?", "iom")]
    [InlineData("Can I stand as a candidate for mayor in my town?", "iom")] // forbidden outright, not approved
    [InlineData("What does the Code mean by a conflict of interest?", "ims")] // a general question
    [InlineData("Do we have to file every fuel receipt with the project accounts?", "ims")] // accounting
    [InlineData("For our team retreat I have to present the IMS core values. Where are they defined?", "ims")] // "present" the verb gives nothing
    [InlineData("I will present our findings at the donor meeting, which paragraph covers what I may say?", "iom")]
    [InlineData("Can I use my work laptop for my online course in the evening?", "iom")] // a thing, but nobody gave it
    [InlineData("A friend who runs a small NGO asked me for our list of beneficiaries with their phone numbers, can I share it?", "iom")] // a friend, but no conflict to declare
    [InlineData("Does my health insurance cover my parents who live with me?", "iom")] // "cover my", but nobody gave anything
    [InlineData("My manager gave me a new laptop for the field, can I install my own apps on it?", "iom")] // given by one's own side
    [InlineData("I'm on a 3-month consultancy contract with IOM. Do the Standards of Conduct apply to me?", "iom")] // a contract type, not an outside activity
    public async Task A_prohibited_act_a_general_or_an_accounting_question_offers_no_form(string question, string organization)
    {
        Assert.Null(await FormOfferedAsync(question, organization));
    }

    [Fact]
    public void A_word_that_only_sometimes_tells_of_the_act_calls_the_form_only_when_the_answer_rests_on_its_clause()
    {
        var clauses = new ClauseCatalog([
            new EthicsBot.Knowledge.Documents.Clause("iom-5.22", "iom", "5.22", "Conflicts of interest", "Conflicts of interest.", [], "IOM", 0),
            new EthicsBot.Knowledge.Documents.Clause("iom-5.39", "iom", "5.39", "Discretion", "Discretion.", [], "IOM", 1),
        ]);
        var form = new FormDefinition
        {
            Id = "conflict", Organization = "iom", Title = "Disclose", ReferencePrefix = "COI", Clauses = ["iom-5.22"],
            Steps = [new FormStep { Id = "one", Title = "One", Fields = [new FormField { Id = "what", Label = "What", Type = FieldTypes.Text }] }],
            Offer = new FormOfferRule { Button = "Disclose a conflict", About = ["my company"], AboutWhenCited = ["cousin"] },
        };
        var offers = new FormOffers(new FormCatalog([form], clauses), EthicsBot.Knowledge.Search.ThingLexicon.Empty);

        Assert.Equal("conflict", offers.For("My cousin applied for the job I recruit for", "iom", ["iom-5.22"])?.Id);
        Assert.Equal("conflict", offers.For("My cousin applied for the job I recruit for", "iom", ["iom-5.39", "iom-5.22"])?.Id);
        Assert.Null(offers.For("My cousin asked me for the beneficiary list", "iom", ["iom-5.39"]));
        Assert.Equal("conflict", offers.For("My company bids on our tenders", "iom", ["iom-5.39"])?.Id); // always calls it
    }

    [Fact]
    public void A_form_whose_offer_names_an_unknown_lexicon_category_stops_the_start()
    {
        var clauses = new ClauseCatalog([]);
        var form = new FormDefinition
        {
            Id = "gift", Organization = "iom", Title = "Declare", ReferencePrefix = "GIFT",
            Steps = [new FormStep { Id = "one", Title = "One", Fields = [new FormField { Id = "what", Label = "What", Type = FieldTypes.Text }] }],
            Offer = new FormOfferRule { Button = "Declare a gift", Things = ["gadgets"] },
        };
        var catalog = new FormCatalog([form], clauses);

        var error = Assert.Throws<FormDefinitionException>(() => new FormOffers(catalog, EthicsBot.Knowledge.Search.ThingLexicon.Empty));
        Assert.Contains("offer thing 'gadgets'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offer_without_a_button_stops_the_start()
    {
        var form = new FormDefinition
        {
            Id = "gift", Organization = "iom", Title = "Declare", ReferencePrefix = "GIFT",
            Steps = [new FormStep { Id = "one", Title = "One", Fields = [new FormField { Id = "what", Label = "What", Type = FieldTypes.Text }] }],
            Offer = new FormOfferRule { About = ["gift"] },
        };

        var error = Assert.Throws<FormDefinitionException>(() => new FormCatalog([form], new ClauseCatalog([])));
        Assert.Contains("'offer' needs a 'button'", error.Message, StringComparison.Ordinal);
    }
}
