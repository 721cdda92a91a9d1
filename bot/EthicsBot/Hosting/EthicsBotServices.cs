using Azure.Data.Tables;
using Azure.AI.OpenAI;
using Azure.Core;
using EthicsBot.Conversation;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Campaigns;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Features.Safety;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Knowledge.Search;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Chat;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting;

public static class EthicsBotServices
{
    /// <summary>The organisations and the assistant on top of the clause search (the bot and the CLI share these).</summary>
    public static IHostApplicationBuilder AddAnswering(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => OrganizationDirectory.FromConfiguration(builder.Configuration));
        builder.Services.AddOptions<AnswerSettings>().Bind(builder.Configuration.GetSection(AnswerSettings.Section));
        // The report screen (rules and the learned model over local sentence embeddings) decides first, every time.
        builder.Services.AddReportScreen(builder.Configuration);
        // The disclosure forms (knowledge/forms): an answer offers the form the asker's act calls for (FormOffers).
        builder.Services.AddSingleton(sp => FormCatalog.Load(
            Path.Combine(sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value.ResolvedPath, "forms"), sp.GetRequiredService<ClauseCatalog>()));
        // The topics a Code may have no rule of its own on (knowledge/topics.json).
        builder.Services.AddSingleton(sp => TopicCoverage.Load(
            Path.Combine(sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value.ResolvedPath, "topics.json"), sp.GetRequiredService<ClauseCatalog>(), sp.GetRequiredService<ThingLexicon>()));
        builder.Services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<AnswerSettings>>().Value;
            var search = sp.GetRequiredService<IClauseSearch>();
            return new ExtractiveAnswerer(search, settings.NotCoveredBelow ?? (search is Knowledge.Search.Semantic.HybridClauseSearch
                ? AnswerSettings.HybridNotCoveredBelow : AnswerSettings.KeywordNotCoveredBelow), settings.ShowWithin)
            {
                Clauses = settings.Clauses,
                Languages = sp.GetRequiredService<Knowledge.Search.Languages.LanguageBankSearch>(),
            };
        });
        builder.Services.AddSingleton<FormOffers>();
        builder.Services.AddSingleton<Assistant>();
        // The ethics office's published answers come first, for the bot and for `ask` alike: the stores are shared.
        builder.AddStores();
        builder.Services.AddOptions<FaqSettings>().Bind(builder.Configuration.GetSection(FaqSettings.Section));
        builder.Services.AddSingleton<FaqQuestionBank>();
        builder.Services.AddSingleton<FaqSearch>();

        // Grounded answers with Azure OpenAI, only when an endpoint is configured; the embedded extractive answer
        // stays the default and the floor.
        builder.Services.AddOptions<AzureOpenAISettings>().Bind(builder.Configuration.GetSection(AzureOpenAISettings.Section));
        builder.Services.AddAzureCredential(builder.Configuration);
        builder.Services.AddSingleton(sp => new GroundedAnswerer(sp.GetRequiredService<IOptions<AzureOpenAISettings>>(),
            settings => CreateChatClient(settings, sp.GetRequiredService<TokenCredential>()), sp.GetRequiredService<ILogger<GroundedAnswerer>>()));
        return builder;
    }

    /// <summary>An <see cref="IChatClient"/> over the Azure OpenAI deployment: its key, or the app's Azure credential.</summary>
    public static IChatClient CreateChatClient(AzureOpenAISettings settings, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback))
            throw new OptionsValidationException(AzureOpenAISettings.Section, typeof(AzureOpenAISettings), [$"AzureOpenAI:Endpoint '{settings.Endpoint}' is not an https URL."]);
        if (settings.TimeoutSeconds is <= 0 or > 60)
            throw new OptionsValidationException(AzureOpenAISettings.Section, typeof(AzureOpenAISettings), ["AzureOpenAI:TimeoutSeconds must be between 0 and 60."]);
        // No retries inside the SDK: a slow or throttled model falls back to the extractive answer at once.
        var options = new AzureOpenAIClientOptions { RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds + 5) };
        var client = string.IsNullOrWhiteSpace(settings.ApiKey)
            ? new AzureOpenAIClient(endpoint, credential, options)
            : new AzureOpenAIClient(endpoint, new System.ClientModel.ApiKeyCredential(settings.ApiKey), options);
        return client.GetChatClient(settings.Deployment).AsIChatClient();
    }

    /// <summary>The stores (SQLite by default, Azure Table Storage): disclosures, the office's queue and FAQ, the activity ledger.</summary>
    private static void AddStores(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageSettings>().Bind(builder.Configuration.GetSection(StorageSettings.Section));
        // SQLite's calls block on the file: they run on threads of their own, never on the turns' (SqliteThreads).
        services.AddSingleton(_ => new SqliteThreads());
        // One Table Storage client (one HTTP pipeline and token cache) for the stores and the ledger; made only with Tables.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageSettings>>().Value.Tables.CreateClient(sp.GetRequiredService<TokenCredential>()));
        services.AddSingleton<IDisclosureStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageSettings>>().Value;
            return storage.Provider == StorageProvider.Tables
                ? new TableDisclosureStore(sp.GetRequiredService<TableServiceClient>(), storage.Tables.TablePrefix)
                : new OffThreadDisclosureStore(new SqliteDisclosureStore(storage.SqlitePath, sp.GetRequiredService<ILogger<SqliteDisclosureStore>>()), sp.GetRequiredService<SqliteThreads>());
        });
        // The FAQ is part of the office store; answering reads it through IFaqStore alone.
        services.AddSingleton<IOfficeStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageSettings>>().Value;
            return storage.Provider == StorageProvider.Tables
                ? new TableOfficeStore(sp.GetRequiredService<TableServiceClient>(), storage.Tables.TablePrefix)
                : new OffThreadOfficeStore(new SqliteOfficeStore(storage.SqlitePath, sp.GetRequiredService<ILogger<SqliteOfficeStore>>()), sp.GetRequiredService<SqliteThreads>());
        });
        services.AddSingleton<IFaqStore>(sp => sp.GetRequiredService<IOfficeStore>());
    }

    /// <summary>Answering, the store and the Teams bot.</summary>
    public static IHostApplicationBuilder AddEthicsBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAnswering();
        var services = builder.Services;

        // Which activities were handled, shared by every instance using the same store: a redelivery reaching another
        // instance is dropped there too, and an activity whose instance died is taken over.
        services.AddSingleton<EthicsBot.Teams.Hosting.IActivityLedger>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageSettings>>().Value;
            return storage.Provider == StorageProvider.Tables
                ? new TableActivityLedger(sp.GetRequiredService<TableServiceClient>(), storage.Tables.TablePrefix)
                : new SqliteActivityLedger(storage.SqlitePath);
        });

        // The ethics office: review queue, FAQ editor (the FAQ is searched with every answer), erasure, insights, retention.
        services.AddOptions<ReviewSettings>().Bind(builder.Configuration.GetSection(ReviewSettings.Section))
            .Validate(s => !s.DataProtectionOfficers.Any(string.IsNullOrWhiteSpace), "Review:DataProtectionOfficers has an empty entry: each is the Entra object id of a data-protection officer.")
            .ValidateOnStart();
        // Answer events for the insights, written behind the reply in batches (registered before the turn queue, so
        // stopped after it: the last turns' events are flushed).
        services.AddSingleton<AnswerEventWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AnswerEventWriter>());
        services.AddHostedService<FaqSearch.Reloader>();
        services.AddSingleton<AnswerDelivery>();
        services.AddSingleton<ReviewDesk>();
        services.AddSingleton<FaqEditor>();
        services.AddSingleton<DataErasure>();
        services.AddSingleton<Insights>();
        services.AddHostedService<RetentionSweep>();
        services.AddScoped<OfficeTurns>();

        // Disclosures: the forms (knowledge/forms), the dialogs, and the ethics office outbox.
        services.AddOptions<DisclosureSettings>().Bind(builder.Configuration.GetSection(DisclosureSettings.Section));
        services.AddSingleton<DisclosureDialogs>();
        services.AddSingleton<EthicsOfficeNotifier>();
        services.AddSingleton<DisclosureDecisions>();
        services.AddSingleton<DisclosureUpkeep>();
        services.AddHostedService(sp => sp.GetRequiredService<DisclosureUpkeep>());
        services.AddScoped<DisclosureTurns>();

        builder.AddCampaigns();
        builder.AddConversation();
        return builder;
    }

    /// <summary>
    /// Acknowledgement campaigns: the store with its delivery queue (SQLite on the embedded default, Table Storage and a
    /// storage queue with Storage:Provider Tables), the senders that
    /// drain it on every instance, the office's operations, and the people the bot has met.
    /// </summary>
    private static void AddCampaigns(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Checked at start with every other section (Hosting/Validation).
        services.AddOptions<CampaignSettings>().Bind(builder.Configuration.GetSection(CampaignSettings.Section));
        // Installing the app for people who do not have it: only when configured, with the bot's own Entra app (its
        // secret) or else the app's Azure credential (a managed identity), which holds the Graph permission.
        services.AddSingleton<IAppInstaller>(sp =>
        {
            var graph = sp.GetRequiredService<IOptions<CampaignSettings>>().Value.Graph;
            if (!graph.InstallApp)
                return new NoAppInstaller();
            var bot = sp.GetRequiredService<IOptions<Teams.BotSettings>>().Value;
            if (!string.IsNullOrWhiteSpace(bot.ClientSecret) && string.IsNullOrWhiteSpace(bot.TenantId))
                throw new OptionsValidationException(CampaignSettings.Section, typeof(CampaignSettings),
                    ["Campaigns:Graph:InstallApp needs Bot:TenantId (the tenant whose Graph installs the app) when the bot signs in with Bot:ClientSecret."]);
            var credential = string.IsNullOrWhiteSpace(bot.ClientSecret) ? sp.GetRequiredService<TokenCredential>()
                : new Azure.Identity.ClientSecretCredential(bot.TenantId, bot.AppId, bot.ClientSecret);
            return new Infrastructure.Graph.GraphAppInstaller(graph, credential, sp.GetRequiredService<ILogger<Infrastructure.Graph.GraphAppInstaller>>());
        });
        // With Tables, every instance shares one queue: the entries in Table Storage, the messages in Azure Storage
        // Queues (the same account, the app's one credential); otherwise the SQLite file's table is the queue.
        services.AddSingleton<ICampaignStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageSettings>>().Value;
            return storage.Provider == StorageProvider.Tables
                ? new TableCampaignStore(sp.GetRequiredService<TableServiceClient>(), storage.Tables.CreateQueueClient(sp.GetRequiredService<TokenCredential>()),
                    storage.Tables.TablePrefix, sp.GetService<TimeProvider>())
                : new SqliteCampaignStore(storage.SqlitePath, sp.GetRequiredService<SqliteThreads>());
        });
        services.AddSingleton<CampaignDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CampaignDispatcher>());
        services.AddSingleton<CampaignOffice>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<TeamRosters>();
        services.AddScoped<CampaignTurns>();
    }

    /// <summary>The chat: the card buttons by verb, the replies and the Teams bot.</summary>
    private static void AddConversation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // The card buttons by verb: each feature registers its own (scoped, like the turns that handle them).
        services.AddScoped<ICardActions>(sp => sp.GetRequiredService<DisclosureTurns>());
        services.AddScoped<ICardActions>(sp => sp.GetRequiredService<OfficeTurns>());
        services.AddScoped<ICardActions>(sp => sp.GetRequiredService<CampaignTurns>());
        services.AddScoped<ICardActions, AskerActions>();
        // Typed commands, tried in this order: the office's (members only), campaigns', disclosures'.
        services.AddScoped<IChatCommands>(sp => sp.GetRequiredService<OfficeTurns>());
        services.AddScoped<IChatCommands>(sp => sp.GetRequiredService<CampaignTurns>());
        services.AddScoped<IChatCommands>(sp => sp.GetRequiredService<DisclosureTurns>());
        services.AddScoped<CardActionRouter>();
        // "…is typing" only for an answer that is slow in coming (Bot:TypingAfter).
        services.AddOptions<ReplySettings>().Bind(builder.Configuration.GetSection(ReplySettings.Section));
        services.AddSingleton<AnswerReplies>();
        services.AddTeamsBot<EthicsTeamsBot>(builder.Configuration);
    }
}
