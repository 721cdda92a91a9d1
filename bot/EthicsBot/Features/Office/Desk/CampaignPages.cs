using System.Globalization;
using System.Text;
using EthicsBot.Features.Campaigns;
using EthicsBot.Shared.Organizations;
using static EthicsBot.Features.Office.Desk.DeskEndpoints;
using static EthicsBot.Features.Office.Desk.Html;

namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// Campaigns on the desk: the list with a form for a new one, each campaign's progress (sent, failed and why,
/// acknowledged, pending, acknowledgements by day), who has not acknowledged with an export for HR, launch and stop.
/// Every page checks that the campaign belongs to an organisation whose office the member is in.
/// </summary>
internal static class CampaignPages
{
    /// <summary>The most a campaign form may carry: 50,000 Entra object ids, each with a name, URL-encoded.</summary>
    private const int MaxFormBytes = 4 * 1024 * 1024;

    private const int PendingShown = 200;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/campaigns", ListAsync);
        api.MapPost("/campaigns/{org}", CreateAsync).WithMetadata(new DeskForms.Large(MaxFormBytes, "ids"));
        api.MapGet("/campaigns/{org}/{id}", CampaignAsync);
        api.MapPost("/campaigns/{org}/{id}/{action}", ActAsync);
        api.MapGet("/campaigns/{org}/{id}/pending.csv", (HttpContext http, string org, string id, ICampaignStore store, CancellationToken ct) => ExportAsync(http, org, id, store, excel: false, ct));
        api.MapGet("/campaigns/{org}/{id}/pending.xlsx", (HttpContext http, string org, string id, ICampaignStore store, CancellationToken ct) => ExportAsync(http, org, id, store, excel: true, ct));
    }

    private static async Task<IResult> ListAsync(HttpContext http, ICampaignStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        var organization = ChosenOrganization(http, member);
        var campaigns = await store.ListAsync(organization.Id, cancellationToken).ConfigureAwait(false);
        var contactList = await store.ContactsAsync(organization.Id, cancellationToken).ConfigureAwait(false);
        var contacts = contactList.Count;
        var html = new StringBuilder("<h1>Code acknowledgement campaigns</h1>");
        html.Append(OrganizationTabs(member, organization, "/office/api/campaigns"));
        html.Append($"<p class=\"count\">The bot can write to <span data-testid=\"contacts\">{contacts}</span> people of {E(organization.Name)} (those who have the app, and the members of teams it is in).</p>");
        if (campaigns.Count == 0)
            html.Append("<p>No campaign yet.</p>");
        else
        {
            html.Append("<table data-testid=\"campaigns\"><thead><tr><th>Campaign</th><th>Code version</th><th>Status</th><th>Due</th><th>Created by</th><th></th></tr></thead><tbody>");
            foreach (var c in campaigns)
                html.Append($"<tr><td>{E(c.Title)}</td><td>{E(c.CodeVersion)}</td><td>{E(StatusText(c, time.GetUtcNow()))}</td><td>{E(Day(c.DueAt))}</td>")
                    .Append($"<td>{E(c.CreatedByName)}</td><td>{Link($"/office/api/campaigns/{organization.Id}/{c.Id}", "Open")}</td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append(NewForm(organization, time.GetUtcNow(), TeamsOf(contactList), null, null));
        return Fragment(html.ToString());
    }

    /// <summary>The teams the bot is in, from the contacts it recorded, by name.</summary>
    private static List<TeamRef> TeamsOf(IEnumerable<StaffContact> contacts) =>
        [.. contacts.SelectMany(c => c.Teams).DistinctBy(t => t.Id, StringComparer.Ordinal).OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)];

    private static string StatusText(Campaign campaign, DateTimeOffset now) => campaign.Status switch
    {
        CampaignStatus.Draft => "Draft (not launched)",
        CampaignStatus.Stopped => $"Stopped {Day(campaign.StoppedAt ?? now)}",
        _ when campaign.DueAt <= now => "Due date passed",
        _ => $"Running since {Day(campaign.LaunchedAt ?? now)}" + (campaign.Queuing ? " (still queuing its audience)" : ""),
    };

    /// <summary>The form for a new campaign; <paramref name="typed"/> refills it after a refusal.</summary>
    private static string NewForm(OrganizationProfile organization, DateTimeOffset now, IReadOnlyList<TeamRef> teams, IFormCollection? typed, IReadOnlyList<string>? problems)
    {
        string V(string name, string fallback = "") => E(typed is null ? fallback : typed[name].ToString());
        var audience = typed?["audience"].ToString() ?? "everyone";
        string Selected(string value) => audience == value ? " selected" : "";
        var chosen = typed?["teams"].ToArray() ?? [];
        var html = new StringBuilder($"<form data-desk-post=\"/office/api/campaigns/{E(organization.Id)}\" class=\"card\" data-testid=\"new-campaign\"><h2>New campaign</h2>");
        if (problems is { Count: > 0 })
            html.Append($"<div class=\"note bad\" role=\"alert\" data-testid=\"problems\"><p>Not created:</p><ul>{string.Concat(problems.Select(p => $"<li>{E(p)}</li>"))}</ul></div>");
        html.Append($"<label>Title (for the office and the card's notification)<input name=\"title\" maxlength=\"{CampaignDraft.MaxTitle}\" required value=\"{V("title", "Annual Code of Conduct acknowledgement")}\"></label>")
            .Append($"<label>Code version (one acknowledgement per person and version)<input name=\"codeVersion\" maxlength=\"{CampaignDraft.MaxVersion}\" required value=\"{V("codeVersion", organization.Name + " Code, " + now.Year.ToString(CultureInfo.InvariantCulture))}\"></label>")
            .Append($"<label>Link to the Code (https, optional)<input name=\"codeLink\" type=\"url\" value=\"{V("codeLink")}\"></label>")
            .Append($"<label>Message<textarea name=\"message\" rows=\"4\" maxlength=\"{CampaignDraft.MaxMessage}\" required>{V("message", "Please read the Code of Conduct and confirm that you have read and understood it. Ask me here about anything you are unsure of.")}</textarea></label>")
            .Append($"<label>Key points or what changed, one a line (optional, at most {CampaignDraft.MaxKeyPoints})<textarea name=\"keyPoints\" rows=\"4\">{V("keyPoints")}</textarea></label>")
            .Append($"<label>Audience<select name=\"audience\"><option value=\"everyone\"{Selected("everyone")}>Everyone the bot can reach</option><option value=\"teams\"{Selected("teams")}>Members of chosen teams</option><option value=\"list\"{Selected("list")}>A list of Entra object ids</option></select></label>")
            .Append(teams.Count == 0 ? "<p class=\"count\">No team yet: add the app to a team in Teams and its members appear here.</p>"
                : $"<label>Teams, for members of chosen teams<select name=\"teams\" multiple size=\"{Math.Min(8, teams.Count)}\">{string.Concat(teams.Select(t => $"<option value=\"{E(t.Id)}\"{(chosen.Contains(t.Id) ? " selected" : "")}>{E(t.Name)}</option>"))}</select></label>")
            .Append($"<label>Entra object ids, for a list: one a line, or a CSV with a column of them<textarea name=\"ids\" rows=\"4\">{V("ids")}</textarea></label>")
            .Append("<label>…or read them from a CSV file<input type=\"file\" accept=\".csv,.txt,text/csv,text/plain\" data-fill=\"ids\"></label>")
            .Append($"<label>Due date<input name=\"dueDate\" type=\"date\" required value=\"{V("dueDate", now.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}\"></label>")
            .Append($"<label>Remind every … days until acknowledged (0: no reminders)<input name=\"reminderDays\" type=\"number\" min=\"0\" max=\"{CampaignDraft.MaxReminderDays}\" value=\"{V("reminderDays", "7")}\"></label>")
            .Append("<button type=\"submit\" class=\"positive\">Create the campaign (it is launched from its page)</button></form>");
        return html.ToString();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string org, CampaignOffice office, ICampaignStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        if (member.Find(org) is not { } organization)
            return NotYours();
        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var teams = TeamsOf(await store.ContactsAsync(organization.Id, cancellationToken).ConfigureAwait(false));
        var (draft, problems) = CampaignDraft.Read(name => form[name], time.GetUtcNow(), teams);
        if (draft is null)
            return Fragment("<h1>Not created</h1>" + NewForm(organization, time.GetUtcNow(), teams, form, problems), 400);
        var campaign = await office.CreateAsync(organization, draft, member.Member, cancellationToken).ConfigureAwait(false);
        return Fragment(await PageAsync(campaign, organization, store, time.GetUtcNow(), "Created. Check it, then launch it: each person gets the card in their chat with the bot.", true, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> CampaignAsync(HttpContext http, string org, string id, ICampaignStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (MemberOf(http).Find(org) is not { } organization)
            return NotYours();
        if (!IsCampaignId(id) || await store.GetAsync(organization.Id, id, cancellationToken).ConfigureAwait(false) is not { } campaign)
            return NotFound();
        return Fragment(await PageAsync(campaign, organization, store, time.GetUtcNow(), null, true, cancellationToken).ConfigureAwait(false));
    }

    private static IResult NotFound() => Fragment("<h1>Not found</h1><p>There is no such campaign.</p>", 404);

    /// <summary>A campaign's id as the desk makes them (32 hex digits): anything else is not looked up at all.</summary>
    private static bool IsCampaignId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private static async Task<IResult> ActAsync(HttpContext http, string org, string id, string action, CampaignOffice office, ICampaignStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (MemberOf(http).Find(org) is not { } organization)
            return NotYours();
        if (!IsCampaignId(id) || await store.GetAsync(organization.Id, id, cancellationToken).ConfigureAwait(false) is not { } campaign)
            return NotFound();
        (bool Done, string Note) outcome = action switch
        {
            "launch" => await office.LaunchAsync(campaign, cancellationToken).ConfigureAwait(false),
            "stop" => await office.StopAsync(campaign, cancellationToken).ConfigureAwait(false),
            _ => (false, $"'{action}' is not something a campaign can do; use Launch or Stop."),
        };
        var now = await store.GetAsync(organization.Id, id, cancellationToken).ConfigureAwait(false) ?? campaign;
        return Fragment(await PageAsync(now, organization, store, time.GetUtcNow(), outcome.Note, outcome.Done, cancellationToken).ConfigureAwait(false), outcome.Done ? 200 : 409);
    }

    private static async Task<string> PageAsync(Campaign campaign, OrganizationProfile organization, ICampaignStore store, DateTimeOffset now, string? note, bool good, CancellationToken cancellationToken)
    {
        var deliveries = await store.DeliveriesAsync(organization.Id, campaign.Id, cancellationToken).ConfigureAwait(false);
        var progress = CampaignProgress.Of(deliveries);
        var path = $"/office/api/campaigns/{organization.Id}/{campaign.Id}";
        var html = new StringBuilder($"<h1>{E(campaign.Title)}</h1>").Append(Note(note, good));
        html.Append($"<dl><dt>Status</dt><dd data-testid=\"status\">{E(StatusText(campaign, now))}</dd><dt>Code version</dt><dd>{E(campaign.CodeVersion)}</dd>")
            .Append($"<dt>Audience</dt><dd>{E(AudienceText(campaign.Audience))}</dd>")
            .Append($"<dt>Due</dt><dd>{E(Day(campaign.DueAt))}</dd><dt>Reminders</dt><dd>{E(campaign.ReminderEveryDays > 0 ? $"every {campaign.ReminderEveryDays} days until acknowledged" : "none")}</dd>")
            .Append($"<dt>Message</dt><dd>{E(campaign.Message)}</dd>")
            .Append(campaign.KeyPoints.Count > 0 ? $"<dt>Key points</dt><dd><ul>{string.Concat(campaign.KeyPoints.Select(p => $"<li>{E(p)}</li>"))}</ul></dd>" : "")
            .Append($"<dt>Created</dt><dd>{E(Day(campaign.CreatedAt))} by {E(campaign.CreatedByName)}</dd></dl>");
        html.Append(Actions(campaign, path));
        if (campaign.Status != CampaignStatus.Draft)
        {
            html.Append(Progress(progress, deliveries, path));
            if (campaign.Audience.Kind == AudienceKind.Teams)
                html.Append(ByTeam(campaign, deliveries, await store.ContactsAsync(organization.Id, cancellationToken).ConfigureAwait(false)));
        }
        html.Append($"<p>{Link("/office/api/campaigns" + Query(("org", organization.Id)), "Back to the campaigns")}</p>");
        return html.ToString();
    }

    private static string AudienceText(CampaignAudience audience) => audience.Kind switch
    {
        AudienceKind.Everyone => "Everyone the bot can reach (who has the app, or is in a team it is in)",
        AudienceKind.Teams => $"The members of {audience.Ids.Count} team(s)",
        _ => $"A list of {audience.Ids.Count} Entra object ids",
    };

    private static string Actions(Campaign campaign, string path) => campaign.Status switch
    {
        CampaignStatus.Draft => $"<form data-desk-post=\"{E(path)}/launch\" class=\"card\"><h2>Launch</h2><p>Everyone in the audience who has not acknowledged this version gets the card in their chat with the bot, at the pace Teams allows; people who install the app later get it when the bot first meets them.</p><button type=\"submit\" class=\"positive\" data-testid=\"launch\">Launch the campaign</button></form>",
        CampaignStatus.Running => $"<form data-desk-post=\"{E(path)}/stop\" class=\"card\"><h2>Stop</h2><p>No more cards or reminders go out; acknowledgements still count.</p><button type=\"submit\" class=\"destructive\" data-testid=\"stop\">Stop the campaign</button></form>",
        _ => "",
    };

    private static string Progress(CampaignProgress progress, IReadOnlyList<Delivery> deliveries, string path)
    {
        var html = new StringBuilder("<h2>Progress</h2><table data-testid=\"progress\"><tbody>")
            .Append($"<tr><th>Audience</th><td data-testid=\"audience\">{progress.Audience}</td></tr>")
            .Append($"<tr><th>Waiting to be sent</th><td data-testid=\"queued\">{progress.Queued}</td></tr>")
            .Append($"<tr><th>Sent</th><td data-testid=\"sent\">{progress.Sent}</td></tr>")
            .Append($"<tr><th>Failed</th><td data-testid=\"failed\">{progress.Failed}{FailedBy(progress)}</td></tr>")
            .Append($"<tr><th>Acknowledged</th><td data-testid=\"acknowledged\">{progress.Acknowledged}</td></tr>")
            .Append($"<tr><th>Not yet acknowledged</th><td data-testid=\"pending\">{progress.Pending}</td></tr></tbody></table>");
        html.Append(ByDay(deliveries));
        var pending = deliveries.Where(d => d.AcknowledgedAt is null).ToList();
        html.Append($"<h2>Not yet acknowledged</h2><p class=\"count\">{pending.Count} people. Export for HR: ")
            .Append($"<a href=\"{E(path)}/pending.csv\" data-download=\"not-acknowledged.csv\" data-testid=\"csv\">CSV</a> · ")
            .Append($"<a href=\"{E(path)}/pending.xlsx\" data-download=\"not-acknowledged.xlsx\" data-testid=\"xlsx\">Excel</a></p>");
        if (pending.Count > 0)
        {
            html.Append("<table data-testid=\"pending-list\"><thead><tr><th>Name</th><th>Entra object id</th><th>Where it stands</th><th>Reminders</th></tr></thead><tbody>");
            foreach (var d in pending.Take(PendingShown))
                html.Append($"<tr><td>{E(d.Name)}</td><td>{E(d.UserId)}</td><td>{E(Standing(d))}</td><td>{d.Reminders}</td></tr>");
            html.Append("</tbody></table>");
            if (pending.Count > PendingShown)
                html.Append($"<p>The first {PendingShown} are shown; the export has all {pending.Count}.</p>");
        }
        return html.ToString();
    }

    /// <summary>For an audience by team: each chosen team's people and how many of them acknowledged.</summary>
    private static string ByTeam(Campaign campaign, IReadOnlyList<Delivery> deliveries, IReadOnlyList<StaffContact> contacts)
    {
        var teamsOf = contacts.ToDictionary(c => c.UserId, c => c.Teams, StringComparer.Ordinal);
        var html = new StringBuilder("<h2>By team</h2><table data-testid=\"by-team\"><thead><tr><th>Team</th><th>People</th><th>Acknowledged</th><th>Not yet</th></tr></thead><tbody>");
        foreach (var teamId in campaign.Audience.Ids)
        {
            var members = deliveries.Where(d => teamsOf.GetValueOrDefault(d.UserId)?.Any(t => t.Id == teamId) == true).ToList();
            var name = contacts.SelectMany(c => c.Teams).FirstOrDefault(t => t.Id == teamId)?.Name ?? "A team the bot has left";
            var done = members.Count(d => d.AcknowledgedAt is not null);
            html.Append($"<tr><td>{E(name)}</td><td>{members.Count}</td><td>{done}</td><td>{members.Count - done}</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string FailedBy(CampaignProgress progress) => progress.FailedBy.Count == 0 ? ""
        : " (" + string.Join(", ", progress.FailedBy.OrderBy(f => f.Key).Select(f => $"{f.Value} {FailureText(f.Key)}")) + ")";

    private static string FailureText(DeliveryFailure failure) => failure switch
    {
        DeliveryFailure.NotInstalled => "do not have the app",
        DeliveryFailure.Blocked => "blocked the bot or removed the app",
        DeliveryFailure.Left => "left the organisation (their chat is gone)",
        DeliveryFailure.Expired => "the due date passed before the card could go out",
        _ => "could not be reached (the connector kept failing)",
    };

    private static string Standing(Delivery d) => d.State switch
    {
        DeliveryState.Failed => "Failed: " + FailureText(d.Failure ?? DeliveryFailure.Error),
        _ when d.SentAt is { } sent => $"Sent {Day(sent)}",
        _ => "Waiting to be sent",
    };

    /// <summary>Acknowledgements a day, as a small bar chart drawn in HTML (no script).</summary>
    private static string ByDay(IReadOnlyList<Delivery> deliveries)
    {
        var days = deliveries.Where(d => d.AcknowledgedAt is not null).GroupBy(d => d.AcknowledgedAt!.Value.UtcDateTime.Date).OrderBy(g => g.Key).ToList();
        if (days.Count == 0)
            return "";
        var most = days.Max(g => g.Count());
        var html = new StringBuilder("<h2>Acknowledgements by day</h2><table class=\"bars\" data-testid=\"by-day\"><tbody>");
        foreach (var day in days.TakeLast(60))
            html.Append($"<tr><th>{E(day.Key.ToString("d MMM yyyy", CultureInfo.InvariantCulture))}</th><td><meter min=\"0\" max=\"{most}\" value=\"{day.Count()}\"></meter> {day.Count()}</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    private static readonly string[] Columns = ["Name", "Entra object id", "Where it stands", "First sent (UTC)", "Reminders"];

    private static async Task<IResult> ExportAsync(HttpContext http, string org, string id, ICampaignStore store, bool excel, CancellationToken cancellationToken)
    {
        if (MemberOf(http).Find(org) is not { } organization)
            return NotYours();
        if (!IsCampaignId(id) || await store.GetAsync(organization.Id, id, cancellationToken).ConfigureAwait(false) is null)
            return NotFound();
        var rows = (await store.DeliveriesAsync(organization.Id, id, cancellationToken).ConfigureAwait(false)).Where(d => d.AcknowledgedAt is null)
            .Select(d => (IReadOnlyList<string>)[d.Name, d.UserId, Standing(d), d.SentAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", d.Reminders.ToString(CultureInfo.InvariantCulture)]);
        var name = $"not-acknowledged-{DateTime.UtcNow:yyyy-MM-dd}";
        return excel ? DeskSheets.Excel(Columns, rows, "Not acknowledged", name + ".xlsx") : DeskSheets.Csv(Columns, rows, name + ".csv");
    }
}
