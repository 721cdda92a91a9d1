namespace EthicsBot.Hosting;

/// <summary>Configuration section <c>Azure</c>: how the app reaches its Azure services (see <see cref="AzureCredentials"/>).</summary>
public sealed class AzureSettings
{
    public const string Section = "Azure";

    /// <summary>The client id (a GUID) of the user-assigned managed identity; empty: the default Azure credential chain.</summary>
    public string ManagedIdentityClientId { get; set; } = "";
}
