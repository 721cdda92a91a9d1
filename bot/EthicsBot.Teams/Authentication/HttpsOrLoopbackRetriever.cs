using Microsoft.IdentityModel.Protocols;

namespace EthicsBot.Teams.Authentication;

/// <summary>
/// Fetches OpenID metadata and signing keys over https only; plain http only from a loopback stand-in (tests, local
/// tools). Each address is checked, so metadata served on loopback cannot point the keys at an http host elsewhere.
/// </summary>
internal sealed class HttpsOrLoopbackRetriever(HttpClient http) : IDocumentRetriever
{
    private readonly HttpDocumentRetriever _inner = new(http) { RequireHttps = false };

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            throw new InvalidOperationException($"Signing keys are only fetched over https (or from this machine), not from {address}.");
        return _inner.GetDocumentAsync(address, cancel);
    }
}
