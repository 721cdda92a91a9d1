namespace EthicsBot.Cli;

/// <summary>Configuration section <c>Manifest</c>: what the Teams app package says about who publishes it.</summary>
public sealed class ManifestSettings
{
    public const string Section = "Manifest";

    public string DeveloperName { get; set; } = "";
    public string WebsiteUrl { get; set; } = "";
    public string PrivacyUrl { get; set; } = "";
    public string TermsUrl { get; set; } = "";
    /// <summary>The bot's host name (e.g. <c>ethicsbot-prod.azurewebsites.net</c>), listed as a valid domain.</summary>
    public string Domain { get; set; } = "";
    public string Version { get; set; } = "1.0.0";
}
