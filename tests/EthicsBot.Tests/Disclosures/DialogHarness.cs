using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Features.Disclosures;
using EthicsBot.Infrastructure.Storage;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Knowledge;
using EthicsBot.Shared.Knowledge;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EthicsBot.Tests.Disclosures;

/// <summary>A clock the test moves.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// The dialog engine with the shipped forms (knowledge/forms) and a SQLite file in a temporary folder, without
/// HTTP. <see cref="Restart"/> builds a new engine and store on the same file, as a restarted bot would.
/// </summary>
public sealed class DialogHarness : IDisposable
{
    private static readonly Lazy<ClauseCatalog> Clauses = new(() => new ClauseCatalog(new KnowledgeSources(Repo.Combine("knowledge")).LoadClauses()));
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("ethicsbot-dialogs-").FullName;

    public DialogHarness(TimeSpan? idle = null)
    {
        Settings = Options.Create(new DisclosureSettings { IdleTimeout = idle ?? TimeSpan.FromHours(24) });
        Restart();
    }

    public static FormCatalog Forms { get; } = FormCatalog.Load(Repo.Combine("knowledge", "forms"), Clauses.Value);

    public static ClauseCatalog ClauseCatalog => Clauses.Value;

    /// <summary>The organisations as shipped in appsettings.json.</summary>
    public static OrganizationDirectory Directory { get; } = OrganizationDirectory.FromConfiguration(
        new ConfigurationBuilder().AddJsonFile(Repo.Combine("bot", "EthicsBot", "appsettings.json")).Build());

    /// <summary>The shipped report screen, its encoder loaded once for every harness.</summary>
    public static Lazy<EthicsBot.Features.Safety.ReportScreen> Screen { get; } = new(() => new EthicsBot.Features.Safety.ReportScreen(
        new EthicsBot.Knowledge.Embeddings.MiniLmEmbeddingGenerator(),
        EthicsBot.Features.Safety.ReportModel.Load(Repo.Combine("knowledge", "intent", "model.json"), EthicsBot.Knowledge.Embeddings.MiniLmEmbeddingGenerator.Dimensions)));

    public ManualTime Time { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero));

    public IOptions<DisclosureSettings> Settings { get; }

    public SqliteDisclosureStore Store { get; private set; } = null!;

    public DisclosureDialogs Dialogs { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_folder, "ethicsbot.db");

    public void Restart()
    {
        Store = new SqliteDisclosureStore(DatabasePath);
        Dialogs = new DisclosureDialogs(Forms, Store, Settings, Time, Directory, Screen.Value);
    }

    public static OrganizationProfile Organization(string id) => new()
    {
        Id = id,
        Name = id.ToUpperInvariant(),
        EthicsOffice = new EthicsOffice { Name = $"{id.ToUpperInvariant()} ethics office" },
    };

    public static Discloser Person(string user = "aad-user-1", string conversation = "a:1on1-1") => new(user, "Amina Staff", new ConversationReference
    {
        ServiceUrl = "http://127.0.0.1:1/",
        ChannelId = "msteams",
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal" },
        User = new ChannelAccount { Id = "29:" + user, AadObjectId = user },
        Bot = new ChannelAccount { Id = "28:ethicsbot" },
    });

    /// <summary>The control data of a card's button ("dialog", "org", "step", "op") plus the inputs.</summary>
    public static JsonElement Press(JsonObject card, string title, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var action = card["actions"]!.AsArray().Select(a => a!.AsObject()).FirstOrDefault(a => (string?)a["title"] == title)
                     ?? throw new InvalidOperationException($"no '{title}' button on the card: {string.Join(", ", card["actions"]!.AsArray().Select(a => (string?)a!["title"]))}");
        var data = (JsonObject)action["data"]!.DeepClone();
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
            data[key] = value;
        return JsonSerializer.SerializeToElement(data);
    }

    /// <summary>A button of one of our cards pressed: its data as Teams sends it back, read as the bot's router reads it.</summary>
    public static DisclosureStepData Press(AdaptiveCard card, string title, IReadOnlyDictionary<string, string>? inputs = null) =>
        CardJson.ReadData<DisclosureStepData>(Press(AsNode(card), title, inputs));

    /// <summary>The card as the JSON Teams receives.</summary>
    public static JsonObject AsNode(AdaptiveCard card) => JsonNode.Parse(card.ToJson().GetRawText())!.AsObject();

    /// <summary>A valid answer for any field, as a person would type it.</summary>
    public static string ValidInput(FormField field, DateOnly today) => field.Type switch
    {
        FieldTypes.Choice => field.Choices[0].Value,
        FieldTypes.Number => "45",
        FieldTypes.Date => today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        FieldTypes.Confirm => "true",
        FieldTypes.LongText => "Details as the staff member wrote them.",
        _ when field.Pattern is not null => "USD",
        _ => "Example answer",
    };

    /// <summary>The inputs of one step, every field filled validly.</summary>
    public Dictionary<string, string> ValidStep(FormStep step) =>
        step.Fields.ToDictionary(f => f.Id, f => ValidInput(f, DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime)));

    /// <summary>Every text block and fact of a card, joined, for asserting what it says.</summary>
    public static string Say(JsonObject card) => string.Join("\n", Texts(card));

    public static string Say(AdaptiveCard card) => Say(AsNode(card));

    private static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in new[] { "text", "title", "value", "label" })
                    if (o[key] is JsonValue v && v.TryGetValue<string>(out var s))
                        yield return s;
                foreach (var (_, child) in o)
                    if (child is JsonObject or JsonArray)
                        foreach (var t in Texts(child))
                            yield return t;
                break;
            case JsonArray a:
                foreach (var item in a)
                    foreach (var t in Texts(item))
                        yield return t;
                break;
        }
    }

    public void Dispose() => TempFolders.Delete(_folder);
}
