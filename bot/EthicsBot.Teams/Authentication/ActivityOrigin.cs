using Microsoft.AspNetCore.Http;

namespace EthicsBot.Teams.Authentication;

/// <summary>What the activity of a request says about where it comes from: the channel and the serviceUrl to answer.</summary>
public sealed record ActivityOrigin(string? ChannelId, string? ServiceUrl);

/// <summary>
/// Reads the origin of the request's activity, for checking it against the token; null when the body is not an
/// activity the bot would take (the endpoint refuses it then, whatever the token). Supplied by the host of the endpoint.
/// </summary>
public delegate ValueTask<ActivityOrigin?> ActivityOriginReader(HttpContext http);
