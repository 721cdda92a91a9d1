using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Embeddings;

namespace EthicsBot.Tests.Safety;

/// <summary>
/// The report screen in French, Spanish, Arabic and Portuguese (the n-gram model beside the English sentence model),
/// and a language it was not trained on: the shipped models and the real encoder, on messages written for these tests
/// (none is in the corpus).
/// </summary>
public sealed class MultilingualScreenTests(MultilingualScreenTests.Shipped shipped) : IClassFixture<MultilingualScreenTests.Shipped>
{
    public sealed class Shipped : IDisposable
    {
        public MiniLmEmbeddingGenerator Encoder { get; } = new();
        public ReportModel Model { get; } = ReportModel.Load(Repo.Combine("knowledge", "intent", "model.json"), MiniLmEmbeddingGenerator.Dimensions);
        public NgramModel Ngram { get; } = NgramModel.Load(Repo.Combine("knowledge", "intent", "ngram-model.json"));
        public void Dispose() => Encoder.Dispose();
    }

    private readonly ReportScreen _screen = new(shipped.Encoder, shipped.Model, shipped.Ngram);

    [Theory]
    [InlineData("Le magasinier revend les sacs de riz du programme au marché de Bouaké, je l'ai vu charger le camion hier soir.")]
    [InlineData("Ma cheffe de section me fait des avances depuis des semaines et dit que mon contrat dépend de ma réponse.")]
    [InlineData("Un agent demande 5000 francs aux familles pour les mettre sur la liste de distribution.")]
    [InlineData("El coordinador de bodega está vendiendo los kits de higiene en el mercado de Cúcuta, lo vi con mis propios ojos.")]
    [InlineData("Mi supervisor me manda mensajes de noche y me dijo que si no salgo con él no me renuevan el contrato.")]
    [InlineData("La encargada de compras le pasó los precios de los otros oferentes a su cuñado antes de la licitación.")]
    [InlineData("مديري يأخذ رشوة من المقاول منذ شهرين")]
    [InlineData("أمين المخزن يبيع البطانيات المخصصة للنازحين في السوق، رأيته بنفسي يحملها في سيارته")]
    [InlineData("المشرف بيطلب من البنات أرقام تليفوناتهن وبيقول إنه هيساعدهن في التسجيل لو قابلوه برا")]
    [InlineData("المحاسب زوّر توقيعي على إيصالات الصرف الشهر الماضي")]
    [InlineData("o meu chefe pediu dinheiro aos beneficiários para os registar")]
    [InlineData("O motorista usa a viatura do projecto para fazer chapa aos fins de semana e fica com o dinheiro.")]
    [InlineData("A supervisora de campo está a cobrar uma parte dos cupões de alimentação às famílias deslocadas em Pemba.")]
    [InlineData("Meu gerente me assedia no escritório e disse que vai me demitir se eu contar pra alguém.")]
    public async Task A_report_in_french_spanish_arabic_or_portuguese_is_caught(string report)
    {
        var verdict = await _screen.ScreenAsync(report);

        Assert.True(verdict.TreatAsReport, $"{verdict.Action}: {string.Join("; ", verdict.Signals)}");
        Assert.False(verdict.Unfamiliar);
    }

    [Theory]
    [InlineData("زميلي يسرق الوقود من المستودع")]
    [InlineData("مديري يأخذ رشوة من المقاول منذ شهرين")]
    [InlineData("المشرف يتحرش بي كل يوم في المكتب")]
    [InlineData("رأيت السائق يبيع الوقود في السوق")]
    [InlineData("مسؤول التوزيع يطلب من العائلات فلوس حتى يسجلهم")]
    public async Task A_plain_report_in_arabic_is_handed_off_by_the_rules(string report)
    {
        var verdict = await _screen.ScreenAsync(report);

        Assert.True(verdict.Action == ReportAction.Handoff, $"{verdict.Action}: {string.Join("; ", verdict.Signals)}");
        Assert.True(ReportDetector.Detect(report).IsReport);
    }

    [Theory]
    [InlineData("هل يجوز قبول رشوة صغيرة لتسريع المعاملة؟")]
    [InlineData("ما هو تعريف التحرش في مدونة السلوك؟")]
    [InlineData("لو زميلي سرق شيئاً من المكتب ماذا أفعل؟")]
    [InlineData("كيف أبلغ عن الفساد بشكل سري؟")]
    [InlineData("لنفترض أن موظفاً دفع مبلغاً لشرطي على حاجز، هل يعتبر ذلك رشوة؟")]
    [InlineData("زميلي طلب مني أسلّفه مصاري لآخر الشهر، في مشكلة إذا أعطيته؟")]
    public void An_arabic_question_about_the_rules_or_a_case_imagined_is_no_report_to_the_rules(string question) =>
        Assert.False(ReportDetector.Detect(question).IsReport, string.Join("; ", ReportDetector.Detect(question).Signals));

    [Theory]
    [InlineData("Est-ce que je peux accepter un petit cadeau d'un partenaire pour la fin de l'année ?", "fr")]
    [InlineData("Combien de jours de congé annuel me reste-t-il et comment les demander ?", "fr")]
    [InlineData("¿Puedo aceptar una invitación a almorzar de un proveedor?", "es")]
    [InlineData("¿Cuántos días de vacaciones me corresponden este año?", "es")]
    [InlineData("هل يمكنني قبول هدية من مورد؟", "ar")]
    [InlineData("كم يوم إجازة سنوية يحق لي هذا العام؟", "ar")]
    [InlineData("Posso aceitar um presente de um fornecedor no Natal?", "pt")]
    [InlineData("Quantos dias de férias ainda tenho este ano?", "pt")]
    public async Task A_plain_question_is_not_handed_off_and_its_language_is_known(string question, string language)
    {
        var verdict = await _screen.ScreenAsync(question);

        Assert.NotEqual(ReportAction.Handoff, verdict.Action);
        Assert.False(verdict.Unfamiliar, string.Join("; ", verdict.Signals));
        Assert.Equal(language, verdict.Language);
    }

    [Theory]
    [InlineData("Msimamizi wangu anachukua rushwa kutoka kwa wasambazaji")]
    [InlineData("Dereva wa ofisi anauza mafuta ya gari la mradi kila wiki")]
    [InlineData("Мой начальник берёт деньги у поставщиков")]
    [InlineData("Мій керівник вимагає гроші від постачальників за контракти")]
    public async Task A_report_in_a_language_the_screen_was_not_trained_on_gets_at_least_the_banner(string report)
    {
        var verdict = await _screen.ScreenAsync(report);

        Assert.True(verdict.TreatAsReport, string.Join("; ", verdict.Signals));
        Assert.True(verdict.Unfamiliar);
        Assert.Null(verdict.Language);
    }

    [Theory]
    [InlineData("هل يمكنني قبول هدية صغيرة من مورد؟ وأيضاً مديري يأخذ نسبة من كل عقد مع المقاولين منذ أشهر")]
    [InlineData("Can I accept a gift from a supplier?\nمديري يأخذ رشوة من المقاول منذ شهرين")]
    public async Task A_report_after_a_question_in_arabic_is_caught(string message)
    {
        var verdict = await _screen.ScreenAsync(message);

        Assert.True(verdict.TreatAsReport, string.Join("; ", verdict.Signals));
    }

    [Fact]
    public async Task English_goes_to_the_sentence_model_as_before()
    {
        var question = await _screen.ScreenAsync("How many days of annual leave do I have left?");
        var report = await _screen.ScreenAsync("the storekeeper has been selling the tarpaulins we are supposed to hand out, I saw him load them into his cousin's truck");

        Assert.Equal(ReportAction.Answer, question.Action);
        Assert.Equal("en", question.Language);
        Assert.True(report.TreatAsReport);
        Assert.DoesNotContain(report.Signals, s => s.Contains("n-gram", StringComparison.Ordinal));
    }
}
