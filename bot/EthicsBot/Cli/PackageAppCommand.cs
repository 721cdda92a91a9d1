using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EthicsBot.Cli;

/// <summary>
/// <c>package-app [--app-id GUID] [--teams-app-id GUID] [--sso-app-id GUID] [--domain HOST] [--version X.Y.Z] [--out FILE.zip]</c>:
/// fills manifest/manifest.template.json from the options and the <c>Manifest</c> / <c>Bot:AppId</c> / <c>Desk:ClientId</c>
/// settings, checks every value, and writes the app package (manifest.json, color.png, outline.png) to upload in the
/// Teams admin center. The template's placeholders are the Microsoft 365 Agents Toolkit's (<c>${{BOT_ID}}</c>), named
/// as in env/.env.dev, so the toolkit's teamsApp/zipAppPackage and this command fill the same file.
/// </summary>
internal static partial class PackageAppCommand
{
    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "app-id", "teams-app-id", "sso-app-id", "domain", "version", "out", "developer", "website", "privacy-url", "terms-url" }, new HashSet<string>());
        if (arguments.Positional.Count > 0)
            throw new UsageException($"package-app takes options only, not \"{arguments.Positional[0]}\".");
        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var settings = configuration.GetSection(ManifestSettings.Section).Get<ManifestSettings>() ?? new ManifestSettings();

        var appId = Required(arguments.Value("app-id") ?? configuration["Bot:AppId"], "--app-id (or Bot:AppId)");
        // The desk's Teams SSO needs an Entra app with an Application ID URI: a managed identity (the Bicep's bot) has
        // none, so there it is the toolkit's aadApp/create app (Desk:ClientId); a bot with an app registration of its
        // own may use that one.
        var ssoAppId = arguments.Value("sso-app-id") ?? (string.IsNullOrWhiteSpace(configuration["Desk:ClientId"]) ? appId : configuration["Desk:ClientId"]!);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BOT_ID"] = Guid(appId, "--app-id"),
            ["TEAMS_APP_ID"] = Guid(arguments.Value("teams-app-id") ?? appId, "--teams-app-id"),
            ["AAD_APP_CLIENT_ID"] = Guid(ssoAppId, "--sso-app-id (or Desk:ClientId)"),
            ["BOT_DOMAIN"] = Host(Required(arguments.Value("domain") ?? settings.Domain, "--domain (or Manifest:Domain)")),
            ["APP_VERSION"] = Version(arguments.Value("version") ?? settings.Version),
            ["DEVELOPER_NAME"] = Text(Required(arguments.Value("developer") ?? settings.DeveloperName, "--developer (or Manifest:DeveloperName)"), 32, "the developer name"),
            ["WEBSITE_URL"] = Https(arguments.Value("website") ?? settings.WebsiteUrl, "--website (or Manifest:WebsiteUrl)"),
            ["PRIVACY_URL"] = Https(arguments.Value("privacy-url") ?? settings.PrivacyUrl, "--privacy-url (or Manifest:PrivacyUrl)"),
            ["TERMS_URL"] = Https(arguments.Value("terms-url") ?? settings.TermsUrl, "--terms-url (or Manifest:TermsUrl)"),
        };
        var output = Path.GetFullPath(arguments.Value("out") ?? "ethicsbot-teams-app.zip");

        var folder = Path.Combine(AppContext.BaseDirectory, "manifest");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.template.json")).ConfigureAwait(false))!;
        Fill(manifest, values);
        var json = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (Placeholder().Match(json) is { Success: true } left)
            throw new InvalidDataException($"the manifest template has a placeholder with no value: {left.Value}");

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var temporary = output + ".tmp";
        await using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            await using (var entry = zip.CreateEntry("manifest.json").Open())
                await entry.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json)).ConfigureAwait(false);
            foreach (var icon in new[] { "color.png", "outline.png" })
                zip.CreateEntryFromFile(Path.Combine(folder, icon), icon);
        }
        File.Move(temporary, output, overwrite: true);
        await context.Out.WriteLineAsync($"Wrote {output}: manifest {manifest["manifestVersion"]} for bot {values["BOT_ID"]} at {values["BOT_DOMAIN"]}. Upload it in the Teams admin center (Manage apps → Upload).").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Replaces <c>${{NAME}}</c> in every string of the template; values were checked, so none can break the JSON.</summary>
    private static void Fill(JsonNode node, IReadOnlyDictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                    if (child is JsonValue v && v.TryGetValue<string>(out var s))
                        o[key] = Replace(s, values);
                    else if (child is not null)
                        Fill(child, values);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                        a[i] = Replace(s, values);
                    else if (a[i] is { } child)
                        Fill(child, values);
                break;
        }
    }

    private static string Replace(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{what} is not set.") : value.Trim();

    private static string Guid(string value, string what) =>
        System.Guid.TryParse(value, out var id) ? id.ToString("D") : throw new UsageException($"{what} must be a GUID (the Entra app or managed identity client id), not \"{value}\".");

    private static string Host(string value) =>
        HostName().IsMatch(value) ? value.ToLowerInvariant() : throw new UsageException($"--domain must be a host name such as ethicsbot.azurewebsites.net (no https://, no path), not \"{value}\".");

    private static string Version(string value) =>
        SemanticVersion().IsMatch(value) ? value : throw new UsageException($"--version must look like 1.0.0, not \"{value}\".");

    private static string Text(string value, int max, string what) =>
        value.Length <= max ? value : throw new UsageException($"{what} is longer than {max} characters.");

    private static string Https(string? value, string what)
    {
        var text = Required(value, what);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && text.Length <= 2048
            ? text
            : throw new UsageException($"{what} must be an https URL, not \"{text}\".");
    }

    [GeneratedRegex(@"\$\{\{ *([A-Z][A-Z0-9_]*) *\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^\d{1,5}\.\d{1,5}\.\d{1,5}$")]
    private static partial Regex SemanticVersion();
}
