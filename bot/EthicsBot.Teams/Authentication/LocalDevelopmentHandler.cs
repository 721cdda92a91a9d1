using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Teams.Authentication;

/// <summary>
/// Local development (no <c>Bot:AppId</c>): a request from this machine is let in without a token, as the Agents
/// Playground and the emulator send them; from anywhere else, or once an app id is configured, nobody is.
/// </summary>
internal sealed class LocalDevelopmentHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder, IOptions<BotSettings> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    private const string NotHere = "no app id is configured and the request is not from this machine";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (settings.Value.IsAuthenticated || !IsLoopback(Context.Connection.RemoteIpAddress))
            return Task.FromResult(AuthenticateResult.Fail(NotHere));
        var identity = new ClaimsIdentity([new Claim("name", "Local development")], BotAuthentication.LocalScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), BotAuthentication.LocalScheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        BotRefusal.WriteAsync(Context, Logger, NotHere);

    /// <summary>A request from this machine; the in-memory test server has no remote address at all.</summary>
    private static bool IsLoopback(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote);
}
