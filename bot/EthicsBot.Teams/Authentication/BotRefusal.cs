using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Teams.Authentication;

/// <summary>How the messaging endpoint refuses a caller: one warning naming the reason, and a 401 in our words.</summary>
internal static partial class BotRefusal
{
    public const string Detail = "This endpoint takes activities from the Bot Framework with a valid token for this bot.";

    public static Task WriteAsync(HttpContext http, ILogger logger, string reason)
    {
        LogRefused(logger, reason);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(detail: Detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in").ExecuteAsync(http);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to the bot endpoint: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
