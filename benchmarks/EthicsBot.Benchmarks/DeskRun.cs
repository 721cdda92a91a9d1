using System.Diagnostics;
using System.Globalization;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Teams.Protocol;
using EthicsBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Benchmarks;

/// <summary>
/// The desk's pages with 10,000 disclosures in SQLite, or in Azure Table Storage on Azurite (<c>--desk tables</c>;
/// Azurite is a Node.js stand-in, so its figures are Azurite's, not the Azure service's): the real host in process (ASP.NET Core's test server, so the
/// time is the server's: routing, the membership check, the store's paged query and the HTML), signed in with the
/// development scheme. Each page is requested 300 times after 5 to warm up; p50/p99/max per page. On Tables, each page
/// also says how many requests it made to the table service, and <c>--rtt N</c> makes every request wait N ms first:
/// a model of the network round trip to the Azure service, which Azurite on loopback does not have.
/// </summary>
internal static class DeskRun
{
    private const string Member = "bench-member";

    public static async Task RunAsync(TextWriter output, int disclosures, bool tables, TimeSpan roundTrip)
    {
        var folder = Directory.CreateTempSubdirectory("ethicsbot-desk-bench-").FullName;
        var database = Path.Combine(folder, "ethicsbot.db");
        using var azurite = tables ? Azurite.Start(folder) : null;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = database,
            ["Desk:DevMember"] = Member,
            ["Organizations:iom:EthicsOffice:Members:0"] = Member,
        };
        if (azurite is not null)
        {
            settings["Storage:Provider"] = "Tables";
            settings["Storage:Tables:ConnectionString"] = azurite.ConnectionString;
        }
        var seed = Stopwatch.StartNew();
        IDisclosureStore store = azurite is null ? new SqliteDisclosureStore(database) : new TableDisclosureStore(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString));
        var suppliers = new[] { "Acme Logistics", "Blue River Transport", "Ministry of Health", "Sahel Fuel Co", "Nile Printing", "Kampala Motors", "Delta Catering" };
        var forms = new[] { ("gift", "GIFT", "Declare a gift"), ("conflict", "COI", "Declare a conflict of interest"), ("outside", "OUT", "Declare an outside activity") };
        var start = DateTimeOffset.UtcNow.AddDays(-720);
        await Parallel.ForAsync(0, disclosures, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var (form, prefix, title) = forms[i % forms.Length];
            var supplier = $"{suppliers[i % suppliers.Length]} {i % 97}";
            var reference = new ConversationReference { ServiceUrl = "http://127.0.0.1:1/", Conversation = new ConversationAccount { Id = $"a:chat-{i % 500}" } };
            var disclosure = await store.SubmitAsync(new Disclosure
            {
                Id = $"d{i:000000}", Organization = "iom", FormId = form, FormTitle = title, ReferencePrefix = prefix, Noun = title[8..],
                Discloser = new Discloser($"user-{i % 500}", $"Staff {i % 500}", reference),
                Answers = [new DisclosureAnswer("item", "What it was", "a hamper", "a hamper"), new DisclosureAnswer("source", "Who gave it", supplier, supplier)],
                Submitted = start.AddMinutes(i * 100),
            }, ct);
            if (i % 3 == 0)
                await store.DecideAsync("iom", disclosure.Id, new DisclosureDecision(i % 2 == 0 ? DisclosureStatus.Approved : DisclosureStatus.Acknowledged, Member, "Bench", DateTimeOffset.UtcNow, ""), ct);
        });
        IOfficeStore office = azurite is null ? new SqliteOfficeStore(database) : new TableOfficeStore(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString));
        for (var i = 0; i < 2_000; i++)
            await office.QueueAsync(new ReviewItem
            {
                Id = $"q{i:00000}", Organization = "iom", Question = $"Can I accept a gift number {i} from a supplier?", Clauses = ["iom-5.49"],
                Asker = new ConversationReference { ServiceUrl = "http://127.0.0.1:1/", Conversation = new ConversationAccount { Id = $"a:asker-{i}" } },
                At = DateTimeOffset.UtcNow.AddDays(-30).AddMinutes(i), // inside the retention time, or the sweep at start deletes them
            }, default);
        seed.Stop();

        var requests = new TableRequests(roundTrip);
        await using var factory = new WebApplicationFactory<EthicsBot.Features.Office.Desk.DeskSettings>().WithWebHostBuilder(b =>
        {
            b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings));
            b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            if (azurite is not null)
                b.ConfigureTestServices(s => s.AddSingleton(requests.Client(azurite.ConnectionString)));
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Desk-Dev", "1");
        var pages = new (string Name, string Path)[]
        {
            ("register, first page", "/office/api/register"),
            ("register, page 100", "/office/api/register?page=100"),
            ("register, one supplier", "/office/api/register?q=Sahel%20Fuel%20Co%2042"),
            ("register, type + status + dates", "/office/api/register?type=gift&status=approved&from=2025-06-01&to=2026-01-31"),
            ("disclosure detail", "/office/api/register/iom/d004242"),
            ("register, last page", "/office/api/register?page=200"),
            ("queue, first page", "/office/api/queue"),
            ("queue, page 40", "/office/api/queue?page=40"),
            ("insights", "/office/api/insights"),
            ("CSV export, one supplier", "/office/api/register.csv?q=Sahel%20Fuel%20Co%2042"),
        };
        output.WriteLine($"desk: {disclosures} disclosures and 2,000 open questions seeded in {seed.Elapsed.TotalSeconds:0.0} s ({(azurite is null ? database : $"Table Storage on Azurite, {roundTrip.TotalMilliseconds:0} ms added to each request")})");
        foreach (var (name, path) in pages)
        {
            for (var i = 0; i < 5; i++)
                (await client.GetAsync(new Uri(path, UriKind.Relative))).EnsureSuccessStatusCode();
            if (Environment.GetEnvironmentVariable("DESK_BENCH_SHOW") == "1") // to see what is timed
                output.WriteLine(await client.GetStringAsync(new Uri(path, UriKind.Relative)));
            var Runs = azurite is null ? 300 : 30; // Azurite answers a page in seconds, not milliseconds
            var timings = new double[Runs];
            var bytes = 0;
            var before = requests.Count;
            for (var i = 0; i < Runs; i++)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
                timings[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
            }
            Array.Sort(timings);
            string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
            var perPage = azurite is null ? "" : $", {(requests.Count - before) / (double)Runs:0.#} table requests";
            output.WriteLine($"{name,-34} p50 {Ms(timings[Runs / 2]),6} ms  p99 {Ms(timings[(int)(Runs * 0.99)]),6} ms  max {Ms(timings[^1]),6} ms  ({bytes:N0} bytes{perPage})");
        }
    }
}
