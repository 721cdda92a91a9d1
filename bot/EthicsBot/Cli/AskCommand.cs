using System.Text.Json;
using EthicsBot.Features.Answers;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Cli;

/// <summary>
/// <c>ask "&lt;message&gt;" [--org ORG] [--json]</c>: what the bot would answer, on the terminal — the same decision as in
/// Teams: a report is handed off, small talk answered in a sentence, a question answered from the Code or said not
/// to be covered. JSON: <c>{"kind","organization","clauses":[{"id","score",…}],"text"}</c>.
/// </summary>
internal static class AskCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "org" }, new HashSet<string> { "json" });
        if (arguments.Positional.Count != 1 || string.IsNullOrWhiteSpace(arguments.Positional[0]))
            throw new UsageException("ask needs exactly one message, in quotes.");
        var message = arguments.Positional[0];
        if (message.Length > ClauseQuery.MaxTextLength)
            throw new UsageException($"the message is {message.Length} characters long; at most {ClauseQuery.MaxTextLength} are taken.");
        var organizations = context.Services.GetRequiredService<OrganizationDirectory>();
        var organization = arguments.Value("org") is { } id
            ? organizations.Find(id) ?? throw new UsageException($"--org {id} is not a configured organisation ({string.Join(", ", organizations.All.Select(o => o.Id))}).")
            : organizations.Default;

        // The ethics office's published answers, read once: `ask` answers as the bot does, FAQ first.
        await context.Services.GetRequiredService<FaqSearch>().ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        var answer = await context.Services.GetRequiredService<Assistant>().RespondAsync(message, organization).ConfigureAwait(false);
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
