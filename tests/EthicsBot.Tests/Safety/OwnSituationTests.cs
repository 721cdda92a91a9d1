using EthicsBot.Features.Safety;

namespace EthicsBot.Tests.Safety;

/// <summary>
/// The banner lifted from questions about one's own situation, and kept on anything that may tell of someone else's
/// conduct: the rule itself, and the screen with the shipped model made unsure of every message.
/// </summary>
public sealed class OwnSituationTests : IClassFixture<ReportScreenTests.Shipped>
{
    private readonly ReportScreen _unsure;
    private readonly ReportScreenTests.Shipped _shipped;

    public OwnSituationTests(ReportScreenTests.Shipped shipped)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        _shipped = shipped;
        _unsure = new ReportScreen(shipped.Encoder, shipped.Model with { BannerAbove = 0.000001, HandoffAbove = 0.999999 });
    }

    [Theory]
    [InlineData("My wife runs a catering business and I organise our trainings. Can her company supply the lunches?", "can her company")]
    [InlineData("I'm the head of admin at my duty station and a vendor dropped off a box of chocolates for me. Who do I disclose it to?", "who do i")]
    [InlineData("My brother-in-law owns one of the car rental companies that replied to our RFQ. What should I do?", "what should i do")]
    [InlineData("What happens if someone files a complaint against a colleague just to get back at them?", "what happens if")]
    [InlineData("Is there a staff canteen at headquarters?", "is there a")]
    [InlineData("A researcher from the university asked me for our registration data for her thesis. Can I send it?", "can i")]
    [InlineData("Some friends from church asked me to join a march for refugee rights. Would that be a problem?", "would that be a problem")]
    // "My brother is editor-in-chief" is no editor of ours doing something; an officer of customs or the police is no one
    // of the organisation; a gift left for the writer is no one leaving the writer out; "is there anything I need to…".
    [InlineData("My brother is editor-in-chief of a radio station that applied for a grant I manage. What do I do?", "what do i do")]
    [InlineData("The customs officer at the port wants a little something to release our kits. Can I pay it?", "can i")]
    [InlineData("A contractor left me a box of coffee. Who do I disclose it to?", "who do i")]
    [InlineData("My wife was hired by a partner whose reports I approve. Is there anything I need to declare?", "is there anything i need")]
    public void A_question_about_ones_own_case_or_the_rules_is_recognised(string text, string phrase) =>
        Assert.Equal(phrase, OwnSituation.Asks(text));

    [Theory]
    [InlineData("I saw a colleague loading NFI kits into his private car. Am I obliged to report it?")]
    [InlineData("Audit is coming and my manager asked me to 'lose' a few files. What should I do?")]
    [InlineData("HR shared my medical file with the whole admin WhatsApp group. Is that allowed?")]
    [InlineData("Our driver has been using the clinic vehicle as a taxi at night. Where can I find the vehicle policy?")]
    [InlineData("The district governor keeps calling me about which villages to serve. Do I have to do what he says?")]
    [InlineData("The contractor asked me for a cut of the payment, can I refuse without losing the contract?")]
    [InlineData("A colleague accepts money from suppliers, is that allowed?")]
    [InlineData("Tell me about the gift rules")]
    [InlineData("Someone asked me to delete the emails before the audit. Should I?")]
    [InlineData("The contractor wants me to sign the delivery note before the trucks arrive. Can I?")]
    [InlineData("The community leader asked us for a share of the cash grants for his committee. Should we?")] // from outside, but a wrongdoing named
    // A second reader's cases: a statement with "who pays", a manager named after "as", a person or pronoun acting.
    [InlineData("There's a vendor who pays the logistics lead every month to win the tenders.")]
    [InlineData("Is it ok to pay the vendor twice, as my manager insists?")]
    [InlineData("What if someone in the office is selling the kits? I think it's happening.")]
    [InlineData("Ahmed from finance keeps the change from every advance. Is that a problem?")]
    [InlineData("Our project lead deleted the audit folder. Can I restore it?")]
    [InlineData("My supervisor is taking a cut from the drivers' per diem. Is that a problem?")]
    [InlineData("The new storekeeper who works with my cousin keeps selling rations. Any issue with that?")]
    [InlineData("Our project officer left us out of the distribution list after I complained. Is that allowed?")]
    [InlineData("I keep getting messages from him at night. Is that ok?")]
    // A second reader's reports: a post given away, an officer of ours (health, border, district are our titles too),
    // "I keep being…", someone who left the writer stranded.
    [InlineData("The protection officer post went to the deputy's girlfriend, she never applied. Is that allowed?")]
    [InlineData("Our health officer asks migrants for 30 dollars before the medical exam. Is that allowed?")]
    [InlineData("The district officer of our project records trainings that did not happen. What should I do?")]
    [InlineData("I keep being called into the office at night and asked to stay alone. What should I do?")]
    [InlineData("He left me stranded at the border crossing as punishment because I refused to sign. Is that allowed?")]
    public void A_message_that_may_tell_of_someone_else_or_asks_nothing_is_not(string text) =>
        Assert.Null(OwnSituation.Asks(text));

    [Theory]
    [InlineData("Mon neveu a postulé comme chauffeur et je fais partie du panel de recrutement. Je dois me retirer ?", "fr")]
    [InlineData("¿Puedo hacer fotografía de bodas los fines de semana y cobrar?", "es")]
    [InlineData("Tenho uma banda e fazemos shows pagos nos fins de semana. Preciso de autorização?", "pt")]
    [InlineData("عندي نسخة من بيانات المستفيدين على لابتوبي الشخصي علشان أشتغل من البيت، ده مسموح؟", "ar")]
    [InlineData("كم مبلغ الهدية المسموح؟", "ar")]
    [InlineData("Il faut une autorisation pour enseigner le soir ?", "fr")]
    public void A_question_about_ones_own_case_is_recognised_in_the_other_languages(string text, string language) =>
        Assert.NotNull(OwnSituation.Asks(text, language));

    [Theory]
    [InlineData("Est-ce qu'on peut publier des photos ? Je demande parce que l'animateur du centre envoie des photos des filles à des hommes.", "fr")]
    [InlineData("Je crois que l'assistante RH a modifié les notes du test. Est-ce que je dois garder les copies ?", "fr")]
    [InlineData("¿Puedo guardar datos en mi celular? Es que el asistente de monitoreo subió la lista a Facebook.", "es")]
    [InlineData("Posso ficar com o presente? O meu chefe pediu dinheiro às famílias.", "pt")]
    [InlineData("المصوّر يلي متعاقدين معه عم يبيع صور اللاجئين لوكالات أجنبية. شو لازم أعمل؟", "ar")]
    [InlineData("Can I keep it?", "sw")]
    [InlineData("Il garde une partie des rations pour lui. Que dois-je faire ?", "fr")]
    [InlineData("Él se queda con parte del dinero de los beneficiarios. ¿Qué hago?", "es")]
    [InlineData("É permitido que o coordenador peça dinheiro às famílias para as inscrever?", "pt")]
    [InlineData("هو يصور الاطفال بالكاميرا ويرسل الصور لرجال", "ar")]
    [InlineData("هو ياخذ نص الحصص لبيته. شو لازم اعمل؟", "ar")]
    public void Someone_elses_conduct_or_a_language_without_rules_keeps_the_banner(string text, string language) =>
        Assert.Null(OwnSituation.Asks(text, language));

    [Fact]
    public async Task The_screen_lifts_the_banner_from_a_question_about_ones_own_case()
    {
        var verdict = await _unsure.ScreenAsync("My wife runs a catering business and I organise our trainings. Can her company supply the lunches?");

        Assert.Equal(ReportAction.Answer, verdict.Action);
        Assert.Contains(verdict.Signals, s => s.StartsWith("own situation:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("I saw a colleague loading NFI kits into his private car. Am I obliged to report it?")]
    [InlineData("A gift from a supplier")]
    public async Task The_screen_keeps_the_banner_on_anything_else(string text) =>
        Assert.Equal(ReportAction.Banner, (await _unsure.ScreenAsync(text)).Action);

    [Fact]
    public async Task The_handoff_is_never_lifted()
    {
        var certain = new ReportScreen(_shipped.Encoder, _shipped.Model with { BannerAbove = 0.000001, HandoffAbove = 0.000002 });

        Assert.Equal(ReportAction.Handoff, (await certain.ScreenAsync("Can I accept a box of chocolates from a supplier?")).Action);
    }
}
