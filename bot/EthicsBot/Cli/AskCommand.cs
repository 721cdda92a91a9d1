using System.Text.Json;
using EthicsBot.Answers;
using EthicsBot.Knowledge.Search;

namespace EthicsBot.Cli;

/// <summary><c>ask "&lt;question&gt;" --org ORG [--top N] [--json]</c>: the answer the bot would give, on the terminal.</summary>
internal static class AskCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "org", "top" }, new HashSet<string> { "json" });
        if (arguments.Positional.Count != 1)
            throw new UsageException("ask needs exactly one question, in quotes.");
        var organization = arguments.Value("org") ?? throw new UsageException("ask needs --org (e.g. --org iom).");
        var top = arguments.Int("top", 3, 1, ClauseQuery.MaxTop);
        var query = new ClauseQuery(arguments.Positional[0], organization, top);
        try
        {
            query.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        var answer = await new ExtractiveAnswerer(context.Services.GetRequiredService<IClauseSearch>()).AnswerAsync(query).ConfigureAwait(false);
        if (arguments.Flag("json"))
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(answer, Json)).ConfigureAwait(false);
            return 0;
        }
        await context.Out.WriteLineAsync(answer.Text).ConfigureAwait(false);
        foreach (var clause in answer.Clauses)
        {
            await context.Out.WriteLineAsync($"\n{clause.Id} · {clause.Title} (score {clause.Score:0.00})").ConfigureAwait(false);
            foreach (var sentence in clause.Sentences)
                await context.Out.WriteLineAsync($"  “{sentence}”").ConfigureAwait(false);
            foreach (var link in clause.Links)
                await context.Out.WriteLineAsync($"  {link}").ConfigureAwait(false);
        }
        return 0;
    }
}
