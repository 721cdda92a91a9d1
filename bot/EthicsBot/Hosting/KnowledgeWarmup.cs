using EthicsBot.Features.Answers;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Languages;
using EthicsBot.Knowledge.Search.Lucene;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting;

/// <summary>Resolves the clause search at start: a Code that cannot be parsed stops the bot before it takes a message.</summary>
internal sealed partial class KnowledgeWarmup(IServiceProvider services, ILogger<KnowledgeWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var search = services.GetRequiredService<IClauseSearch>();
        // The report screen's encoder and model: a missing or corrupt model file stops the bot here, naming the file.
        services.GetRequiredService<ReportScreen>();
        // Bad organisation settings stop the bot here too, each problem naming its key.
        var organizations = services.GetRequiredService<OrganizationDirectory>();
        var catalog = services.GetRequiredService<ClauseCatalog>();
        foreach (var organization in organizations.All)
            if (catalog.Find(organization.Whistleblower.ProtectionClause) is null)
                throw new Microsoft.Extensions.Options.OptionsValidationException(OrganizationDirectory.Section, typeof(OrganizationDirectory),
                    [$"Organizations:{organization.Id}:Whistleblower:ProtectionClause '{organization.Whistleblower.ProtectionClause}' is not a clause of the Codes."]);
        LogOrganizations(logger, string.Join(", ", organizations.All.Select(o => o.Id)), organizations.Default.Id);

        // A form file that cannot be used stops the bot here, naming the file and the problem.
        var forms = services.GetRequiredService<FormCatalog>();
        foreach (var organization in organizations.All)
        {
            var own = forms.ForOrganization(organization.Id);
            LogForms(logger, organization.Id, own.Count == 0 ? "none" : string.Join(", ", own.Select(f => f.Id)));
            if (own.Count > 0 && (string.IsNullOrWhiteSpace(organization.EthicsOffice.ConversationId) || string.IsNullOrWhiteSpace(organization.EthicsOffice.ServiceUrl)))
                LogNoOfficeConversation(logger, organization.Id);
            if (organization.EthicsOffice.Members.Count == 0)
                LogNoMembers(logger, organization.Id);
        }
        if (search is LuceneClauseIndex lucene)
            LogLuceneReady(logger, lucene.ClauseCount, string.Join(", ", lucene.Organizations), lucene.WasRebuilt);
        else
            LogSearchReady(logger, search.GetType().Name);

        // The ethics office's published FAQ entries, searchable from the first question.
        var faq = services.GetRequiredService<FaqSearch>();
        await faq.ReloadAsync(cancellationToken).ConfigureAwait(false);
        LogFaq(logger, faq.Count);

        // The question banks in other languages: each one's index is built in the background and its gate read from
        // what `embed` shipped (measured from its own questions when the bank changed since: seconds of CPU), then
        // what that left behind is given back; the bot takes messages meanwhile, and a question in a language waits
        // for its index and gate.
        var languages = services.GetRequiredService<LanguageBankSearch>();
        if (services.GetRequiredService<IOptions<SearchSettings>>().Value.Languages.WarmAtStart)
            _ = Task.Run(() => WarmLanguages(languages), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The question bank in {Language} could not be built; questions in it are searched as English.")]
    private static partial void LogLanguageFailed(ILogger logger, Exception exception, string language);

    [LoggerMessage(Level = LogLevel.Information, Message = "Questions in {Language}: {Questions} in its bank, not covered below {Gate} (held out, {Answered:P0} of its bank answered, {Stopped:P0} of everyday office questions stopped).")]
    private static partial void LogLanguageGate(ILogger logger, string language, int questions, double gate, double answered, double stopped);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WarmLanguages(LanguageBankSearch languages)
    {
        foreach (var language in languages.Languages)
        {
            try
            {
                var gate = languages.Warm(language);
                LogLanguageGate(logger, language, languages.BankSize(language), gate.Threshold, gate.BankAnswered, gate.EverydayStopped);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The language's questions then go the English way (ExtractiveAnswerer); say which and why.
                LogLanguageFailed(logger, e, language);
            }
        }
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Clause search ready: Lucene.NET, {ClauseCount} clauses of {Organizations} (index built now: {Rebuilt}).")]
    private static partial void LogLuceneReady(ILogger logger, int clauseCount, string organizations, bool rebuilt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Organisations: {Organizations}; default for unmapped tenants: {Default}.")]
    private static partial void LogOrganizations(ILogger logger, string organizations, string @default);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disclosure forms of {Organization}: {Forms}.")]
    private static partial void LogForms(ILogger logger, string organization, string forms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disclosures of {Organization} are stored but not posted to its ethics office: set Organizations:{Organization}:EthicsOffice:ConversationId and ServiceUrl.")]
    private static partial void LogNoOfficeConversation(ILogger logger, string organization);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nobody can review questions or decide on disclosures of {Organization}: Organizations:{Organization}:EthicsOffice:Members lists no Entra object ids.")]
    private static partial void LogNoMembers(ILogger logger, string organization);

    [LoggerMessage(Level = LogLevel.Information, Message = "FAQ entries published by the ethics offices: {Count}.")]
    private static partial void LogFaq(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clause search ready: {Provider}.")]
    private static partial void LogSearchReady(ILogger logger, string provider);
}
