namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// The tab's page: navigation and an empty main area, no data. Its script (assets/desk.js) signs in with Teams SSO
/// (the Teams JavaScript client's getAuthToken) and loads the server-rendered pages with the token in the
/// Authorization header. The Teams JavaScript client is vendored from npm (@microsoft/teams-js, MIT; its licence
/// is served beside it), so nothing is loaded from a CDN.
/// </summary>
internal static class DeskShell
{
    /// <summary>Only these files are served, from the <c>desk</c> folder beside the executable.</summary>
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["desk.js"] = "text/javascript; charset=utf-8",
        ["desk.css"] = "text/css; charset=utf-8",
        ["lib/MicrosoftTeams.min.js"] = "text/javascript; charset=utf-8",
        ["lib/MicrosoftTeams.LICENSE.txt"] = "text/plain; charset=utf-8",
    };

    public static IResult Asset(string file) =>
        Assets.TryGetValue(file, out var type) ? Results.File(Path.Combine(AppContext.BaseDirectory, "desk", file), type) : Results.NotFound();

    /// <summary>The frame may only be Teams (web, desktop and the Microsoft 365 hosts); scripts and styles are ours.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; " +
        "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://outlook.office.com https://*.microsoft365.com";

    public static string Page() => """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Ethics office desk</title>
        <link rel="stylesheet" href="/office/assets/desk.css">
        <script src="/office/assets/lib/MicrosoftTeams.min.js"></script>
        <script src="/office/assets/desk.js" defer></script>
        </head>
        <body>
        <header>
        <strong>Ethics office desk</strong>
        <nav id="pages">
        <a href="/office/api/queue" data-desk="/office/api/queue" data-testid="nav-queue">Queue</a>
        <a href="/office/api/register" data-desk="/office/api/register" data-testid="nav-register">Disclosure register</a>
        <a href="/office/api/faq" data-desk="/office/api/faq" data-testid="nav-faq">FAQ</a>
        <a href="/office/api/campaigns" data-desk="/office/api/campaigns" data-testid="nav-campaigns">Campaigns</a>
        <a href="/office/api/insights" data-desk="/office/api/insights" data-testid="nav-insights">Insights</a>
        </nav>
        </header>
        <main id="desk" aria-live="polite"><p>Signing in…</p></main>
        </body>
        </html>
        """;
}
