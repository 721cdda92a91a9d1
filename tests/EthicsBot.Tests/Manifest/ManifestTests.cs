using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using EthicsBot.Cli;
using Microsoft.Extensions.Configuration;

namespace EthicsBot.Tests.Manifest;

/// <summary>
/// The Teams app package made by <c>package-app</c>: its manifest passes the official JSON schema of its version (from
/// the npm package @microsoft/app-manifest, at test time), and the icons have Teams' sizes, the outline white on
/// transparent. The template is the Microsoft 365 Agents Toolkit's too (its <c>${{VAR}}</c> placeholders): Deploy/ToolkitTests
/// checks that the toolkit fills it into the same manifest.
/// </summary>
public sealed class ManifestTests : IDisposable
{
    private const string AppId = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
    private readonly string _folder = Directory.CreateTempSubdirectory("ethicsbot-package-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Bot:AppId"] = AppId,
        ["Manifest:Domain"] = "ethicsbot-test.azurewebsites.net",
        ["Manifest:DeveloperName"] = "IOM Ethics and Conduct",
        ["Manifest:WebsiteUrl"] = "https://www.iom.int/",
        ["Manifest:PrivacyUrl"] = "https://www.iom.int/privacy",
        ["Manifest:TermsUrl"] = "https://www.iom.int/terms-and-conditions",
    };

    private static async Task<(int Code, string Out, string Error)> PackageAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["package-app", .. args], stdout, stderr, b => b.Configuration.AddInMemoryCollection(settings));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<ZipArchive> PackageAsync()
    {
        var zip = Path.Combine(_folder, "app.zip");
        var (code, output, error) = await PackageAsync(Settings, "--out", zip, "--version", "1.2.3");
        Assert.True(code == 0, error);
        Assert.Contains("Wrote", output, StringComparison.Ordinal);
        return ZipFile.OpenRead(zip);
    }

    [Fact]
    public async Task The_package_holds_the_manifest_filled_from_configuration_and_both_icons()
    {
        using var zip = await PackageAsync();

        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var text = await reader.ReadToEndAsync();
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(text)!;
        Assert.Equal(AppId, (string?)manifest["id"]);
        Assert.Equal("1.2.3", (string?)manifest["version"]);
        var bot = manifest["bots"]![0]!;
        Assert.Equal(AppId, (string?)bot["botId"]);
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        var commands = bot["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).ToList();
        foreach (var command in new[] { "ask", "declare a gift", "disclose a conflict of interest", "my disclosures", "review" })
            Assert.Contains(commands, c => (string?)c!["title"] == command);
        Assert.StartsWith("For the ethics office", (string?)commands.First(c => (string?)c!["title"] == "review")!["description"], StringComparison.Ordinal);
        Assert.Equal(["ethicsbot-test.azurewebsites.net"], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal("https://www.iom.int/privacy", (string?)manifest["developer"]!["privacyUrl"]);

        // The ethics office's desk: a personal tab served by the bot's web app, signing in with Teams SSO for the
        // Application ID URI the desk checks as the token audience (Desk:Audience).
        var tab = Assert.Single(manifest["staticTabs"]!.AsArray())!;
        Assert.Equal("https://ethicsbot-test.azurewebsites.net/office", (string?)tab["contentUrl"]);
        Assert.Equal(["personal"], tab["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(AppId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://ethicsbot-test.azurewebsites.net/{AppId}", (string?)manifest["webApplicationInfo"]!["resource"]);
    }

    [Fact]
    public async Task The_desk_signs_in_with_the_sso_app_named_by_the_option_or_desk_client_id_the_bot_keeps_its_own_id()
    {
        const string Sso = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";
        var fromOption = await ManifestAsync(Settings, "--sso-app-id", Sso);
        var fromSetting = await ManifestAsync(new Dictionary<string, string?>(Settings) { ["Desk:ClientId"] = Sso });

        foreach (var manifest in new[] { fromOption, fromSetting })
        {
            Assert.Equal(Sso, (string?)manifest["webApplicationInfo"]!["id"]);
            Assert.Equal($"api://ethicsbot-test.azurewebsites.net/{Sso}", (string?)manifest["webApplicationInfo"]!["resource"]);
            Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
            Assert.Equal(AppId, (string?)manifest["id"]);
        }
        var (code, _, error) = await PackageAsync(Settings, "--out", Path.Combine(_folder, "bad.zip"), "--sso-app-id", "desk");
        Assert.Equal(2, code);
        Assert.Contains("--sso-app-id (or Desk:ClientId) must be a GUID", error, StringComparison.Ordinal);
    }

    private async Task<JsonNode> ManifestAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var zip = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".zip");
        var (code, _, error) = await PackageAsync(settings, ["--out", zip, .. args]);
        Assert.True(code == 0, error);
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        return JsonNode.Parse(await reader.ReadToEndAsync())!;
    }

    [Fact]
    public async Task The_manifest_passes_the_official_schema_of_its_version_and_a_broken_one_does_not()
    {
        await NodeTools.EnsureInstalledAsync();
        using var zip = await PackageAsync();
        var file = Path.Combine(_folder, "manifest.json");
        zip.GetEntry("manifest.json")!.ExtractToFile(file);

        var (code, output) = await NodeTools.RunAsync("node", ["validate-manifest.cjs", file], TimeSpan.FromMinutes(1));

        Assert.True(code == 0, output);
        Assert.Contains("teams/v1.24/MicrosoftTeams.schema.json", output, StringComparison.Ordinal);
        Assert.Contains("\"errors\":[]", output, StringComparison.Ordinal);

        var broken = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        broken["bots"]![0]!["botId"] = "not-a-guid";
        await File.WriteAllTextAsync(file, broken.ToJsonString());
        var (brokenCode, brokenOutput) = await NodeTools.RunAsync("node", ["validate-manifest.cjs", file], TimeSpan.FromMinutes(1));
        Assert.Equal(1, brokenCode);
        Assert.Contains("/bots/0/botId", brokenOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_colour_icon_is_192_square_and_the_outline_32_square_white_on_transparent()
    {
        using var zip = await PackageAsync();

        var color = Png.Read(zip.GetEntry("color.png")!);
        var outline = Png.Read(zip.GetEntry("outline.png")!);

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var pixels = Enumerable.Range(0, 32 * 32).Select(outline.Pixel).ToList();
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        Assert.Equal(0, outline.Pixel(0).A); // the corner is transparent
        Assert.InRange(pixels.Count(p => p.A == 255), 40, 32 * 32 / 2); // a visible mark, not a filled square
    }

    [Theory]
    [InlineData("--app-id", "not-a-guid", "--app-id must be a GUID")]
    [InlineData("--domain", "https://ethicsbot.example.org/api", "--domain must be a host name")]
    [InlineData("--privacy-url", "http://insecure.example.org", "--privacy-url (or Manifest:PrivacyUrl) must be an https URL")]
    [InlineData("--version", "one", "--version must look like 1.0.0")]
    public async Task A_bad_value_is_refused_naming_it_and_no_package_is_written(string option, string value, string problem)
    {
        var zip = Path.Combine(_folder, "bad.zip");

        var (code, _, error) = await PackageAsync(Settings, "--out", zip, option, value);

        Assert.Equal(2, code);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public async Task A_missing_privacy_url_names_its_setting()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Manifest:PrivacyUrl"] = "" };

        var (code, _, error) = await PackageAsync(settings, "--out", Path.Combine(_folder, "x.zip"));

        Assert.Equal(2, code);
        Assert.Contains("--privacy-url (or Manifest:PrivacyUrl) is not set", error, StringComparison.Ordinal);
    }

    /// <summary>Reads an 8-bit RGBA PNG (what make-icons.mjs writes): size and pixels, all five row filters.</summary>
    private sealed record Png(int Width, int Height, byte[] Rgba)
    {
        public (byte R, byte G, byte B, byte A) Pixel(int index) => (Rgba[index * 4], Rgba[index * 4 + 1], Rgba[index * 4 + 2], Rgba[index * 4 + 3]);

        public static Png Read(ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
            int width = 0, height = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at < bytes.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
                var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
                var data = bytes.AsSpan(at + 8, length);
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal((8, 6), (data[8], data[9])); // 8-bit RGBA
                }
                else if (type == "IDAT")
                    idat.Write(data);
                at += 12 + length;
            }
            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress))
                z.CopyTo(inflated);
            var raw = inflated.ToArray();
            var stride = width * 4;
            var rgba = new byte[height * stride];
            for (var y = 0; y < height; y++)
            {
                var filter = raw[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    var value = raw[y * (stride + 1) + 1 + x];
                    int a = x >= 4 ? rgba[y * stride + x - 4] : 0, b = y > 0 ? rgba[(y - 1) * stride + x] : 0, c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4] : 0;
                    var p = a + b - c;
                    var predictor = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        _ => Math.Abs(p - a) <= Math.Abs(p - b) && Math.Abs(p - a) <= Math.Abs(p - c) ? a : Math.Abs(p - b) <= Math.Abs(p - c) ? b : c,
                    };
                    rgba[y * stride + x] = (byte)(value + predictor);
                }
            }
            return new Png(width, height, rgba);
        }
    }
}
