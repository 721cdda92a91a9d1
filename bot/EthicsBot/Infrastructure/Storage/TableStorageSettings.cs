using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>Configuration section <c>Storage:Tables</c>: a connection string, or an endpoint reached with the app's managed identity.</summary>
public sealed class TableStorageSettings
{
    /// <summary>A storage connection string (Azurite, or a key kept in Key Vault / user secrets — never in the repository).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The table endpoint, <c>https://&lt;account&gt;.table.core.windows.net</c>, used with a managed identity.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>
    /// The client id of a user-assigned managed identity; empty: the default Azure credential chain. Read by the app's
    /// one Azure credential when <c>Azure:ManagedIdentityClientId</c> is not set (Hosting.AzureCredentials).
    /// </summary>
    public string ManagedIdentityClientId { get; set; } = "";

    /// <summary>Table names start with this: <c>{prefix}Dialogs</c>, <c>{prefix}Disclosures</c>.</summary>
    public string TablePrefix { get; set; } = "ethicsbot";

    /// <summary>A client over the connection string, or over the endpoint with the app's Azure credential.</summary>
    public TableServiceClient CreateClient(TokenCredential credential)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return new TableServiceClient(ConnectionString);
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            throw new OptionsValidationException(Section, typeof(TableStorageSettings),
                ["Storage:Provider is Tables but neither Storage:Tables:ConnectionString nor an https Storage:Tables:Endpoint is set."]);
        return new TableServiceClient(endpoint, credential);
    }

    private const string Section = "Storage:Tables";
}
