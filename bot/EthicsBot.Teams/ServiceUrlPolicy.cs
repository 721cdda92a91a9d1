namespace EthicsBot.Teams;

/// <summary>
/// Which serviceUrls the bot answers. Without an app id (local development) only this machine. With one, only https
/// URLs on a trusted Bot Framework / Teams host (<see cref="BotSettings.TrustedServiceUrlHosts"/>), since every send
/// there carries the bot's own token; a loopback host listed by name may use http.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly string[] _hosts;
    private readonly bool _authenticated;

    public ServiceUrlPolicy(BotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _hosts = [.. settings.TrustedServiceUrlHosts ?? BotSettings.DefaultTrustedServiceUrlHosts];
        _authenticated = settings.IsAuthenticated;
    }

    /// <summary>Why the bot will not answer at this serviceUrl, or null when it will.</summary>
    public string? Refusal(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "The serviceUrl must be an absolute http or https URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "The serviceUrl must not carry a user name or password.";
        if (!_authenticated)
            return uri.IsLoopback ? null : "Without an app id the bot only answers a serviceUrl on this machine (local development).";
        return TokenRefusal(uri);
    }

    /// <summary>Why the bot's token must not be sent to this URL, or null when it may.</summary>
    public string? TokenRefusal(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!IsTrustedHost(uri.IdnHost))
            return "The serviceUrl is not on a trusted Bot Framework or Teams host (Bot:TrustedServiceUrlHosts).";
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
            return "The serviceUrl must use https.";
        return null;
    }

    private bool IsTrustedHost(string host) => _hosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
        ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
        : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));

    /// <summary>A host name, or <c>*.</c> and a domain of at least two labels.</summary>
    public static bool IsValidPattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
            return false;
        var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        if (pattern.StartsWith("*.", StringComparison.Ordinal) && !host.Contains('.', StringComparison.Ordinal))
            return false;
        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;
    }
}
