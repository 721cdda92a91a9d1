using EthicsBot.Hosting;
using EthicsBot.Knowledge;

namespace EthicsBot.Cli;

/// <summary>
/// The commands of the bot's executable (<c>dotnet run --project bot/EthicsBot -- COMMAND …</c>); no command serves the bot.
/// Exit codes: 0 done, 1 failed (the reason is printed), 2 bad arguments (usage is printed).
/// </summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: EthicsBot [COMMAND]
          (no command)                                  serve the bot (POST /api/messages) on its configured URLs
          ingest [--target local|azure]                 parse the Codes and build the search index (local: Lucene on disk)
          ask "<message>" [--org ORG] [--json]          print what the bot would answer (org: Organizations:Default)
          revise --org ORG --code FILE [--out DIR]      compare a revised Code with the one in use: what changed, clause by
                                                        clause; where bank questions, FAQ entries and forms go (DIR: written)
          embed [--out FILE]                            encode the clauses and the question bank for the search by meaning
          eval retrieval --set FILE.jsonl [--k K]       measure clause retrieval: recall@1, recall@k and MRR
          eval intent --set FILE.jsonl [--sentence-model-only]
                                                        measure the report screen: report recall, false handoffs, banners
          eval answers --set FILE.jsonl                 measure whole answers: kind, first clause, quote, form, no false banner
          train intent [--corpus FILE] [--languages DIR] [--out FILE] [--ngram-out FILE] [--seed N]
                                                        train the report models (default knowledge/intent/corpus.jsonl
                                                        and the language files in knowledge/intent/languages/)
          package-app [--app-id GUID] [--domain HOST] [--out FILE.zip] [--version X.Y.Z] [--teams-app-id GUID]
                      [--sso-app-id GUID] [--developer NAME] [--website URL] [--privacy-url URL] [--terms-url URL]
                                                        write the Teams app package (defaults: Bot:AppId, Desk:ClientId, Manifest:*)
        """;

    private static readonly Dictionary<string, Func<string[], CommandContext, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["ingest"] = IngestCommand.RunAsync,
        ["ask"] = AskCommand.RunAsync,
        ["eval"] = EvalCommand.RunAsync,
        ["train"] = TrainCommand.RunAsync,
        ["embed"] = EmbedCommand.RunAsync,
        ["revise"] = ReviseCommand.RunAsync,
        ["package-app"] = PackageAppCommand.RunAsync,
    };

    /// <summary>True when the arguments name a command rather than host settings such as <c>--urls</c>.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<IHostApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args[0] is "help" or "--help" or "-h")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }
        if (!Commands.TryGetValue(args[0], out var command))
        {
            await stderr.WriteLineAsync($"error: unknown command \"{args[0]}\".\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
            builder.Logging.ClearProviders();
            builder.AddClauseSearch();
            builder.AddAnswering();
            configure?.Invoke(builder);
            using var host = builder.Build();
            return await command(args[1..], new CommandContext(host.Services, stdout, stderr)).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is KnowledgeException or Microsoft.Extensions.Options.OptionsValidationException or InvalidDataException
                                      or ArgumentException or IOException or global::Azure.RequestFailedException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
