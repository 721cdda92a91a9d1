using EthicsBot.Tests.Teams;

namespace EthicsBot.Tests;

/// <summary>Every section the bot binds is checked at start: a bad value stops the bot with a message naming its key.</summary>
public sealed class SettingsValidationTests
{
    public static TheoryData<string, string> BadSettings => new()
    {
        { "Disclosures:IdleTimeout=00:01:00", "Disclosures:IdleTimeout must be between 00:05:00 and 30.00:00:00" },
        { "Disclosures:UpkeepInterval=00:00:00", "Disclosures:UpkeepInterval must be between" },
        { "Disclosures:PostLease=2.00:00:00", "Disclosures:PostLease must be between" },
        { "Answers:ShowWithin=1.5", "Answers:ShowWithin must be between 0 and 1" },
        { "Answers:Clauses=0", "Answers:Clauses must be between 1 and 10" },
        { "Answers:NotCoveredBelow=-1", "Answers:NotCoveredBelow must be 0 or more" },
        { "AzureOpenAI:Endpoint=http://openai.example.com/", "AzureOpenAI:Endpoint must be an https URL" },
        { "AzureOpenAI:Endpoint=https://x.openai.azure.com/;AzureOpenAI:TimeoutSeconds=0", "AzureOpenAI:TimeoutSeconds must be more than 0" },
        { "AzureOpenAI:Endpoint=https://x.openai.azure.com/;AzureOpenAI:MaxOutputTokens=0", "AzureOpenAI:MaxOutputTokens must be between 1 and 4096" },
        { "Storage:Provider=Tables;Storage:Tables:ConnectionString=UseDevelopmentStorage=true;Storage:Tables:TablePrefix=ethics-bot", "Storage:Tables:TablePrefix must be" },
        { "Storage:Provider=Tables;Storage:Tables:ConnectionString=UseDevelopmentStorage=true;Storage:Tables:ManagedIdentityClientId=mine", "Storage:Tables:ManagedIdentityClientId must be" },
        { "Storage:Provider=Tables;Storage:Tables:Endpoint=https://tables.example.org/", "Storage:Tables:QueueEndpoint must be an https URL" },
        { "Storage:Provider=Tables;Storage:Tables:Endpoint=https://x.table.core.windows.net/;Storage:Tables:QueueEndpoint=http://x.queue.core.windows.net/", "Storage:Tables:QueueEndpoint must be an https URL" },
        { "Azure:ManagedIdentityClientId=mine", "Azure:ManagedIdentityClientId must be the managed identity's client id" },
        { "Review:PageSize=0", "Review:PageSize must be between 1 and 10" },
        { "Review:RetentionDays=0", "Review:RetentionDays must be between 1 and 3650" },
        { "Faq:MinOverlap=2", "Faq:MinOverlap must be between 0 and 1" },
        { "Faq:ReloadInterval=00:00:00", "Faq:ReloadInterval must be between 00:00:01 and 1.00:00:00" },
        { "Faq:AzureIndexName=Ethics FAQ", "Faq:AzureIndexName must be" },
        { "Desk:PageSize=1000", "Desk:PageSize must be between 5 and 200" },
        { "Desk:AllowedClients:0=teams-web", "Desk:AllowedClients must be application (client) ids (GUIDs), not 'teams-web'." },
        { "Search:Hybrid:Weights:KeywordScale=0", "Search:Hybrid:Weights:KeywordScale must be more than 0" },
        { "Search:Provider=7", "Search:Provider must be Lucene or Azure" },
        { "Knowledge:Path=/nonexistent/ethicsbot-knowledge", "Knowledge:Path must be an existing folder" },
        { "Bot:Turns:MaxConcurrent=0", "Bot:Turns:MaxConcurrent must be at least 1" },
        { "Bot:TypingAfter=00:00:11", "Bot:TypingAfter must be between 00:00:00 and 00:00:10, not 00:00:11." },
        { "Bot:TypingAfter=-00:00:01", "Bot:TypingAfter must be between 00:00:00 and 00:00:10" },
        { "Bot:Channels:0=MSTeams", "Bot:Channels has 'MSTeams', which is not a channel id" },
        { "Bot:Channels:0=msteams;Bot:Channels:1=", "Bot:Channels has '', which is not a channel id" },
        { "Organizations:Default=unicef", "Organizations:Default is 'unicef'" },
        { "Campaigns:MessagesPerSecond=80", "Campaigns:MessagesPerSecond must be between 0.01 and 50" },
        { "Campaigns:LeaseSeconds=1", "Campaigns:LeaseSeconds must be between 10 and 3600" },
        { "Campaigns:Graph:InstallApp=true;Campaigns:Graph:TeamsAppId=ethicsbot", "Campaigns:Graph:TeamsAppId must be the app's id in the Teams app catalog (a GUID)" },
        { "Campaigns:Graph:InstallApp=true;Campaigns:Graph:TeamsAppId=0a1b2c3d-0000-4000-8000-00000000a99a;Campaigns:Graph:BaseUrl=http://graph.example.org/v1.0", "Campaigns:Graph:BaseUrl must be an https URL" },
        { "Memory:EncoderArena=sometimes", "Memory:EncoderArena must be true or false." },
        { "Memory:TrimNativeHeap=yes", "Memory:TrimNativeHeap must be true or false." },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_value_stops_the_start_naming_its_key(string settings, string expected)
    {
        using var bot = new BotFactory(Parse(settings));

        var refusal = bot.StartRefusal(() => bot.CreateClient().Dispose());

        Assert.Contains(expected, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_channel_list_is_refused_naming_its_key() =>
        Assert.Contains("Bot:Channels must name at least one channel (e.g. 'msteams').", new EthicsBot.Teams.BotSettings { Channels = [] }.Problems());

    /// <summary>"key=value;key=value" (a value may hold '=').</summary>
    private static Dictionary<string, string?> Parse(string settings) =>
        settings.Split(';').Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]);
}
