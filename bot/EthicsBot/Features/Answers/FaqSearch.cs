using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Azure;
using EthicsBot.Knowledge.Search.Lucene;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Answers;

/// <summary>
/// The ethics office's published FAQ entries, searchable the moment they are published. Embedded: a Lucene index of
/// the Codes and the entries together (so term statistics come from the whole corpus, not from a handful of
/// entries), rebuilt on every change and on <see cref="ReloadAsync(CancellationToken)"/>; only entries are returned, and only one whose
/// question shares most of its words with the question asked (<see cref="FaqSettings.MinOverlap"/>). With Azure AI
/// Search, each entry is also uploaded to (or removed from) its own index, which is then the one searched.
/// </summary>
public sealed partial class FaqSearch : IDisposable
{
    private const string Number = "FAQ";
    private readonly IFaqStore _store;
    private readonly ClauseCatalog _clauses;
    private readonly SynonymList _synonyms;
    private readonly FaqSettings _settings;
    private readonly AzureSearchIndex? _azure;
    private readonly ILogger<FaqSearch> _logger;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private readonly FaqQuestionBank _bank;
    private volatile Snapshot _snapshot = new(null, new Dictionary<string, (FaqEntry, HashSet<string>)>(StringComparer.Ordinal));

    public FaqSearch(IFaqStore store, ClauseCatalog clauses, SynonymList synonyms, IOptions<FaqSettings> settings, FaqIndex index,
        FaqQuestionBank bank, ILogger<FaqSearch> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(index);
        _store = store;
        _clauses = clauses;
        _synonyms = synonyms;
        _settings = settings.Value;
        _azure = index.Azure;
        _bank = bank;
        _logger = logger;
    }

    /// <summary>The index, the entries by clause id with the words of their question (for the overlap test), and what they were built from.</summary>
    private sealed record Snapshot(LuceneClauseIndex? Index, IReadOnlyDictionary<string, (FaqEntry Entry, HashSet<string> Words)> Entries, string Signature = "");

    /// <summary>How many entries are published (not withdrawn).</summary>
    public int Count => _snapshot.Entries.Count;

    /// <summary>Reads the published entries from the store and rebuilds the embedded index if they changed.</summary>
    public Task ReloadAsync(CancellationToken cancellationToken) => ReloadAsync(force: false, cancellationToken);

    private async Task ReloadAsync(bool force, CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var published = (await _store.FaqAsync(null, cancellationToken).ConfigureAwait(false)).Where(e => !e.Withdrawn).ToList();
            // What the index is built from; unchanged (e.g. a periodic reload with no edits anywhere): nothing to rebuild.
            var signature = string.Join("|", published.Select(e => $"{ClauseId(e)}@{e.Updated.UtcTicks}").Order(StringComparer.Ordinal));
            if (!force && signature == _snapshot.Signature)
                return;
            var entries = published.ToDictionary(ClauseId, e => (e, TextAnalysis.Terms(e.Question).ToHashSet(StringComparer.Ordinal)), StringComparer.Ordinal);
            var index = published.Count == 0 ? null : LuceneClauseIndex.BuildInMemory([.. _clauses.All, .. published.Select(ToClause)], _synonyms);
            var old = _snapshot;
            _snapshot = new Snapshot(index, entries, signature);
            old.Index?.Dispose();
            await _bank.TeachAsync(published, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>Stores the entry, makes it searchable at once, and uploads it to Azure AI Search when that is the provider.</summary>
    public async Task PublishAsync(FaqEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _store.SaveFaqAsync(entry, cancellationToken).ConfigureAwait(false);
        await ReloadAsync(force: true, cancellationToken).ConfigureAwait(false);
        if (_azure is not null)
        {
            if (entry.Withdrawn)
                await _azure.DeleteAsync([ClauseId(entry)], cancellationToken).ConfigureAwait(false);
            else
                await _azure.UpsertAsync([ToClause(entry)], cancellationToken).ConfigureAwait(false);
        }
        LogChanged(_logger, entry.Organization, entry.Id, entry.Withdrawn ? "withdrawn" : "published");
    }

    /// <summary>The published entry of the organisation that answers this question, if one matches well enough.</summary>
    public async Task<FaqMatch?> FindAsync(string question, string organization, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot.Entries.Count == 0 || string.IsNullOrWhiteSpace(question))
            return null;
        var query = new ClauseQuery(question.Length > ClauseQuery.MaxTextLength ? question[..ClauseQuery.MaxTextLength] : question, organization, 10);
        IReadOnlyList<ClauseHit> hits = _azure is not null
            ? await _azure.SearchAsync(query, cancellationToken).ConfigureAwait(false)
            : snapshot.Index?.Search(query) ?? [];
        var asked = TextAnalysis.Terms(query.Text).ToHashSet(StringComparer.Ordinal);
        foreach (var hit in hits.Where(h => h.Clause.Number == Number && h.Score >= _settings.MatchAbove))
        {
            if (snapshot.Entries.TryGetValue(hit.Clause.Id, out var published)
                && Overlap(asked, published.Words) >= _settings.MinOverlap && Overlap(published.Words, asked) >= _settings.MinOverlap)
                return new FaqMatch(published.Entry, hit.Score);
        }
        return null;
    }

    /// <summary>The share of <paramref name="these"/> that <paramref name="those"/> also has.</summary>
    private static double Overlap(HashSet<string> these, HashSet<string> those) =>
        these.Count == 0 ? 0 : (double)these.Count(those.Contains) / these.Count;

    /// <summary>The clause id an entry is indexed under: <c>faq-&lt;org&gt;-&lt;id&gt;</c>.</summary>
    public static string ClauseId(FaqEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"faq-{entry.Organization}-{entry.Id}";
    }

    /// <summary>An entry as a searchable document: the question is the title (weighted), question and answer the text.</summary>
    private static Clause ToClause(FaqEntry entry) =>
        new(ClauseId(entry), entry.Organization, Number, entry.Question, $"{entry.Question} {entry.Answer}", [], "Ethics office FAQ", 0);

    public void Dispose()
    {
        _snapshot.Index?.Dispose();
        _rebuild.Dispose();
    }

    /// <summary>Re-reads the entries every <see cref="FaqSettings.ReloadInterval"/>, so edits made on another instance of the bot arrive.</summary>
    public sealed partial class Reloader(FaqSearch faq, IOptions<FaqSettings> settings, TimeProvider time, ILogger<Reloader> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(settings.Value.ReloadInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await faq.ReloadAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogReloadFailed(logger, e.GetType().Name, e.Message);
                }
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "FAQ reload failed ({Error}: {Problem}); the entries already loaded stay in use.")]
        private static partial void LogReloadFailed(ILogger logger, string error, string problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FAQ entry {Id} of {Organization} {Change}.")]
    private static partial void LogChanged(ILogger logger, string organization, string id, string change);
}
