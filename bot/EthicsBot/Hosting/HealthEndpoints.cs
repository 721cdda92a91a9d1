using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Lucene;

namespace EthicsBot.Hosting;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (IClauseSearch search) => TypedResults.Ok(new
        {
            status = "ok",
            search = search is LuceneClauseIndex ? "lucene" : "azure",
            clauses = (search as LuceneClauseIndex)?.ClauseCount,
        }));
        return app;
    }
}
