using EthicsBot.Teams.Authentication;
using EthicsBot.Teams.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// The activity a request to the messaging endpoint carries, read once: the token checks (the channel and serviceUrl
/// it names) and the endpoint work on the very same parse. A body over <see cref="MaxBodyBytes"/>, empty or not an
/// activity gives the problem in our words instead.
/// </summary>
public static class ActivityRequest
{
    /// <summary>The largest request body taken; Teams activities are far smaller.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Reads the origin for <see cref="ActivityOriginReader"/>; null when the body is not an activity (or not JSON: not even read).</summary>
    public static async ValueTask<ActivityOrigin?> OriginAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!IsJson(http.Request))
            return null;
        var (activity, _) = await ReadAsync(http).ConfigureAwait(false);
        return activity is null ? null : new ActivityOrigin(activity.ChannelId, activity.ServiceUrl);
    }

    /// <summary>The request's activity, or why it cannot be taken (a 400's detail).</summary>
    public static async ValueTask<(Activity? Activity, string? Problem)> ReadAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<Parsed>() is { } parsed)
            return (parsed.Activity, parsed.Problem);
        var (body, bodyError) = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        var result = bodyError is not null
            ? (null, bodyError)
            : ActivityReader.Read(body, http.RequestServices.GetRequiredService<ServiceUrlPolicy>());
        http.Features.Set(new Parsed(result.Activity, result.Problem));
        return result;
    }

    /// <summary>
    /// The body is declared JSON: <c>application/json</c>, with no parameter but a UTF-8 charset. A browser sends
    /// <c>text/plain</c>, a form or multipart cross-site without asking the server first (a "simple" request); JSON it
    /// must ask for, and this endpoint answers no such question.
    /// </summary>
    public static bool IsJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return false;
        foreach (var parameter in type.Parameters)
            if (!parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)
                || !HeaderUtilities.RemoveQuotes(parameter.Value).Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                return false;
        return true;
    }

    /// <summary>
    /// The request comes from a web page: browsers name the page's origin on every POST (<c>Origin</c>) and say how the
    /// request relates to it (<c>Sec-Fetch-Site</c>); Teams' connector, the Agents Playground's server and the emulator
    /// post from their own processes and send neither.
    /// </summary>
    public static bool IsFromBrowser(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Origin.Count > 0 || request.Headers.ContainsKey("Sec-Fetch-Site");
    }

    private static async Task<(byte[] Body, string? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return ([], $"The body is larger than {MaxBodyBytes} bytes.");
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return ([], $"The body is larger than {MaxBodyBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == 0 ? ([], "The body is empty; an activity was expected.") : (buffer.ToArray(), null);
    }

    private sealed record Parsed(Activity? Activity, string? Problem);
}
