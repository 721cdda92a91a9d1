namespace EthicsBot.Teams;

/// <summary>
/// The bot's identity with the Bot Connector, configuration section <c>Bot</c>. With no <see cref="AppId"/> the bot
/// runs in local development mode: inbound requests are accepted without a token from loopback only, and nothing
/// outbound carries a token.
/// </summary>
public sealed class BotSettings
{
    public const string Section = "Bot";

    /// <summary>The Microsoft App ID (the Entra application's client id) of the Azure Bot resource.</summary>
    public string AppId { get; set; } = "";

    /// <summary><c>MultiTenant</c>, <c>SingleTenant</c> or <c>UserAssignedMSI</c>, as on the Azure Bot resource.</summary>
    public string AppType { get; set; } = "SingleTenant";

    /// <summary>The Entra tenant of a single-tenant or managed-identity bot.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Client secret of a single- or multi-tenant bot (from user secrets or Key Vault, never appsettings).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The Bot Connector's OpenID metadata, where its token signing keys are published.</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>Entra ID's OpenID metadata for the bot's tenant; <c>{tenant}</c> is replaced by <see cref="TenantId"/>.</summary>
    public string EntraMetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";

    /// <summary>The scope outbound connector tokens are requested for.</summary>
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Hosts the bot sends its connector token to (and takes activities from, with an app id): exact host names, or
    /// <c>*.domain</c> for any host under that domain. Null means <see cref="DefaultTrustedServiceUrlHosts"/>. The
    /// serviceUrl must be https, except for a loopback host listed here by name (a local emulator or test connector).
    /// </summary>
    public string[]? TrustedServiceUrlHosts { get; set; }

    /// <summary>The Bot Framework and Teams connector hosts of the public, GCC, GCC High and DoD clouds.</summary>
    public static IReadOnlyList<string> DefaultTrustedServiceUrlHosts { get; } =
    [
        "smba.trafficmanager.net",
        "*.botframework.com",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
        "*.botframework.azure.us",
    ];

    /// <summary>
    /// The channels whose activities the bot takes (their <c>channelId</c>); an activity from any other is refused with
    /// 403 and no turn is run. Null means <see cref="DefaultChannels"/>, or <see cref="DefaultLocalChannels"/> without
    /// an app id. Identity (<c>from.id</c>, <c>from.aadObjectId</c>) is only as good as the channel that set it: Teams
    /// vouches for its users, while on Web Chat or Direct Line the client chooses these ids.
    /// </summary>
    public string[]? Channels { get; set; }

    /// <summary>Microsoft Teams only.</summary>
    public static IReadOnlyList<string> DefaultChannels { get; } = ["msteams"];

    /// <summary>
    /// Local development: Teams, which the Agents Playground speaks by default (and with <c>-c msteams</c>) and the tests
    /// send, and the Bot Framework Emulator's channel.
    /// </summary>
    public static IReadOnlyList<string> DefaultLocalChannels { get; } = ["msteams", "emulator"];

    /// <summary>The channels taken: <see cref="Channels"/> when set, else the default for the mode.</summary>
    public IReadOnlyList<string> ServedChannels => Channels ?? (IsAuthenticated ? DefaultChannels : DefaultLocalChannels);

    /// <summary>
    /// Application (client) ids whose Entra ID tokens may call the bot, besides the bot's own id (other bots or agents
    /// calling this one as a skill). Empty by default: Entra tokens from any other application are refused.
    /// </summary>
    public string[] AllowedCallers { get; set; } = [];

    /// <summary>How turns run: concurrency, acknowledgement, claims and deduplication (<c>Bot:Turns</c>).</summary>
    public TurnSettings Turns { get; set; } = new();

    /// <summary>True when an app id is configured, i.e. tokens are required inbound and sent outbound.</summary>
    public bool IsAuthenticated => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>A channel id as the Bot Framework writes them (<c>msteams</c>, <c>webchat</c>, <c>directline</c>, <c>emulator</c>).</summary>
    private static bool IsChannelId(string? channel) =>
        !string.IsNullOrEmpty(channel) && channel.Length <= 64 && channel.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>What is wrong with these settings, each naming its key; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Turns.Problems());
        if (Channels is { Length: 0 })
            problems.Add($"{Section}:Channels must name at least one channel (e.g. 'msteams').");
        foreach (var channel in Channels ?? [])
            if (!IsChannelId(channel))
                problems.Add($"{Section}:Channels has '{channel}', which is not a channel id: lower-case letters, digits and '-' as the Bot Framework sends them (e.g. 'msteams').");
        foreach (var host in TrustedServiceUrlHosts ?? [])
            if (!ServiceUrlPolicy.IsValidPattern(host))
                problems.Add($"{Section}:TrustedServiceUrlHosts has '{host}', which is neither a host name nor '*.' followed by a domain.");
        if (!IsAuthenticated)
            return problems;
        foreach (var caller in AllowedCallers)
            if (!Guid.TryParse(caller, out _))
                problems.Add($"{Section}:AllowedCallers has '{caller}', which is not an application (client) id (a GUID).");
        if (!Guid.TryParse(AppId, out _))
            problems.Add($"{Section}:AppId must be the bot's application (client) id, a GUID.");
        switch (AppType)
        {
            case "MultiTenant":
                if (string.IsNullOrWhiteSpace(ClientSecret))
                    problems.Add($"{Section}:ClientSecret is required for a MultiTenant bot.");
                break;
            case "SingleTenant":
                if (string.IsNullOrWhiteSpace(TenantId))
                    problems.Add($"{Section}:TenantId is required for a SingleTenant bot.");
                if (string.IsNullOrWhiteSpace(ClientSecret))
                    problems.Add($"{Section}:ClientSecret is required for a SingleTenant bot (or use AppType UserAssignedMSI).");
                break;
            case "UserAssignedMSI":
                if (string.IsNullOrWhiteSpace(TenantId))
                    problems.Add($"{Section}:TenantId is required for a UserAssignedMSI bot.");
                break;
            default:
                problems.Add($"{Section}:AppType must be MultiTenant, SingleTenant or UserAssignedMSI, not '{AppType}'.");
                break;
        }
        return problems;
    }
}
