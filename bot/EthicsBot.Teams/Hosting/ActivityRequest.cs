using System.Buffers;
using EthicsBot.Teams.Authentication;
using EthicsBot.Teams.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace EthicsBot.Teams.Hosting;

/// <summary>
/// The activity a request to the messaging endpoint carries, read once: the token checks (the channel and serviceUrl
/// it names) and the endpoint work on the very same parse. A body over <see cref="MaxBodyBytes"/> (413), empty or not
/// an activity (400) gives the problem in our words instead.
/// </summary>
public static class ActivityRequest
{
    /// <summary>
    /// The largest request body taken: the Bot Framework's limit for an activity (256 KB); Teams' own messages are far
    /// smaller (about 28 KB of text).
    /// </summary>
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

    /// <summary>The problem of a body over <see cref="MaxBodyBytes"/>: the endpoint answers it with 413, not 400.</summary>
    public static readonly string TooLarge = $"The body is larger than {MaxBodyBytes} bytes, the most an activity may be.";

    /// <summary>The request's activity, or why it cannot be taken (a 400's detail, or <see cref="TooLarge"/>).</summary>
    public static async ValueTask<(Activity? Activity, string? Problem)> ReadAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Features.Get<Parsed>() is { } parsed)
            return (parsed.Activity, parsed.Problem);
        (Activity? Activity, string? Problem) result;
        var (body, length, bodyError) = await ReadBodyAsync(http, http.RequestAborted).ConfigureAwait(false);
        try
        {
            result = bodyError is not null
                ? (null, bodyError)
                : ActivityReader.Read(body.AsMemory(0, length), http.RequestServices.GetRequiredService<ServiceUrlPolicy>());
        }
        finally
        {
            if (body.Length > 0)
                ArrayPool<byte>.Shared.Return(body);
        }
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

    /// <summary>
    /// The body, read into a pooled buffer (returned once it is parsed) and never past <see cref="MaxBodyBytes"/>:
    /// Kestrel is told the limit, so a longer body is stopped where it passes it, whatever its Content-Length says.
    /// A long message costs its bytes once, not a growing stream's copies on the large object heap.
    /// </summary>
    private static async Task<(byte[] Body, int Length, string? Error)> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
            return ([], 0, TooLarge);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, MaxBodyBytes + 1));
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > MaxBodyBytes)
                    return Refuse(TooLarge);
                if (length == buffer.Length)
                    buffer = Grow(buffer, length);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(TooLarge);
        }
        return length == 0 ? Refuse("The body is empty; an activity was expected.") : (buffer, length, null);

        (byte[], int, string?) Refuse(string problem)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return ([], 0, problem);
        }
    }

    /// <summary>A pooled buffer twice as large (at most one byte over the limit, to see a body pass it), the bytes copied.</summary>
    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private sealed record Parsed(Activity? Activity, string? Problem);
}
