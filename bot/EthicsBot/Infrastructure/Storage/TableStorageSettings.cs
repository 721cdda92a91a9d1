using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace EthicsBot.Infrastructure.Storage;

/// <summary>
/// Configuration section <c>Storage:Tables</c>: a connection string, or an endpoint reached with the app's managed
/// identity. The same storage account also holds the campaigns' delivery queue (Azure Storage Queues), so that several
/// instances share it: the connection string serves both, and with a managed identity the queue endpoint is
/// <see cref="QueueEndpoint"/> or, when that is empty, the table endpoint's account's.
/// </summary>
public sealed class TableStorageSettings
{
    /// <summary>A storage connection string (Azurite, or a key kept in Key Vault / user secrets — never in the repository).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The table endpoint, <c>https://&lt;account&gt;.table.core.windows.net</c>, used with a managed identity.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>
    /// The queue endpoint, <c>https://&lt;account&gt;.queue.core.windows.net</c>, used with a managed identity for the
    /// campaigns' delivery queue. Empty: derived from <see cref="Endpoint"/> (same account, <c>.table.</c> becoming
    /// <c>.queue.</c> in its host); set it when the table endpoint has another form (a custom domain, a private endpoint).
    /// </summary>
    public string QueueEndpoint { get; set; } = "";

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

    /// <summary>A queue client over the connection string, or over the queue endpoint with the app's Azure credential.</summary>
    public QueueServiceClient CreateQueueClient(TokenCredential credential)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return new QueueServiceClient(ConnectionString);
        var endpoint = QueueUri() ?? throw new OptionsValidationException(Section, typeof(TableStorageSettings), [QueueProblem]);
        return new QueueServiceClient(endpoint, credential);
    }

    /// <summary>
    /// The https queue endpoint used with a managed identity: <see cref="QueueEndpoint"/>, or derived from an
    /// <see cref="Endpoint"/> of the form <c>https://&lt;account&gt;.table.&lt;suffix&gt;</c>; null when neither gives one.
    /// </summary>
    public Uri? QueueUri()
    {
        if (!string.IsNullOrWhiteSpace(QueueEndpoint))
            return Uri.TryCreate(QueueEndpoint, UriKind.Absolute, out var queue) && queue.Scheme == Uri.UriSchemeHttps ? queue : null;
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var table) || table.Scheme != Uri.UriSchemeHttps || table.HostNameType != UriHostNameType.Dns)
            return null;
        var labels = table.Host.Split('.');
        if (labels.Length < 3 || !labels[1].Equals("table", StringComparison.OrdinalIgnoreCase))
            return null;
        labels[1] = "queue";
        return new UriBuilder(table) { Host = string.Join('.', labels) }.Uri;
    }

    /// <summary>What is wrong when there is no connection string and no queue endpoint can be had.</summary>
    public const string QueueProblem = "Storage:Provider is Tables without a connection string, so the campaigns' queue needs an https Storage:Tables:QueueEndpoint "
        + "(https://<account>.queue.core.windows.net), or a Storage:Tables:Endpoint of the form https://<account>.table.core.windows.net to derive it from.";

    private const string Section = "Storage:Tables";
}
