using System.Text.RegularExpressions;
using EthicsBot.Conversation;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Campaigns;
using EthicsBot.Features.Office.Desk;
using EthicsBot.Features.Disclosures;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting.Validation;

/// <summary>
/// The bounds of every setting the bot binds, checked when the host starts: a bad value stops the start with a message
/// naming its key, rather than failing at the first message or being clamped silently. (<c>Bot</c>'s protocol settings, <c>Search:Azure</c>,
/// <c>Desk</c>'s sign-in and <c>Review:DataProtectionOfficers</c> are checked where they are registered;
/// <c>Organizations</c>, <c>Safety</c> and the knowledge files by <see cref="KnowledgeWarmup"/>.)
/// </summary>
public static partial class SettingsValidation
{
    public static IServiceCollection AddSettingsValidation(this IServiceCollection services)
    {
        Check<AnswerSettings>(services, AnswerSettings.Section, (s, p) => p
            .Require(s.NotCoveredBelow is null || s.NotCoveredBelow >= 0, "NotCoveredBelow", "must be 0 or more (unset: the search's own default).")
            .Between("ShowWithin", s.ShowWithin, 0, 1)
            .Between("Clauses", s.Clauses, 1, 10));

        Check<AzureOpenAISettings>(services, AzureOpenAISettings.Section, (s, p) =>
        {
            if (!s.Enabled)
                return;
            p.Require(IsHttpsOrLoopback(s.Endpoint), "Endpoint", $"must be an https URL (https://<resource>.openai.azure.com/), not '{s.Endpoint}'.")
                .Require(!string.IsNullOrWhiteSpace(s.Deployment), "Deployment", "is required when AzureOpenAI:Endpoint is set.")
                .Require(s.TimeoutSeconds is > 0 and <= 60, "TimeoutSeconds", "must be more than 0 and at most 60.")
                .Between("MaxOutputTokens", s.MaxOutputTokens, 1, 4096);
        });

        Check<CampaignSettings>(services, CampaignSettings.Section, CampaignRules);

        Check<ReplySettings>(services, ReplySettings.Section, (s, p) => p.Between("TypingAfter", s.TypingAfter, TimeSpan.Zero, ReplySettings.MaxTypingAfter));

        Check<AzureSettings>(services, AzureSettings.Section, (s, p) => p.ClientIdOrEmpty("ManagedIdentityClientId", s.ManagedIdentityClientId));

        Check<FaqSettings>(services, FaqSettings.Section, (s, p) => p
            .Require(s.MatchAbove >= 0, "MatchAbove", "must be 0 or more.")
            .Between("MinOverlap", s.MinOverlap, 0, 1)
            .Between("ReloadInterval", s.ReloadInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))
            .Require(IndexName().IsMatch(s.AzureIndexName), "AzureIndexName", $"must be an Azure AI Search index name (lower-case letters, digits and '-'), not '{s.AzureIndexName}'."));

        Check<SearchSettings>(services, SearchSettings.Section, (s, p) =>
        {
            var weights = s.Hybrid.Weights;
            p.Require(weights.Question >= 0 && weights.Dense >= 0 && weights.Keyword >= 0 && weights.Question + weights.Dense + weights.Keyword > 0,
                    "Hybrid:Weights", "Question, Dense and Keyword must be 0 or more, and not all 0.")
                .Require(weights.KeywordScale > 0, "Hybrid:Weights:KeywordScale", "must be more than 0.");
        });

        Check<MemorySettings>(services, MemorySettings.Section, (s, p) =>
        {
            foreach (var key in s.Unreadable)
                p.Require(false, key, "must be true or false.");
        });

        Check<KnowledgeSettings>(services, KnowledgeSettings.Section, (s, p) =>
            p.Require(string.IsNullOrWhiteSpace(s.Path) || Directory.Exists(s.ResolvedPath), "Path", $"must be an existing folder, not '{s.Path}'."));

        return services.AddKeepingValidation();
    }

    /// <summary>What the bot keeps and the office works on: storage, the review queue, disclosures, the desk.</summary>
    private static IServiceCollection AddKeepingValidation(this IServiceCollection services)
    {
        Check<StorageSettings>(services, StorageSettings.Section, (s, p) =>
        {
            p.Require(Enum.IsDefined(s.Provider), "Provider", "must be Sqlite or Tables.");
            if (s.Provider == StorageProvider.Sqlite)
                p.Require(!string.IsNullOrWhiteSpace(s.SqlitePath), "SqlitePath", "is required when Storage:Provider is Sqlite.");
            if (s.Provider != StorageProvider.Tables)
                return;
            var tables = s.Tables;
            p.Require(!string.IsNullOrWhiteSpace(tables.ConnectionString) || IsHttps(tables.Endpoint), "Tables:ConnectionString",
                    "or an https Storage:Tables:Endpoint is required when Storage:Provider is Tables.")
                .Require(!string.IsNullOrWhiteSpace(tables.ConnectionString) || !IsHttps(tables.Endpoint) || tables.QueueUri() is not null, "Tables:QueueEndpoint",
                    "must be an https URL (https://<account>.queue.core.windows.net) for the campaigns' queue, or empty with a Storage:Tables:Endpoint "
                    + "of the form https://<account>.table.core.windows.net to derive it from.")
                .Require(TablePrefix().IsMatch(tables.TablePrefix), "Tables:TablePrefix", $"must be a letter then letters or digits, at most 40, not '{tables.TablePrefix}'.")
                .ClientIdOrEmpty("Tables:ManagedIdentityClientId", tables.ManagedIdentityClientId);
        });

        Check<ReviewSettings>(services, ReviewSettings.Section, (s, p) => p
            .Between("PageSize", s.PageSize, 1, 10)
            .Between("RetentionDays", s.RetentionDays, 1, 3650));

        Check<DisclosureSettings>(services, DisclosureSettings.Section, (s, p) => p
            .Between("IdleTimeout", s.IdleTimeout, TimeSpan.FromMinutes(5), TimeSpan.FromDays(30))
            .Between("UpkeepInterval", s.UpkeepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            .Between("PostLease", s.PostLease, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));

        Check<DeskSettings>(services, DeskSettings.Section, (s, p) =>
        {
            p.Between("PageSize", s.PageSize, 5, 200);
            foreach (var client in s.AllowedClients)
                p.Require(Guid.TryParse(client, out _), "AllowedClients", $"must be application (client) ids (GUIDs), not '{client}'.");
        });

        return services;
    }

    /// <summary>Adds the rules to the section's other checks (several validators may check one options class) and runs them all at start.</summary>
    /// <summary>Campaigns: the pace within Teams' limit for an app, leases and retries in bounds, Graph's installing complete when on.</summary>
    private static void CampaignRules(CampaignSettings s, SettingProblems p)
    {
        p.Between("MessagesPerSecond", s.MessagesPerSecond, 0.01, 50)
            .Between("BatchSize", s.BatchSize, 1, 1000)
            .Between("Concurrency", s.Concurrency, 1, 256)
            .Between("LeaseSeconds", s.LeaseSeconds, 10, 3600)
            .Between("PollSeconds", s.PollSeconds, 0.05, 300)
            .Between("MaxAttempts", s.MaxAttempts, 1, 20)
            .Between("RetryAfterSeconds", s.RetryAfterSeconds, 1, 3600);
        if (s.Graph.InstallApp)
            p.Require(Guid.TryParse(s.Graph.TeamsAppId, out _), "Graph:TeamsAppId", "must be the app's id in the Teams app catalog (a GUID) when Campaigns:Graph:InstallApp is true.")
                .Require(IsHttpsOrLoopback(s.Graph.BaseUrl), "Graph:BaseUrl", $"must be an https URL, not '{s.Graph.BaseUrl}'.")
                .Between("Graph:WaitSeconds", s.Graph.WaitSeconds, 5, 3600);
    }

    private static void Check<TOptions>(IServiceCollection services, string section, Action<TOptions, SettingProblems> rules)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new RuleValidation<TOptions>(section, rules));
        services.AddOptions<TOptions>().ValidateOnStart();
    }

    private static bool IsHttps(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsHttpsOrLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex TablePrefix();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,126}[a-z0-9])?$")]
    private static partial Regex IndexName();
}
