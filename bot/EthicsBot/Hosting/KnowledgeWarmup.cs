using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Lucene;

namespace EthicsBot.Hosting;

/// <summary>Resolves the clause search at start: a Code that cannot be parsed stops the bot before it takes a message.</summary>
internal sealed partial class KnowledgeWarmup(IServiceProvider services, ILogger<KnowledgeWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var search = services.GetRequiredService<IClauseSearch>();
        if (search is LuceneClauseIndex lucene)
            LogLuceneReady(logger, lucene.ClauseCount, string.Join(", ", lucene.Organizations), lucene.WasRebuilt);
        else
            LogSearchReady(logger, search.GetType().Name);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Clause search ready: Lucene.NET, {ClauseCount} clauses of {Organizations} (index built now: {Rebuilt}).")]
    private static partial void LogLuceneReady(ILogger logger, int clauseCount, string organizations, bool rebuilt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clause search ready: {Provider}.")]
    private static partial void LogSearchReady(ILogger logger, string provider);
}
