using System.Text.Json;
using EthicsBot.Evaluation;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Knowledge;

namespace EthicsBot.Cli;

/// <summary>
/// <c>eval retrieval --set FILE.jsonl [--k K]</c>, <c>eval intent --set FILE.jsonl</c> and <c>eval answers --set
/// FILE.jsonl</c>: a per-line table (misses first; for answers, the misses only, each with what was wrong), and as the
/// last line one JSON object with the summary figures, for scripts and CI.
/// <c>eval intent --sentence-model-only</c> screens with the rules and the English sentence model alone (no n-gram
/// model, no language routing): the screen as it was before the other languages, to compare.
/// </summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "set", "k", "seed" }, new HashSet<string> { "sentence-model-only" });
        if (arguments.Positional.Count == 1 && arguments.Positional[0] == "weights")
            return await WeightsAsync(arguments.Int("seed", 13, 0, int.MaxValue), context).ConfigureAwait(false);
        if (arguments.Positional.Count == 1 && arguments.Positional[0] == "banks")
            return await BanksAsync(context).ConfigureAwait(false);
        if (arguments.Positional.Count != 1 || arguments.Positional[0] is not ("retrieval" or "intent" or "answers"))
            throw new UsageException("eval needs what to evaluate: retrieval, intent, answers, weights or banks.");
        var set = arguments.Value("set") ?? throw new UsageException($"eval {arguments.Positional[0]} needs --set FILE.jsonl.");
        return arguments.Positional[0] switch
        {
            "intent" => await IntentAsync(set, arguments.Flag("sentence-model-only"), context).ConfigureAwait(false),
            "answers" => await AnswersAsync(set, context).ConfigureAwait(false),
            _ => await RetrievalAsync(set, arguments.Int("k", 3, 1, RetrievalEvaluation.MrrDepth), context).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Each question down the bot's own path to the card; every line not fully right is printed with what was wrong,
    /// then the rates per organisation and, last, for the whole set.
    /// </summary>
    private static async Task<int> AnswersAsync(string set, CommandContext context)
    {
        var services = context.Services;
        var cases = JsonLines.Read(set, AnswerCase.Parse);
        CheckQuotes(set, cases, services.GetRequiredService<ClauseCatalog>());
        var results = await AnswerEvaluation.RunAsync(services.GetRequiredService<Features.Answers.Assistant>(),
            services.GetRequiredService<Shared.Organizations.OrganizationDirectory>(), services.GetRequiredService<Features.Disclosures.FormCatalog>(), cases).ConfigureAwait(false);
        foreach (var r in results.Where(r => !r.FullyRight).OrderBy(r => r.Case.Line))
            await context.Out.WriteLineAsync($"MISS line {r.Case.Line} [{r.Case.Organization}] {r.Case.Question}\n       {string.Join("\n       ", r.Problems())}").ConfigureAwait(false);
        foreach (var r in results.Where(r => r.VisibleCharacters > Features.Answers.BotCards.FirstScreenCharacters).OrderBy(r => r.Case.Line))
            await context.Out.WriteLineAsync($"LONG line {r.Case.Line}: the first screen shows {r.VisibleCharacters} characters (at most {Features.Answers.BotCards.FirstScreenCharacters})").ConfigureAwait(false);
        var byOrg = results.GroupBy(r => r.Case.Organization, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Figures(AnswerEvaluation.Summarize([.. g])), StringComparer.Ordinal);
        foreach (var (org, figures) in byOrg)
            await context.Out.WriteLineAsync($"{org}: {JsonSerializer.Serialize(figures)}").ConfigureAwait(false);
        var all = Figures(AnswerEvaluation.Summarize(results));
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(all with { by_org = byOrg })).ConfigureAwait(false);
        return 0;

        static AnswerFigures Figures(AnswerSummary s) =>
            new(s.N, s.Kind, s.FirstClause, s.Quote, s.Form, s.NoFalseBanner, s.FullyRight, s.MaxFirstScreen, null);
    }

    /// <summary>A fragment to quote must be the Code's own words, in one of the clauses the line accepts: a typo in a set would count as a miss.</summary>
    private static void CheckQuotes(string set, IEnumerable<AnswerCase> cases, ClauseCatalog clauses)
    {
        foreach (var c in cases)
        {
            var texts = c.Expected.Select(id => clauses.Find(id) ?? throw new InvalidDataException($"{set}: line {c.Line}: \"{id}\" is not a clause of the Codes."))
                .Select(clause => AnswerResult.Normalize(clause.Text)).ToList();
            foreach (var quote in c.Quotes.Where(q => !texts.Any(t => t.Contains(AnswerResult.Normalize(q), StringComparison.Ordinal))))
                throw new InvalidDataException($"{set}: line {c.Line}: \"{quote}\" is not in the words of {string.Join(" or ", c.Expected)}.");
        }
    }

    private static async Task<int> IntentAsync(string set, bool sentenceModelOnly, CommandContext context)
    {
        var screen = context.Services.GetRequiredService<ReportScreen>();
        if (sentenceModelOnly)
            screen = new ReportScreen(context.Services.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(), screen.Model);
        var results = await IntentEvaluation.RunAsync(screen, JsonLines.Read(set, IntentCase.Parse)).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"{"result",-6} {"label",-8} {"decided",-8} {"p",5} {"signals",-40} text").ConfigureAwait(false);
        foreach (var r in results.OrderBy(r => r.Correct).ThenBy(r => r.Case.Line))
        {
            var decided = r.Verdict.Action.ToString().ToLowerInvariant();
            var label = r.Case.IsReport ? "report" : "question";
            var signals = string.Join("; ", r.Verdict.Signals);
            await context.Out.WriteLineAsync(FormattableString.Invariant(
                $"{(r.Correct ? "ok" : "MISS"),-6} {label,-8} {decided,-8} {r.Verdict.Probability,5:0.00} {signals,-40} {r.Case.Text}")).ConfigureAwait(false);
        }
        // Per language (lines that say theirs), then the whole set as the last line.
        var byLang = results.Where(r => r.Case.Lang is not null).GroupBy(r => r.Case.Lang!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Figures(IntentEvaluation.Summarize([.. g])), StringComparer.Ordinal);
        foreach (var (lang, figures) in byLang)
            await context.Out.WriteLineAsync($"{lang}: {JsonSerializer.Serialize(figures)}").ConfigureAwait(false);
        var overall = Figures(IntentEvaluation.Summarize(results));
        await context.Out.WriteLineAsync(byLang.Count == 0
            ? JsonSerializer.Serialize(overall)
            : JsonSerializer.Serialize(new { overall.n, overall.report_recall, overall.false_handoff_rate, overall.precision, overall.banner_rate, by_lang = byLang })).ConfigureAwait(false);
        return 0;

        static IntentFigures Figures(IntentSummary s) => new(s.N, s.ReportRecall, s.FalseHandoffRate, s.Precision, s.BannerRate);
    }

    private static async Task<int> WeightsAsync(int seed, CommandContext context)
    {
        var services = context.Services;
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchSettings>>().Value;
        Knowledge.Search.IClauseSearch keyword = settings.Provider == SearchProvider.Azure
            ? services.GetRequiredService<Knowledge.Search.Azure.AzureSearchIndex>()
            : services.GetRequiredService<Knowledge.Search.Lucene.LuceneClauseIndex>();
        var rows = await WeightSearch.RunAsync(keyword, services.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>(),
            services.GetRequiredService<Knowledge.Search.Semantic.SemanticVectors>(), services.GetRequiredService<ClauseCatalog>().All, seed).ConfigureAwait(false);
        foreach (var r in rows.Take(10))
            await context.Out.WriteLineAsync(FormattableString.Invariant(
                $"question {r.Weights.Question:0.0} dense {r.Weights.Dense:0.0} keyword {r.Weights.Keyword:0.0} scale {r.Weights.KeywordScale,4:0}  recall@1 {r.RecallAt1:0.000} recall@3 {r.RecallAt3:0.000} mrr {r.Mrr:0.000}")).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Each language's bank, each question held out in turn: its gate and how often its own clause comes first.</summary>
    private static async Task<int> BanksAsync(CommandContext context)
    {
        var languages = context.Services.GetRequiredService<Knowledge.Search.Languages.LanguageBankSearch>();
        foreach (var language in languages.Languages)
        {
            var gate = languages.Gate(language);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new BankFigures(language, languages.BankSize(language), gate.RecallAt1, gate.RecallAt3,
                gate.Threshold, gate.BankAnswered, gate.EverydayStopped))).ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task<int> RetrievalAsync(string set, int k, CommandContext context)
    {
        var cases = JsonLines.Read(set, JsonLines.ParseRetrievalCase);
        var results = await RetrievalEvaluation.RunAsync(context.Services.GetRequiredService<IClauseSearch>(), cases,
            context.Services.GetRequiredService<Knowledge.Search.Languages.LanguageBankSearch>()).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"{"result",-6} {"rank",4}  {"score",6} {"expected",-20} {"top " + k,-32} question").ConfigureAwait(false);
        foreach (var r in results.OrderBy(r => r.Rank <= k).ThenBy(r => r.Case.Line))
        {
            var mark = r.Rank <= k ? "hit" : "MISS";
            var rank = r.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            await context.Out.WriteLineAsync(
                $"{mark,-6} {rank,4}  {r.TopScore.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),6} {string.Join(",", r.Case.Expected),-20} {string.Join(",", r.Ranked.Take(k)),-32} {r.Case.Question}").ConfigureAwait(false);
        }
        if (cases.Count(c => c.ExpectsNone) is > 0 and var none)
            await context.Out.WriteLineAsync($"({none} lines expect no clause: `eval answers` judges those)").ConfigureAwait(false);
        // Per language (lines that say theirs), then the whole set as the last line.
        var byLang = results.Where(r => r.Case.Lang is not null).GroupBy(r => r.Case.Lang!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Figures(RetrievalEvaluation.Summarize([.. g], k)), StringComparer.Ordinal);
        foreach (var (lang, figures) in byLang)
            await context.Out.WriteLineAsync($"{lang}: {JsonSerializer.Serialize(figures)}").ConfigureAwait(false);
        var overall = Figures(RetrievalEvaluation.Summarize(results, k));
        await context.Out.WriteLineAsync(byLang.Count == 0
            ? JsonSerializer.Serialize(overall)
            : JsonSerializer.Serialize(new { overall.n, overall.k, overall.recall_at_1, overall.recall_at_k, overall.mrr, by_lang = byLang })).ConfigureAwait(false);
        return 0;

        static RetrievalFigures Figures(RetrievalSummary s) => new(s.N, s.K, s.RecallAt1, s.RecallAtK, s.Mrr);
    }

    // The summary line's shape: snake_case names, as scripts and docs/figures.md read them.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "JSON names")]
    private sealed record BankFigures(string lang, int bank, double recall_at_1, double recall_at_3, double gate, double bank_answered, double everyday_stopped);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "JSON names")]
    private sealed record RetrievalFigures(int n, int k, double recall_at_1, double recall_at_k, double mrr);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "JSON names")]
    private sealed record IntentFigures(int n, double report_recall, double false_handoff_rate, double precision, double banner_rate);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "JSON names")]
    private sealed record AnswerFigures(int n, double kind, double first_clause, double quote, double form, double no_false_banner, double fully_right,
        int max_first_screen, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, AnswerFigures>? by_org);
}
