using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace EthicsBot.Teams.Authentication;

/// <summary>A signing key published in a JWKS document, with the channels it is endorsed for (Bot Connector keys).</summary>
public sealed record SigningKey(SecurityKey Key, IReadOnlyList<string> Endorsements);

/// <summary>
/// An OpenID Connect metadata document and the signing keys it points to, fetched on first use, kept for a day,
/// and fetched again early (at most every five minutes) when a token names a key id not yet seen — keys roll over.
/// </summary>
public sealed class OpenIdMetadata(HttpClient http, Uri metadataUrl, TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Dictionary<string, SigningKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public Uri MetadataUrl => metadataUrl;

    /// <summary>The key with this id, or null when the metadata does not publish it.</summary>
    public async Task<SigningKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _fetchedAt > KeepFor || (!_keys.ContainsKey(keyId) && now - _fetchedAt > MinRefreshInterval))
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return _keys.GetValueOrDefault(keyId);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (time.GetUtcNow() - _fetchedAt <= MinRefreshInterval && _keys.Count > 0)
                return;
            using var metadata = await GetJsonAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
            if (!metadata.RootElement.TryGetProperty("jwks_uri", out var jwksUri) || jwksUri.GetString() is not { } jwks)
                throw new InvalidDataException($"OpenID metadata {metadataUrl} has no jwks_uri.");
            using var keySet = await GetJsonAsync(new Uri(jwks), cancellationToken).ConfigureAwait(false);
            var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
            foreach (var element in keySet.RootElement.GetProperty("keys").EnumerateArray())
            {
                var key = new JsonWebKey(element.GetRawText());
                if (string.IsNullOrEmpty(key.Kid))
                    continue;
                var endorsements = element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                    ? e.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
                    : [];
                keys[key.Kid] = new SigningKey(key, endorsements);
            }
            _keys = keys;
            _fetchedAt = time.GetUtcNow();
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<JsonDocument> GetJsonAsync(Uri url, CancellationToken cancellationToken)
    {
        // Keys are only trusted over https; plain http is allowed to loopback stand-ins (tests, local tools).
        if (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
            throw new InvalidDataException($"Refusing to fetch signing keys over {url.Scheme}: {url}");
        using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
