using System.Text.Json;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Embeddings;

namespace EthicsBot.Tests.Safety;

/// <summary>The shipped report model with the real encoder: it loads, and decides messages that are not in its corpus.</summary>
public sealed class ReportScreenTests : IClassFixture<ReportScreenTests.Shipped>
{
    /// <summary>The encoder is loaded once for the class (under a second), as the bot loads it once at start.</summary>
    public sealed class Shipped : IDisposable
    {
        public MiniLmEmbeddingGenerator Encoder { get; } = new();
        public ReportModel Model { get; } = ReportModel.Load(Repo.Combine("knowledge", "intent", "model.json"), MiniLmEmbeddingGenerator.Dimensions);
        public void Dispose() => Encoder.Dispose();
    }

    private readonly ReportScreen _screen;
    private readonly ReportModel _model;

    public ReportScreenTests(Shipped shipped)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        _screen = new ReportScreen(shipped.Encoder, shipped.Model);
        _model = shipped.Model;
    }

    [Theory]
    [InlineData("the storekeeper has been selling the tarpaulins we are supposed to hand out, I saw him load them into his cousin's truck")]
    [InlineData("Mi jefe me pide favores sexuales a cambio de renovar mi contrato")]
    [InlineData("Our country director keeps touching my shoulders and commenting on what I wear, I dread going to the office")]
    public async Task A_report_in_words_the_rules_were_not_written_for_is_not_answered_as_a_question(string report)
    {
        var verdict = await _screen.ScreenAsync(report);

        Assert.True(verdict.TreatAsReport, $"p={verdict.Probability:0.00}");
    }

    [Theory]
    [InlineData("Can I accept a box of chocolates from a supplier at the end of the year?")]
    [InlineData("How many days of annual leave do I have left?")]
    [InlineData("What does the Code say about joining a political party?")]
    public async Task A_plain_question_gets_its_answer_without_banner(string question)
    {
        var verdict = await _screen.ScreenAsync(question);

        Assert.Equal(ReportAction.Answer, verdict.Action);
        Assert.True(verdict.Probability < _model.BannerAbove, $"p={verdict.Probability:0.00}");
    }

    /// <summary>The real screen with its sentence model's thresholds moved, so that the rules' part can be seen alone.</summary>
    private ReportScreen WithThresholds(double handoffAbove, double bannerAbove) =>
        new(new MiniLmEmbeddingGenerator(), _model with { HandoffAbove = handoffAbove, BannerAbove = bannerAbove });

    [Fact]
    public async Task A_rule_that_fires_on_a_question_the_model_reads_as_plain_gives_the_banner_not_the_handoff()
    {
        // A model that hears no report anywhere: only the rules speak.
        var deaf = WithThresholds(handoffAbove: 0.999, bannerAbove: 0.998);

        var asked = await deaf.ScreenAsync("Friends from church asked me to sign a petition against the deportations. Would that be an issue for me?");
        var told = await deaf.ScreenAsync("Friends from church asked me to sign a petition against the deportations.");
        var witnessed = await deaf.ScreenAsync("I saw my colleague stealing fuel from the store. What should I do?");
        var harmed = await deaf.ScreenAsync("My manager slapped me in front of everyone. Can I do something?");
        var someoneNamed = await deaf.ScreenAsync("Does the harassment policy cover my supervisor grabbing me at the party?");
        var wantsToReport = await deaf.ScreenAsync("I want to report my colleague for stealing fuel. How do I do it?");

        Assert.Equal(ReportAction.Banner, asked.Action);
        Assert.True(asked.TreatAsReport);
        Assert.Contains(asked.Signals, s => s.StartsWith("rules against the model", StringComparison.Ordinal));
        Assert.Equal(ReportAction.Handoff, told.Action);
        Assert.Equal(ReportAction.Handoff, witnessed.Action);
        Assert.Equal(ReportAction.Handoff, harmed.Action);
        Assert.Equal(ReportAction.Handoff, someoneNamed.Action);
        Assert.Equal(ReportAction.Handoff, wantsToReport.Action);
    }

    [Theory]
    [InlineData("Someone in the office is stealing money from the petty cash. How should I handle this?")]
    [InlineData("The partner's driver wanted me to falsify the mileage log. What should I do?")]
    [InlineData("Do the standards apply when the driver charges migrants money for seats on the bus?")]
    [InlineData("I was sexually assaulted by a colleague at the retreat. What are my options?")]
    public async Task A_rule_and_a_model_that_hears_a_report_hand_off_whatever_question_ends_it(string report)
    {
        var verdict = await _screen.ScreenAsync(report);

        Assert.Equal(ReportAction.Handoff, verdict.Action);
    }

    [Theory]
    [InlineData("The ministry official wants me to add 40 names he gave me to the cash list. What should I do?")]
    [InlineData("The community leader asked us for a share of the cash grants for his committee. Should we?")]
    [InlineData("The partner asked me to keep quiet about the missing tents. Should I?")]
    public async Task A_request_from_outside_that_the_model_hears_as_more_keeps_the_banner(string report)
    {
        var verdict = await _screen.ScreenAsync(report);

        Assert.True(verdict.TreatAsReport, $"{verdict.Action}: {string.Join("; ", verdict.Signals)}");
    }

    [Theory]
    [InlineData("Does the bullying policy apply to messages in the team WhatsApp group at night?")]
    [InlineData("do the harassment rules count at a team dinner outside the office?")]
    public void A_question_about_what_a_rule_covers_is_no_report_to_the_rules(string question) =>
        Assert.False(ReportDetector.Detect(question).IsReport, string.Join("; ", ReportDetector.Detect(question).Signals));

    [Theory]
    [InlineData("Does the harassment policy cover my supervisor grabbing me at the party?")] // someone named
    [InlineData("Does the fraud policy apply when I saw the storekeeper changing the stock cards?")] // seen
    [InlineData("I saw the storekeeper changing the stock cards, is it fraud?")] // "fraud" is a Spanish word too: the English rules still read it
    public void A_report_asked_as_what_a_rule_covers_is_still_a_report_to_the_rules(string report) =>
        Assert.True(ReportDetector.Detect(report).IsReport, string.Join("; ", ReportDetector.Detect(report).Signals));

    [Theory]
    [InlineData("Can gossip about a colleague be considered harassment?")]
    [InlineData("Are jokes about someone's nationality covered by the discrimination rules?")]
    [InlineData("Does asking a colleague out for coffee once count as sexual harassment?")]
    [InlineData("How long after an incident can someone file a harassment complaint?")]
    [InlineData("Under IOM rules, can a staff member be dismissed for sexual exploitation on a first offence?")]
    public void A_question_on_how_the_rules_treat_an_act_of_nobody_in_particular_is_no_report_to_the_rules(string question) =>
        Assert.False(ReportDetector.Detect(question).IsReport, string.Join("; ", ReportDetector.Detect(question).Signals));

    [Theory]
    [InlineData("Can the harassment by my team leader be considered bullying? He screams at me daily.")] // someone in particular
    [InlineData("Is verbal abuse by my supervisor covered by the code even if it happens only once?")]
    // A second reader's: a case of the writer's own world (our site, every month, since January), someone doing it,
    // or no question at all after "According to IOM policy".
    [InlineData("According to IOM policy a volunteer abusing children at our centre must be reported, so I am telling you.")]
    [InlineData("Can a volunteer be debarred for abusing children at the centre we run in Tripoli?")]
    [InlineData("Is sexual abuse of a beneficiary by a staff member at our site covered under the PSEA policy?")]
    [InlineData("Is a contractor overbilling us every month considered fraud under IOM rules?")]
    [InlineData("Is a coordinator forcing staff to work unpaid weekends harassment under the code?")]
    [InlineData("Can an accountant be disciplined for stealing from the petty cash box since January?")]
    [InlineData("Are kickbacks from a supplier to a procurement assistant in our office covered by the anti-corruption policy?")]
    [InlineData("Under IOM rules, is it fraud when somebody in finance approves payments to their own company every month?")]
    public void The_same_question_about_someone_in_particular_is_still_a_report_to_the_rules(string report) =>
        Assert.True(ReportDetector.Detect(report).IsReport, string.Join("; ", ReportDetector.Detect(report).Signals));

    [Theory]
    [InlineData("Mon N+1 m'appelle 'la petite' et me dit que si je veux mon CDI je dois être plus gentille avec lui. J'ai peur de perdre mon poste.")]
    [InlineData("Mi jefe dice que si quiero la renovación tengo que ser más cariñosa con él.")]
    public void A_favour_asked_of_the_writer_for_a_job_is_a_report_to_the_rules_in_french_and_spanish(string report) =>
        Assert.True(ReportDetector.Detect(report).IsReport, string.Join("; ", ReportDetector.Detect(report).Signals));

    [Fact]
    public async Task A_report_a_rule_hears_with_someone_doing_it_keeps_the_handoff_whatever_the_model_says()
    {
        // "a guard" is someone who may be doing it: the rules' weighing against the model does not lower this to the banner.
        var verdict = await _screen.ScreenAsync("A guard is demanding sex from women at the gate, is there a hotline?");

        Assert.Equal(ReportAction.Handoff, verdict.Action);
    }

    [Theory]
    [InlineData("I made a joke about a colleague's accent in a meeting and he looked upset afterwards. Could this count as discrimination?")]
    [InlineData("I gave a beneficiary family 20 dollars from my own pocket because they had nothing to eat. Could that be seen as a problem under the code?")]
    public async Task The_writers_own_act_asked_about_gets_the_banner_not_the_handoff(string question)
    {
        var verdict = await _screen.ScreenAsync(question);

        Assert.Equal(ReportAction.Banner, verdict.Action);
    }

    [Fact]
    public async Task Exploitation_named_bare_is_a_wrongdoing_the_rules_hear()
    {
        // The rules knew "exploited" and "sexual exploitation" but not the bare noun; the model heard this one at 0.30.
        var verdict = await _screen.ScreenAsync("I accepted to stay late every night and do the cleaning at the director's house for free. Is that exploitation?");

        Assert.NotEqual(ReportAction.Answer, verdict.Action);
        Assert.Contains(verdict.Signals, s => s.Contains("exploitation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_writers_own_act_keeps_the_banner_where_the_model_hears_a_report_below_its_handoff()
    {
        // A model that hears every message in its banner band, none at its handoff: the rules decide what is more.
        var uneasy = WithThresholds(handoffAbove: 0.999, bannerAbove: 0.0);

        var ownAct = await uneasy.ScreenAsync("I printed my kids' homework on the office printer a few times. Is that misuse of assets?");
        var othersAct = await uneasy.ScreenAsync("I printed the receipts that our accountant had forged. Can I be punished?");
        var witnessed = await uneasy.ScreenAsync("I saw my colleague stealing fuel from the store. What should I do?");
        var asked = await uneasy.ScreenAsync("Friends from church asked me to sign a petition against the deportations. Would that be an issue for me?");

        Assert.Equal(ReportAction.Banner, ownAct.Action);
        Assert.Equal(ReportAction.Handoff, othersAct.Action);
        Assert.Equal(ReportAction.Handoff, witnessed.Action);
        Assert.Equal(ReportAction.Handoff, asked.Action);
    }

    [Theory]
    [InlineData("I've been covering for Jean at distributions while Jean keeps taking extra ration cards home. Am I complicit in theft?")]
    [InlineData("I printed the invitations for the minister's event on our project budget because Ms. Okafor insisted. Is that misuse of funds?")]
    [InlineData("I scored the candidates in the interviews the way Mr Diallo preferred so his cousin came first. Is that rigging the recruitment?")]
    [InlineData("I agreed to go to dinner with my supervisor to keep my contract. Is that sexual exploitation?")]
    [InlineData("I gave 20% of my salary back to the recruitment agent who placed me, again this month. Is that a kickback?")]
    [InlineData("I returned the fuel card to Rashid without checking the 900 litres he'd put on it. Is that misuse of fuel on my part?")]
    public async Task A_first_person_report_that_brings_in_someone_else_keeps_the_handoff_in_the_models_banner_band(string report)
    {
        // A second reader's reports told as the writer's own act: a name, a pronoun, someone the writer acted with or for.
        var uneasy = WithThresholds(handoffAbove: 0.999, bannerAbove: 0.0);

        Assert.True(ReportDetector.NamesAnotherPerson(report));
        Assert.Equal(ReportAction.Handoff, (await uneasy.ScreenAsync(report)).Action);
    }

    [Theory]
    [InlineData("I made a complaint about my supervisor and he took my name off the mission list. Could this count as retaliation?")]
    [InlineData("I was told by my manager to change the figures in the report. Could this count as fraud?")]
    [InlineData("I saw the driver selling fuel. Could this count as theft?")]
    [InlineData("I signed the attendance sheet and then my supervisor took the per diem of the absent ones. Is that fraud?")]
    [InlineData("I printed the receipts that our accountant had forged. Can I be punished?")]
    [InlineData("I signed the fake invoices because my boss had promised me a promotion. Could I get in trouble?")]
    [InlineData("I gave the keys of the warehouse to the guard who is stealing the tents at night. Am I liable?")]
    [InlineData("I gave my password to the finance officer who has been using it to approve his own claims. Could this be misuse of assets by me?")]
    [InlineData("I removed the complaint from the box because the coordinator was named in it. Is this a cover-up?")]
    [InlineData("I delivered the envelope of cash to the customs official for my manager. Is this bribery on my part?")]
    public void Someone_elses_act_beside_the_writers_is_not_the_writers_own(string report) =>
        Assert.False(ReportDetector.TellsOfOwnAct(report, MessageParts.Of(report)));

    [Fact]
    public async Task A_statement_after_a_question_has_been_asked_is_judged_alone()
    {
        // A report between two questions: before, a statement followed by a question was left to the whole message.
        var verdict = await _screen.ScreenAsync("How do I declare outside employment? My line manager has been running a private consultancy out of our office, using our laptops and our staff during working hours and billing the same donors. Is there a specific form for my weekend teaching job?");

        Assert.True(verdict.TreatAsReport, $"{verdict.Action}: {string.Join("; ", verdict.Signals)}");
        Assert.Contains(verdict.Signals, s => s.StartsWith("part 2:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("someone forwarded me an old PDF of the anti-corruption policy. where do I find the current one?")]
    [InlineData("Is the anti fraud training mandatory for drivers?")]
    public void A_policy_named_against_a_wrongdoing_is_no_wrongdoing_told(string question) =>
        Assert.False(ReportDetector.Detect(question).IsReport, string.Join("; ", ReportDetector.Detect(question).Signals));

    [Theory]
    [InlineData("The ministry asked me to give a talk on trafficking at their conference. Who approves this?")]
    [InlineData("My old professor asked me to sign a petition against the deportations in the newspaper. Could that be a problem for me?")]
    public async Task A_question_on_ones_own_plans_that_names_a_wrongdoing_is_not_handed_off(string question)
    {
        var verdict = await _screen.ScreenAsync(question);

        Assert.NotEqual(ReportAction.Handoff, verdict.Action);
    }

    [Theory]
    [InlineData("My manager forced me to sign fake invoices last week. What should I do?")]
    [InlineData("The driver asked me to sign the fuel log for trips that never happened. Is that normal?")]
    public async Task A_report_told_with_a_question_is_still_handed_off_when_the_model_hears_it(string report)
    {
        var verdict = await _screen.ScreenAsync(report);

        Assert.Equal(ReportAction.Handoff, verdict.Action);
    }

    [Fact]
    public async Task A_rule_that_fires_hands_off_whatever_the_model_says()
    {
        var certain = new ReportScreen(new MiniLmEmbeddingGenerator(), _model with { HandoffAbove = 0.999, BannerAbove = 0.998 });

        var verdict = await certain.ScreenAsync("I want to report my manager");

        Assert.Equal(ReportAction.Handoff, verdict.Action);
        Assert.Contains(verdict.Signals, s => s.StartsWith("intent:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_model_names_its_thresholds_and_their_figures()
    {
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, _model.Encoder);
        Assert.InRange(_model.BannerAbove, 0.01, _model.HandoffAbove);
        Assert.NotNull(_model.Validation);
        Assert.True(_model.Validation!.ReportRecall >= 0.95);
        Assert.True(_model.Validation.FalseHandoffRate <= 0.05);
    }

    [Fact]
    public void A_missing_or_corrupt_model_file_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-model-").FullName;
        var missing = Path.Combine(folder, "model.json");
        var corrupt = Path.Combine(folder, "corrupt.json");
        var wrongSize = Path.Combine(folder, "short.json");
        File.WriteAllText(corrupt, "{\"weights\": [1, 2");
        File.WriteAllText(wrongSize, JsonSerializer.Serialize(_model with { Weights = [1, 2, 3] }));

        Assert.Contains(missing, Assert.Throws<InvalidDataException>(() => ReportModel.Load(missing, 384)).Message, StringComparison.Ordinal);
        Assert.Contains(corrupt, Assert.Throws<InvalidDataException>(() => ReportModel.Load(corrupt, 384)).Message, StringComparison.Ordinal);
        Assert.Contains("384 finite weights", Assert.Throws<InvalidDataException>(() => ReportModel.Load(wrongSize, 384)).Message, StringComparison.Ordinal);
        Directory.Delete(folder, true);
    }
}

/// <summary>The bot does not start without a usable report model, and says which file is wrong.</summary>
public sealed class ReportModelStartTests
{
    [Fact]
    public void A_missing_model_file_stops_the_start_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}.json");
        using var bot = new EthicsBot.Tests.Teams.BotFactory(new() { ["Safety:ModelPath"] = missing });

        var e = Assert.ThrowsAny<Exception>(() => bot.CreateClient()); // starting the host is what fails

        var said = string.Join("\n", bot.Logs.Lines) + e + e.InnerException;
        Assert.Contains(missing, said, StringComparison.Ordinal);
        Assert.Contains("train intent", said, StringComparison.Ordinal);
    }
}
