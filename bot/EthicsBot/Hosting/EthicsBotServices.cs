using EthicsBot.Answers;
using EthicsBot.Conversation;
using EthicsBot.Organizations;
using EthicsBot.Storage;
using EthicsBot.Teams.Hosting;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting;

/// <summary>Where the bot keeps its data, configuration section <c>Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    /// <summary>The SQLite file; relative paths are taken from the working directory.</summary>
    public string SqlitePath { get; set; } = "data/ethicsbot.db";
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
        services.AddTeamsBot<EthicsTeamsBot>(builder.Configuration);
        return builder;
    }
}
