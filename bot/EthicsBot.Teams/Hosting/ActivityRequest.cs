using EthicsBot.Teams.Authentication;
using EthicsBot.Teams.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Reads the origin for <see cref="ActivityOriginReader"/>; null when the body is not an activity.</summary>
    public static async ValueTask<ActivityOrigin?> OriginAsync(HttpContext http)
    {
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
