namespace EthicsBot.Hosting;

/// <summary>
/// What a request that failed on our side gets: a 500 in our words, never the runtime's (no exception type, message
/// or stack trace, in development too). The desk's pages get an HTML fragment it shows in place; everything else a
/// problem document. ASP.NET Core's handler logs the exception for operators.
/// </summary>
public static class ErrorResponses
{
    public const string Detail = "Something went wrong on our side, and it has been logged. Nothing more was done after it: try again in a moment, and if it happens again, tell the people who run the bot.";

    public static void UseErrorResponses(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteAsync, StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
    }

    private static Task WriteAsync(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.Path.StartsWithSegments("/office", StringComparison.OrdinalIgnoreCase))
            return Results.Content("<h1>Not done</h1>" + Features.Office.Desk.Html.Note(Detail, good: false), "text/html; charset=utf-8", null, StatusCodes.Status500InternalServerError).ExecuteAsync(http);
        return Results.Problem(title: "Server error", detail: Detail, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(http);
    }
}
