using System.Text.Json;
using EthicsBot.Conversation;
using EthicsBot.Features.Answers;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;

namespace EthicsBot.Cli;

/// <summary>
/// <c>ask "&lt;message&gt;" [--org ORG] [--json]</c>: what the bot would answer, on the terminal — the same decision as in
/// Teams: a report is handed off, small talk answered in a sentence, a question answered from the Code or said not
/// to be covered; readable, the card the bot would send, as text. JSON: <c>{"kind","organization","clauses":[{"id","score",…}],"text"}</c>.
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
        await context.Out.WriteAsync(Readable(answer, message, organization, context.Services.GetRequiredService<ClauseCatalog>())).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// What the person would see in Teams — the card the bot sends, as text: the banner, the ethics office's FAQ answer,
    /// the "no rule on" notice, the clauses (those behind "Show … more" indented), the buttons with the offered form;
    /// small talk's sentence — then, for whoever runs the command, the clauses the search found with their scores.
    /// </summary>
    public static string Readable(Answer answer, string message, OrganizationProfile organization, ClauseCatalog clauses)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var shown = answer.Kind switch
        {
            Answer.HandoffKind => CardText.Render(AnswerReplies.HandoffCard(clauses, organization, answer.Language)),
            Answer.SmallTalkKind => answer.Text + "\n",
            _ => CardText.Render(BotCards.Answer(answer, "ask", message, organization)),
        };
        if (answer.Clauses.Count == 0)
            return shown;
        var found = new System.Text.StringBuilder(shown).Append("\n(search) clauses found:\n");
        foreach (var clause in answer.Clauses)
            found.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {clause.Id} · {clause.Title} (score {clause.Score:0.00})\n");
        return found.ToString();
    }
}
