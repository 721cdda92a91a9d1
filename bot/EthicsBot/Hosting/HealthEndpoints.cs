using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Lucene;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (IOptions<SearchSettings> settings, IServiceProvider services, IClauseSearch search) =>
        {
            var lucene = settings.Value.Provider == SearchProvider.Lucene ? services.GetRequiredService<LuceneClauseIndex>() : null;
            return TypedResults.Ok(new
            {
                status = "ok",
                search = lucene is null ? "azure" : "lucene",
                clauses = lucene?.ClauseCount,
                bankQuestions = (search as HybridClauseSearch)?.BankSize,
            });
        });
        return app;
    }
}
