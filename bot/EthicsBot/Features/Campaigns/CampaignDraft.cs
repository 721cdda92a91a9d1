using System.Globalization;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// A campaign as the office typed it on the desk, read and checked field by field: every problem is named in the
/// office's words (the field and what is expected), nothing is silently cut or changed.
/// </summary>
public sealed record CampaignDraft(string Title, string CodeVersion, string? CodeLink, string Message, IReadOnlyList<string> KeyPoints,
    CampaignAudience Audience, DateTimeOffset DueAt, int ReminderEveryDays)
{
    public const int MaxTitle = 120;
    public const int MaxVersion = 120;
    public const int MaxMessage = 1500;
    public const int MaxKeyPoints = 10;
    public const int MaxKeyPoint = 300;
    public const int MaxListIds = 50_000;
    public const int MaxReminderDays = 90;

    /// <summary>Reads the desk's form (<paramref name="field"/> gives a field's value); the draft, or the problems.</summary>
    /// <paramref name="teams"/> are the teams the bot is in, which an audience by team may name.
    public static (CampaignDraft? Draft, IReadOnlyList<string> Problems) Read(Func<string, string?> field, DateTimeOffset now, IReadOnlyCollection<TeamRef> teams)
    {
        ArgumentNullException.ThrowIfNull(field);
        var problems = new List<string>();
        var title = Required(field("title"), "Title", MaxTitle, problems);
        var version = Required(field("codeVersion"), "Code version", MaxVersion, problems);
        var message = Required(field("message"), "Message", MaxMessage, problems);
        var link = Link(field("codeLink"), problems);
        var points = KeyPointsOf(field("keyPoints"), problems);
        var audience = AudienceOf(field("audience"), field("audience") == "teams" ? field("teams") : field("ids"), teams, problems);
        var due = DueOf(field("dueDate"), now, problems);
        var days = RemindersOf(field("reminderDays"), problems);
        return problems.Count > 0 ? (null, problems) : (new CampaignDraft(title!, version!, link, message!, points, audience!, due, days), problems);
    }

    private static string? Required(string? value, string name, int max, List<string> problems)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            problems.Add($"{name} is required.");
        else if (text.Length > max)
            problems.Add($"{name} is {text.Length} characters; at most {max}.");
        return text;
    }

    private static string? Link(string? value, List<string> problems)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            problems.Add($"Link to the Code must be an https address; '{Clip(text)}' is not.");
        return text;
    }

    private static List<string> KeyPointsOf(string? value, List<string> problems)
    {
        var points = (value ?? "").Split('\n').Select(l => l.Trim().TrimStart('-', '*', '•').Trim()).Where(l => l.Length > 0).ToList();
        if (points.Count > MaxKeyPoints)
            problems.Add($"Key points has {points.Count} lines; at most {MaxKeyPoints}.");
        if (points.FirstOrDefault(p => p.Length > MaxKeyPoint) is { } longPoint)
            problems.Add($"Key point '{Clip(longPoint)}' is {longPoint.Length} characters; at most {MaxKeyPoint}.");
        return points;
    }

    private static CampaignAudience? AudienceOf(string? kind, string? ids, IReadOnlyCollection<TeamRef> teams, List<string> problems)
    {
        switch (kind?.Trim())
        {
            case "everyone":
                return new CampaignAudience { Kind = AudienceKind.Everyone };
            case "teams":
                var chosen = (ids ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
                if (chosen.Count == 0)
                    problems.Add("Teams: choose at least one team.");
                else if (chosen.Count(c => !teams.Any(t => t.Id == c)) is > 0 and var unknown)
                    problems.Add($"Teams: {unknown} of the chosen teams are not teams the bot is in.");
                return new CampaignAudience { Kind = AudienceKind.Teams, Ids = chosen };
            case "list":
                var (list, bad) = EntraIds(ids ?? "");
                if (bad.Count > 0)
                    problems.Add($"Entra object ids: {string.Join(", ", bad.Take(3).Select(b => $"'{Clip(b)}'"))}{(bad.Count > 3 ? $" and {bad.Count - 3} more lines" : "")} do not hold one object id (a GUID such as 6f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b); give one id a line, or a CSV whose header names the id column (objectId).");
                else if (list.Count == 0)
                    problems.Add("Entra object ids: the list is empty; paste one id a line, or a CSV with a column of them.");
                else if (list.Count > MaxListIds)
                    problems.Add($"Entra object ids: {list.Count} ids; at most {MaxListIds} in one campaign.");
                return new CampaignAudience { Kind = AudienceKind.List, Ids = list };
            default:
                problems.Add("Audience must be 'everyone', 'teams' or 'list'.");
                return null;
        }
    }

    /// <summary>Header names of the id column in the exports HR and Entra give (compared without spaces, case or punctuation).</summary>
    private static readonly string[] IdColumns = ["objectid", "id", "entraobjectid", "aadobjectid", "azureadobjectid", "userid", "oid", "entraid"];

    /// <summary>
    /// The Entra object ids of a pasted list or CSV, each once, lower case: one id a line, or rows separated by commas,
    /// semicolons or tabs. A first line that names the id column (objectId, id, Entra object ID…) is the header, and that
    /// column is read; without one, each row must hold exactly one id. Every other line is returned as bad, never skipped.
    /// </summary>
    public static (List<string> Ids, List<string> Bad) EntraIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var bad = new List<string>();
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var column = lines.Count > 0 ? HeaderColumn(Cells(lines[0])) : -1;
        foreach (var line in lines.Skip(column >= 0 ? 1 : 0))
        {
            var cells = Cells(line);
            var guids = column >= 0 ? cells.Skip(column).Take(1).Where(c => Guid.TryParse(c, out _)).ToList() : [.. cells.Where(c => Guid.TryParse(c, out _))];
            if (guids.Count != 1)
                bad.Add(line);
            else if (seen.Add(Guid.Parse(guids[0]).ToString("D")))
                ids.Add(Guid.Parse(guids[0]).ToString("D"));
        }
        return (ids, bad);
    }

    private static List<string> Cells(string line) =>
        [.. line.Split([',', ';', '\t'], StringSplitOptions.TrimEntries).Select(c => c.Trim('"').Trim())];

    /// <summary>The index of the id column when this line is a header (no id in it, and a cell naming the id column); else -1.</summary>
    private static int HeaderColumn(List<string> cells) => cells.Any(c => Guid.TryParse(c, out _)) ? -1
        : cells.FindIndex(c => IdColumns.Contains(new string([.. c.Where(char.IsLetter)]).ToLowerInvariant(), StringComparer.Ordinal));

    private static DateTimeOffset DueOf(string? value, DateTimeOffset now, List<string> problems)
    {
        if (!DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problems.Add("Due date must be a date (yyyy-mm-dd).");
            return default;
        }
        // Due at the end of that day (UTC): a person may acknowledge on the due day itself.
        var due = new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        if (due <= now)
            problems.Add("Due date must be today or later.");
        else if (due > now.AddYears(2))
            problems.Add("Due date must be within two years.");
        return due;
    }

    private static int RemindersOf(string? value, List<string> problems)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            return 0;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > MaxReminderDays)
        {
            problems.Add($"Remind every must be a whole number of days from 0 (no reminders) to {MaxReminderDays}; '{Clip(text)}' is not.");
            return 0;
        }
        return days;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
