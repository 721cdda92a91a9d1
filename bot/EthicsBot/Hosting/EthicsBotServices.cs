using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using EthicsBot.Answers;
using EthicsBot.Disclosures;
using EthicsBot.Knowledge;
using EthicsBot.Conversation;
using EthicsBot.Organizations;
using EthicsBot.Storage;
using EthicsBot.Teams.Hosting;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting;

/// <summary>Where dialogs and disclosures are kept.</summary>
public enum StorageProvider
{
    /// <summary>The embedded SQLite file (default).</summary>
    Sqlite,
    /// <summary>Azure Table Storage, for more than one instance of the bot.</summary>
    Tables,
}

/// <summary>Where the bot keeps its data, configuration section <c>Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file; relative paths are taken from the working directory.</summary>
    public string SqlitePath { get; set; } = "data/ethicsbot.db";

    public TableStorageSettings Tables { get; set; } = new();
}

/// <summary>Configuration section <c>Storage:Tables</c>: a connection string, or an endpoint reached with the app's managed identity.</summary>
public sealed class TableStorageSettings
{
    /// <summary>A storage connection string (Azurite, or a key kept in Key Vault / user secrets — never in the repository).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The table endpoint, <c>https://&lt;account&gt;.table.core.windows.net</c>, used with a managed identity.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The client id of a user-assigned managed identity; empty: the default Azure credential chain.</summary>
    public string ManagedIdentityClientId { get; set; } = "";

    /// <summary>Table names start with this: <c>{prefix}Dialogs</c>, <c>{prefix}Disclosures</c>.</summary>
    public string TablePrefix { get; set; } = "ethicsbot";

    public TableServiceClient CreateClient()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return new TableServiceClient(ConnectionString);
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            throw new OptionsValidationException(Section, typeof(TableStorageSettings),
                ["Storage:Provider is Tables but neither Storage:Tables:ConnectionString nor an https Storage:Tables:Endpoint is set."]);
        TokenCredential credential = string.IsNullOrWhiteSpace(ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(ManagedIdentityClientId));
        return new TableServiceClient(endpoint, credential);
    }

    private const string Section = "Storage:Tables";
}

public static class EthicsBotServices
{
    /// <summary>The organisations and the assistant on top of the clause search (the bot and the CLI share these).</summary>
    public static IHostApplicationBuilder AddAnswering(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => OrganizationDirectory.FromConfiguration(builder.Configuration));
        builder.Services.AddOptions<AnswerSettings>().Bind(builder.Configuration.GetSection(AnswerSettings.Section));
        builder.Services.AddSingleton<Assistant>();
        return builder;
    }

    /// <summary>Answering, the store and the Teams bot.</summary>
    public static IHostApplicationBuilder AddEthicsBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAnswering();
        var services = builder.Services;
        services.AddOptions<StorageSettings>().Bind(builder.Configuration.GetSection(StorageSettings.Section));
        services.AddSingleton<IBotStore>(sp => new SqliteBotStore(sp.GetRequiredService<IOptions<StorageSettings>>().Value.SqlitePath));
        services.AddSingleton<IDisclosureStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageSettings>>().Value;
            return storage.Provider == StorageProvider.Tables
                ? new TableDisclosureStore(storage.Tables.CreateClient(), storage.Tables.TablePrefix)
                : new SqliteDisclosureStore(storage.SqlitePath);
        });

        // Disclosures: the forms (knowledge/forms), the dialogs, and the ethics office outbox.
        services.AddOptions<DisclosureSettings>().Bind(builder.Configuration.GetSection(DisclosureSettings.Section));
        services.AddSingleton(sp => FormCatalog.Load(
            Path.Combine(sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value.ResolvedPath, "forms"), sp.GetRequiredService<ClauseCatalog>()));
        services.AddSingleton<DisclosureDialogs>();
        services.AddSingleton<EthicsOfficeNotifier>();
        services.AddSingleton<DisclosureUpkeep>();
        services.AddHostedService(sp => sp.GetRequiredService<DisclosureUpkeep>());
        services.AddScoped<DisclosureTurns>();
        services.AddTeamsBot<EthicsTeamsBot>(builder.Configuration);
        return builder;
    }
}
