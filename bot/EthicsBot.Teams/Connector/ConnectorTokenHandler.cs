using System.Net.Http.Headers;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Teams.Connector;

/// <summary>
/// Puts the bot's connector token on each attempt of a send, and only where <see cref="ServiceUrlPolicy"/> trusts the
/// host: a send that would carry the token anywhere else is refused before it leaves (logged), whoever made it.
/// Without an app id there is no token and nothing is added.
/// </summary>
public sealed partial class ConnectorTokenHandler(IConnectorTokenProvider tokens, ServiceUrlPolicy serviceUrls, ILogger<ConnectorTokenHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            var url = request.RequestUri ?? throw new ConnectorException("not sent: the request has no address");
            if (serviceUrls.TokenRefusal(url) is { } refusal)
            {
                LogUntrustedServiceUrl(logger, request.Method.Method, url.IdnHost, refusal);
                throw new ConnectorException($"not sent: {refusal}");
            }
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector send refused: {Method} to {Host} would carry the bot's token there: {Reason}")]
    private static partial void LogUntrustedServiceUrl(ILogger logger, string method, string host, string reason);
}
