using System.Net;

namespace EthicsBot.Teams.Protocol;

/// <summary>A send to the connector that failed for good (after retries), or was refused before sending.</summary>
public sealed class ConnectorException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}
