using EthicsBot.Cli;
using EthicsBot.Features.Office.Desk;
using EthicsBot.Hosting;
using EthicsBot.Hosting.Validation;
using EthicsBot.Teams.Hosting;

// Two glibc malloc arenas rather than up to sixteen: the native side (ONNX Runtime, SQLite) keeps less memory.
EthicsBot.Hosting.NativeMemory.LimitArenas();

// A command (ingest, ask, eval) runs and exits; no command serves the bot.
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);

// appsettings.json and the knowledge folder are found beside the executable, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Local runs listen where Teams tooling expects a bot (the Agents Playground, dev tunnels); hosts that set
// ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS (App Service, containers) keep theirs.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
    builder.WebHost.UseUrls("http://127.0.0.1:3978");

// Logs, traces and metrics: to Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set, to the console when
// Telemetry:Console is on; otherwise nothing listens.
builder.AddTelemetry();

// The Codes and the clause search (embedded Lucene.NET by default, Azure AI Search when configured).
builder.AddClauseSearch();

// Organisations, answers, storage and the Teams protocol (POST /api/messages).
builder.AddEthicsBot();

// The ethics office's desk, a Teams tab under /office: Teams SSO tokens (or the local development scheme).
builder.Services.AddOfficeDesk(builder.Configuration);

// Every section's bounds checked at start: a bad value stops the bot with a message naming its key.
builder.Services.AddSettingsValidation();

// Build the index before the first request, so a bad Code stops the bot at start, naming the file.
builder.Services.AddHostedService<KnowledgeWarmup>();

var app = builder.Build();

// A request that fails on our side gets a 500 in our words, never the runtime's message or stack trace.
app.UseErrorResponses();

// Liveness and what the bot knows, for operators and the deployment check.
app.MapHealth();

// The Bot Framework messaging endpoint that Teams (or the Agents Playground) posts activities to.
app.MapBotMessages("/api/messages");

// The ethics office's desk: queue, disclosure register, FAQ and insights for members.
app.MapOfficeDesk();

await app.RunAsync();
return 0;

/// <summary>Entry point, public for the integration tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
