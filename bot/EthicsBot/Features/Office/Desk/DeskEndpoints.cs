using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using static EthicsBot.Features.Office.Desk.Html;
using EthicsBot.Shared.Organizations;
using EthicsBot.Shared.Cards;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Answers;

namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// The ethics office's desk, a personal tab in Teams served under <c>/office</c>: the queue, the disclosure register,
/// the FAQ and the insights as server-rendered HTML. <c>/office</c> itself is a shell with no data; it signs in the
/// Teams way and loads the pages from <c>/office/api/…</c> with the token in the Authorization header (no cookies,
/// so no cross-site request can act for a member). Every page and action checks membership; the work is done by the
/// same ReviewDesk, FaqEditor, DisclosureDecisions, Insights and stores as the chat commands.
/// </summary>
public static partial class DeskEndpoints
{
    private const string MemberKey = "desk.member";

    public static IServiceCollection AddOfficeDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeskSettings>().Bind(configuration.GetSection(DeskSettings.Section));
        services.AddSingleton<IValidateOptions<DeskSettings>>(sp => new DeskSettingsValidation(sp.GetRequiredService<IOptions<Teams.BotSettings>>()));
        services.AddOptions<DeskSettings>().ValidateOnStart();
        services.AddDeskAuthentication();
        return services;
    }

    public static void MapOfficeDesk(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(PrivateHeadersAsync);

        app.MapGet("/office", (HttpContext http) =>
        {
            http.Response.Headers.ContentSecurityPolicy = DeskShell.ContentSecurityPolicy;
            return Results.Content(DeskShell.Page(), "text/html; charset=utf-8");
        });
        app.MapGet("/office/assets/{*file}", (string file) => DeskShell.Asset(file));

        var api = app.MapGroup("/office/api").RequireAuthorization(DeskAuthentication.Policy);
        api.AddEndpointFilter(MembersOnlyAsync);
        api.AddEndpointFilter(DeskForms.ReadFirstAsync);

        api.MapGet("/queue", QueueAsync);
        api.MapGet("/queue/{org}/{id}", QueueItemAsync);
        api.MapPost("/queue/{org}/{id}/{action}", QueueActAsync);
        api.MapGet("/register", RegisterAsync);
        api.MapGet("/register.csv", (HttpContext http, IDisclosureStore store, FormCatalog forms, CancellationToken ct) => ExportAsync(http, store, forms, excel: false, ct));
        api.MapGet("/register.xlsx", (HttpContext http, IDisclosureStore store, FormCatalog forms, CancellationToken ct) => ExportAsync(http, store, forms, excel: true, ct));
        api.MapGet("/register/{org}/{id}", DisclosureAsync);
        api.MapPost("/register/{org}/{id}/decide", DecideAsync);
        api.MapGet("/faq", FaqAsync);
        api.MapGet("/faq/{org}/{id}", FaqEntryAsync);
        api.MapPost("/faq/{org}/{id}/publish", PublishAsync);
        api.MapPost("/faq/{org}/{id}/{action}", FaqActAsync);
        api.MapGet("/insights", InsightsAsync);
        CampaignPages.Map(api);
    }

    /// <summary>Pages with personal data are never cached, anywhere; nothing is sniffed or referred.</summary>
    private static async Task PrivateHeadersAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/office", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
        }
        await next(http).ConfigureAwait(false);
    }

    /// <summary>Every API call: only a member of an ethics office gets through; a failure is logged and answered with a page that says so.</summary>
    private static async ValueTask<object?> MembersOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeskEndpoints));
        var member = DeskMember.Of(http.User, http.RequestServices.GetRequiredService<OrganizationDirectory>());
        if (member is null)
        {
            LogRefused(logger, http.Request.Method, http.Request.Path.Value ?? "", DeskAuthentication.ObjectId(http.User) ?? "unknown");
            return Fragment("<h1>Not for you</h1><p>Only members of an ethics office can use the desk.</p>", 403);
        }
        http.Items[MemberKey] = member;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, http.Request.Method, http.Request.Path.Value ?? "", e);
            return Fragment("<h1>Something went wrong</h1><p>Something went wrong on our side. Please try again; if it keeps happening, tell the bot's administrators.</p>", 500);
        }
    }

    private sealed class DeskSettingsValidation(IOptions<Teams.BotSettings> bot) : IValidateOptions<DeskSettings>
    {
        public ValidateOptionsResult Validate(string? name, DeskSettings options) =>
            DeskAuthentication.Problems(options, bot.Value).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    internal static DeskMember MemberOf(HttpContext http) => (DeskMember)http.Items[MemberKey]!;

    internal static IResult Fragment(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    internal static IResult NotYours() => Fragment("<h1>Not for you</h1><p>You are not a member of that organisation's ethics office.</p>", 403);

    private static int PageSize(IOptions<DeskSettings> settings) => Math.Clamp(settings.Value.PageSize, 5, 200);

    private static int PageNumber(HttpContext http) =>
        int.TryParse(http.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 100_000 ? p : 1;

    internal static OrganizationProfile ChosenOrganization(HttpContext http, DeskMember member) =>
        member.Find(http.Request.Query["org"].ToString()) ?? member.Organizations[0];

    internal static string OrganizationTabs(DeskMember member, OrganizationProfile chosen, string path) =>
        member.Organizations.Count < 2 ? "" :
        "<nav class=\"orgs\">" + string.Join(" ", member.Organizations.Select(o => o == chosen ? $"<strong>{E(o.Name)}</strong>" : Link(path + Query(("org", o.Id)), o.Name))) + "</nav>";

    // ---------------------------------------------------------------- the queue

    private static async Task<IResult> QueueAsync(HttpContext http, ReviewDesk desk, TimeProvider time, IOptions<DeskSettings> settings, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        var organization = ChosenOrganization(http, member);
        var size = PageSize(settings);
        var page = PageNumber(http);
        var (items, open) = await desk.PageAsync(organization.Id, (page - 1) * size, size, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var html = new StringBuilder($"<h1>Questions waiting for the {E(organization.EthicsOffice.Name)}</h1>");
        html.Append(OrganizationTabs(member, organization, "/office/api/queue"));
        html.Append($"<p class=\"count\">{open} open question(s), oldest first.</p>");
        if (items.Count == 0)
            html.Append("<p>Nothing is waiting.</p>");
        else
        {
            html.Append("<table data-testid=\"queue\"><thead><tr><th>Waiting</th><th>Organisation</th><th>Source</th><th>Question</th><th>Assigned to</th><th></th></tr></thead><tbody>");
            foreach (var item in items)
                html.Append($"<tr><td title=\"{E(DayTime(item.At))}\">{E(Age(now - item.At))}</td><td>{E(organization.Name)}</td><td>{E(SourceText(item.Source))}</td>")
                    .Append($"<td>{E(CardBuilder.Clip(item.Question, 160))}</td><td>{E(item.AssignedToName ?? "")}</td>")
                    .Append($"<td>{Link($"/office/api/queue/{organization.Id}/{item.Id}", "Open")}</td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append(Pager("/office/api/queue", page, size, open, [("org", organization.Id)]));
        return Fragment(html.ToString());
    }

    private static string SourceText(string source) => source == ReviewSource.Unhelpful ? "Rated 👎, shared by the asker" : "Sent by the asker";

    private static async Task<IResult> QueueItemAsync(HttpContext http, string org, string id, IOfficeStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (MemberOf(http).Find(org) is not { } organization)
            return NotYours();
        var item = await store.GetItemAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        if (item is null)
            return Fragment("<h1>Not found</h1><p>There is no such question (it may have been deleted under the retention rule).</p>", 404);
        var published = item.Status == ReviewStatus.Answered ? await store.GetFaqAsync(organization.Id, id, cancellationToken).ConfigureAwait(false) : null;
        return Fragment(QueueItem(item, organization, time.GetUtcNow(), null, good: true, published));
    }

    private static string QueueItem(ReviewItem item, OrganizationProfile organization, DateTimeOffset now, string? note, bool good, FaqEntry? published = null, IFormCollection? typed = null)
    {
        var html = new StringBuilder("<h1>Question</h1>");
        html.Append(Note(note, good));
        html.Append($"<blockquote data-testid=\"question\">{E(item.Question)}</blockquote>");
        html.Append($"<dl><dt>Organisation</dt><dd>{E(organization.Name)}</dd><dt>Received</dt><dd>{E(DayTime(item.At))} ({E(Age(now - item.At))} ago)</dd>")
            .Append($"<dt>Source</dt><dd>{E(SourceText(item.Source))}</dd>")
            .Append($"<dt>Clauses the bot offered</dt><dd>{E(item.Clauses.Count > 0 ? string.Join(", ", item.Clauses) : "none")}</dd>")
            .Append($"<dt>Assigned to</dt><dd>{E(item.AssignedToName ?? "nobody")}</dd>");
        if (item.Status != ReviewStatus.Open)
            html.Append($"<dt>Status</dt><dd data-testid=\"status\">{E(item.Status == ReviewStatus.Answered ? "Answered" : "No answer needed")} by {E(item.ClosedByName)} on {E(item.ClosedAt is { } c ? Day(c) : "")}</dd>");
        if (item.Answer is not null)
            html.Append($"<dt>Answer</dt><dd>{E(item.Answer)}</dd><dt>Rests on</dt><dd>{E(item.AnswerClauses.Count > 0 ? string.Join(", ", item.AnswerClauses) : "no clause")}</dd>");
        html.Append("</dl>");
        var path = $"/office/api/queue/{organization.Id}/{item.Id}";
        if (item.Status == ReviewStatus.Open)
        {
            html.Append($"<form data-desk-post=\"{E(path)}/answer\" class=\"card\"><h2>Answer</h2>")
                .Append($"<label>Answer (sent to the asker's chat)<textarea name=\"answer\" maxlength=\"{ReviewDesk.MaxAnswerLength}\" required rows=\"5\"></textarea></label>")
                .Append(ClausesField($" placeholder=\"{E(organization.CodeIds[0])}-1.1, …\""))
                .Append("<button type=\"submit\" class=\"positive\">Send the answer</button></form>");
            var members = organization.EthicsOffice.Members.Select(m => (m, organization.EthicsOffice.NameOf(m)));
            html.Append($"<form data-desk-post=\"{E(path)}/assign\" class=\"card\"><h2>Assign to a colleague</h2>")
                .Append($"<label>Colleague<select name=\"assignee\">{Options(members, item.AssignedToId)}</select></label>")
                .Append("<button type=\"submit\">Assign</button></form>");
            html.Append($"<form data-desk-post=\"{E(path)}/dismiss\" class=\"card\"><h2>No answer needed</h2><button type=\"submit\" class=\"destructive\">Close without an answer</button></form>");
        }
        else if (item.Status == ReviewStatus.Answered)
            html.Append(published is null ? PublishForm(item, organization, typed)
                : $"<p data-testid=\"published\">{(published.Withdrawn ? "Published as a FAQ entry, since withdrawn" : "Published as a FAQ entry")}: {Link(FaqPath(organization, item.Id), "see or edit it")}.</p>");
        html.Append($"<p>{Link("/office/api/queue" + Query(("org", organization.Id)), "Back to the queue")}</p>");
        return html.ToString();
    }

    /// <summary>The clause ids an answer or entry rests on, as typed (<see cref="ClauseList"/>); <paramref name="attributes"/> its value or placeholder.</summary>
    private static string ClausesField(string attributes) =>
        $"<label>Clauses it rests on<input name=\"clauses\" maxlength=\"{ClauseList.MaxLength}\"{attributes}></label>";

    private static string FaqPath(OrganizationProfile organization, string id) =>
        $"/office/api/faq/{Uri.EscapeDataString(organization.Id)}/{Uri.EscapeDataString(id)}";

    /// <summary>
    /// Publishing an answered question as a FAQ entry, in words the office checks first: the asker's and the office's,
    /// or what the member typed when it was refused (so their edits are not lost).
    /// </summary>
    private static string PublishForm(ReviewItem item, OrganizationProfile organization, IFormCollection? typed)
    {
        var question = typed is null ? FaqEditor.DraftQuestion(item) : typed["question"].ToString();
        var answer = typed is null ? item.Answer ?? "" : typed["answer"].ToString();
        var clauses = typed is null ? string.Join(", ", item.AnswerClauses) : typed["clauses"].ToString();
        return new StringBuilder($"<form data-desk-post=\"{E(FaqPath(organization, item.Id))}/publish\" class=\"card\"><h2>Publish as a FAQ entry</h2>")
            .Append($"<p>{E(FaqEditor.PublishAdvice)}</p>")
            .Append($"<label>Question<textarea name=\"question\" maxlength=\"{ReviewDesk.MaxQuestionLength}\" required rows=\"3\">{E(question)}</textarea></label>")
            .Append($"<label>Answer<textarea name=\"answer\" maxlength=\"{ReviewDesk.MaxAnswerLength}\" required rows=\"5\">{E(answer)}</textarea></label>")
            .Append(ClausesField($" value=\"{E(clauses)}\""))
            .Append("<button type=\"submit\" class=\"positive\">Publish</button></form>").ToString();
    }

    /// <summary>
    /// Publish: the entry's page when done; refused, the question again with the reason and what was typed (400), or
    /// 404 (no such question), 409 (not answered, or published already: then its entry).
    /// </summary>
    private static async Task<IResult> PublishAsync(HttpContext http, string org, string id, FaqEditor faq, IOfficeStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        if (member.Find(org) is not { } organization)
            return NotYours();
        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var result = await faq.PublishAsAsync(organization, id, member.Member, form["question"], form["answer"], form["clauses"], cancellationToken).ConfigureAwait(false);
        if (result is { Refusal: null, Value: { } entry })
            return Fragment(FaqPage(entry, organization, "Published: staff who ask something similar get this answer first.", true));
        if (result.Value is { } existing)
            return Fragment(FaqPage(existing, organization, result.Refusal, false), 409);
        if (await store.GetItemAsync(organization.Id, id, cancellationToken).ConfigureAwait(false) is not { } item)
            return Fragment($"<h1>Not published</h1>{Note(result.Refusal, false)}", 404);
        var status = result.Refusal == FaqEditor.NotAnswered ? 409 : 400;
        return Fragment(QueueItem(item, organization, time.GetUtcNow(), result.Refusal, good: false, typed: status == 400 ? form : null), status);
    }

    private static async Task<IResult> QueueActAsync(HttpContext http, string org, string id, string action, ReviewDesk desk, TimeProvider time, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        if (member.Find(org) is not { } organization)
            return NotYours();
        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var result = action switch
        {
            "answer" => await desk.AnswerAsync(organization, id, member.Member, form["answer"], form["clauses"], cancellationToken).ConfigureAwait(false),
            "assign" => await desk.AssignAsync(organization, id, form["assignee"], cancellationToken).ConfigureAwait(false),
            "dismiss" => await desk.DismissAsync(organization, id, member.Member, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        if (result is null)
            return Fragment("<h1>Not found</h1><p>There is no such action.</p>", 404);
        var done = action switch { "answer" => "Answered: the asker has the answer in their chat.", "assign" => "Assigned.", _ => "Closed: no answer needed." };
        return result switch
        {
            { Refusal: null, Value: { } item } => Fragment(QueueItem(item, organization, time.GetUtcNow(), done, good: true)),
            { Value: { } current } => Fragment(QueueItem(current, organization, time.GetUtcNow(), result.Refusal, good: false), 409),
            _ => Fragment($"<h1>Not done</h1>{Note(result.Refusal, good: false)}<p>{Link("/office/api/queue", "Back to the queue")}</p>", 400),
        };
    }

    // ---------------------------------------------------------------- the disclosure register

    private sealed record RegisterFilter(string? Type, string? Status, string? From, string? To, string? Text, string? Problem);

    private static RegisterFilter FilterOf(HttpContext http)
    {
        string? Value(string key) => http.Request.Query[key].ToString().Trim() is { Length: > 0 } v ? v : null;
        var filter = new RegisterFilter(Value("type"), Value("status"), Value("from"), Value("to"), Value("q"), null);
        if (filter.Text is { Length: > 100 })
            return filter with { Text = null, Problem = "The counterparty text is longer than 100 characters." };
        if (filter.Status is not null && !DisclosureStatus.All.Contains(filter.Status))
            return filter with { Status = null, Problem = "Choose a status from the list." };
        if (filter.From is not null && ParseDay(filter.From) is null)
            return filter with { From = null, Problem = "Write dates as yyyy-mm-dd." };
        if (filter.To is not null && ParseDay(filter.To) is null)
            return filter with { To = null, Problem = "Write dates as yyyy-mm-dd." };
        return filter;
    }

    private static DateTimeOffset? ParseDay(string? day) =>
        DateTime.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero) : null;

    private static DisclosureQuery QueryOf(DeskMember member, RegisterFilter filter, int skip, int take) => new()
    {
        Organizations = [.. member.Organizations.Select(o => o.Id)],
        Form = filter.Type,
        Status = filter.Status,
        From = ParseDay(filter.From),
        Before = ParseDay(filter.To)?.AddDays(1),
        Text = filter.Text,
        Skip = skip,
        Take = take,
    };

    private static (string, string?)[] FilterPairs(RegisterFilter f) => [("type", f.Type), ("status", f.Status), ("from", f.From), ("to", f.To), ("q", f.Text)];

    private static async Task<IResult> RegisterAsync(HttpContext http, IDisclosureStore store, FormCatalog forms, IOptions<DeskSettings> settings, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        var filter = FilterOf(http);
        var size = PageSize(settings);
        var page = PageNumber(http);
        var result = await store.QueryAsync(QueryOf(member, filter, (page - 1) * size, size), cancellationToken).ConfigureAwait(false);
        var types = member.Organizations.SelectMany(o => forms.ForOrganization(o.Id)).GroupBy(f => f.Id).Select(g => (g.Key, g.First().Title));
        var statuses = DisclosureStatus.All.Select(s => (s, DisclosureStatus.Describe(s)));
        var html = new StringBuilder("<h1>Disclosure register</h1>");
        html.Append(Note(filter.Problem, good: false));
        html.Append("<form data-desk-get=\"/office/api/register\" class=\"filters\" data-testid=\"filters\">")
            .Append($"<label>Type<select name=\"type\">{Options(types, filter.Type, "Any type")}</select></label>")
            .Append($"<label>Status<select name=\"status\">{Options(statuses, filter.Status, "Any status")}</select></label>")
            .Append($"<label>From<input type=\"date\" name=\"from\" value=\"{E(filter.From)}\"></label>")
            .Append($"<label>To<input type=\"date\" name=\"to\" value=\"{E(filter.To)}\"></label>")
            .Append($"<label>Counterparty<input name=\"q\" maxlength=\"100\" value=\"{E(filter.Text)}\" placeholder=\"supplier, giver, employer\"></label>")
            .Append("<button type=\"submit\">Filter</button></form>");
        var query = Query(FilterPairs(filter));
        html.Append($"<p class=\"count\"><span data-testid=\"total\">{(result.Exact ? "" : "more than ")}{(result.Exact ? result.Total : result.Total - 1)}</span> disclosure(s). Export: ")
            .Append($"<a href=\"/office/api/register.csv{E(query)}\" data-download=\"disclosures.csv\" data-testid=\"csv\">CSV</a> · ")
            .Append($"<a href=\"/office/api/register.xlsx{E(query)}\" data-download=\"disclosures.xlsx\" data-testid=\"xlsx\">Excel</a></p>");
        if (result.Items.Count > 0)
        {
            html.Append("<table data-testid=\"register\"><thead><tr><th>Reference</th><th>Type</th><th>Organisation</th><th>Submitted</th><th>Status</th><th>Discloser</th><th>Summary</th></tr></thead><tbody>");
            foreach (var d in result.Items)
                html.Append($"<tr><td>{Link($"/office/api/register/{d.Organization}/{d.Id}", d.Reference)}</td><td>{E(d.FormTitle)}</td><td>{E(member.Find(d.Organization)?.Name ?? d.Organization)}</td>")
                    .Append($"<td>{E(Day(d.Submitted))}</td><td class=\"status {E(d.Status)}\">{E(d.Status)}</td><td>{E(d.Discloser.Name)}</td>")
                    .Append($"<td>{E(CardBuilder.Clip(string.Join(" · ", d.Answers.Take(4).Select(a => a.Display)), 140))}</td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append(Pager("/office/api/register", page, size, result.Total, FilterPairs(filter), result.Exact));
        return Fragment(html.ToString());
    }

    private static async Task<IResult> DisclosureAsync(HttpContext http, string org, string id, IDisclosureStore store, CancellationToken cancellationToken)
    {
        if (MemberOf(http).Find(org) is not { } organization)
            return NotYours();
        var disclosure = await store.GetAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        return disclosure is null ? Fragment("<h1>Not found</h1><p>There is no such disclosure.</p>", 404) : Fragment(DisclosurePage(disclosure, organization, null, true));
    }

    private static string DisclosurePage(Disclosure d, OrganizationProfile organization, string? note, bool good)
    {
        var html = new StringBuilder($"<h1>{E(d.Name)}</h1>");
        html.Append(Note(note, good));
        html.Append($"<dl><dt>Organisation</dt><dd>{E(organization.Name)}</dd><dt>Discloser</dt><dd>{E(d.Discloser.Name)}</dd>")
            .Append($"<dt>Submitted</dt><dd>{E(DayTime(d.Submitted))}</dd><dt>Status</dt><dd data-testid=\"status\">{E(DisclosureStatus.Describe(d.Status))}</dd>")
            // What the person typed is in the language they filled the form in; the labels are the English form's.
            .Append(d.Language is null ? "" : $"<dt>Written in</dt><dd data-testid=\"language\">{E(Shared.Localization.CardLanguages.Default.For(d.Language)["EnglishName"])}</dd>")
            .Append("</dl>");
        html.Append("<table><tbody>");
        foreach (var answer in d.Answers)
            html.Append($"<tr><th>{E(answer.Label)}</th><td>{E(answer.Display)}</td></tr>");
        html.Append("</tbody></table>");
        if (d.Decisions.Count > 0)
        {
            html.Append("<h2>Decisions</h2><ul>");
            foreach (var decision in d.Decisions)
                html.Append($"<li>{E(decision.Status)} by {E(decision.ByName)} on {E(DayTime(decision.At))}{(decision.Comment.Length > 0 ? $": “{E(decision.Comment)}”" : "")}</li>");
            html.Append("</ul>");
        }
        if (!DisclosureStatus.IsFinal(d.Status))
        {
            html.Append($"<form data-desk-post=\"/office/api/register/{E(d.Organization)}/{E(d.Id)}/decide\" class=\"card\"><h2>Decide</h2>")
                .Append($"<label>Comment (the discloser sees it; required to decline)<textarea name=\"comment\" maxlength=\"{DisclosureCards.MaxCommentLength}\" rows=\"3\"></textarea></label>");
            html.AppendJoin(' ', DisclosureRules.Open(d.Status).Select(DecideButton)).Append("</form>");
        }
        html.Append($"<p>{Link("/office/api/register", "Back to the register")}</p>");
        return html.ToString();
    }

    /// <summary>One decision's button, worded and styled as on the office card.</summary>
    private static string DecideButton(string decision) =>
        $"<button type=\"submit\" name=\"decision\" value=\"{E(decision)}\"{(DisclosureCards.DecisionStyle(decision) is { } style ? $" class=\"{style}\"" : "")}>{DisclosureCards.DecisionButton(decision)}</button>";

    private static async Task<IResult> DecideAsync(HttpContext http, string org, string id, DisclosureDecisions decisions, IDisclosureStore store, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        if (member.Find(org) is not { } organization)
            return NotYours();
        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await decisions.DecideAsync(organization, id, form["decision"], member.Member, form["comment"], cancellationToken).ConfigureAwait(false);
        if (outcome.Disclosure is { } disclosure)
            return Fragment(DisclosurePage(disclosure, organization, outcome.Changed ? $"Done: {disclosure.Status}. The discloser has been told in their chat." : outcome.Refusal, outcome.Changed), outcome.Changed ? 200 : 409);
        if (outcome.Status == 404)
            return Fragment("<h1>Not found</h1><p>There is no such disclosure.</p>", 404);
        var current = await store.GetAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        return current is null ? Fragment($"<h1>Not done</h1>{Note(outcome.Refusal, false)}", 400) : Fragment(DisclosurePage(current, organization, outcome.Refusal, false), 400);
    }

    private static async Task<IResult> ExportAsync(HttpContext http, IDisclosureStore store, FormCatalog forms, bool excel, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        var filter = FilterOf(http);
        if (filter.Problem is not null)
            return Fragment($"<h1>Not exported</h1>{Note(filter.Problem, false)}", 400);
        var rows = await RegisterExport.ReadAsync(store, QueryOf(member, filter, 0, 500), 500, cancellationToken).ConfigureAwait(false);
        var names = member.Organizations.ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var stamp = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return excel
            ? DeskSheets.Excel(RegisterExport.Columns, RegisterExport.Rows(rows, names), "Disclosures", $"disclosures-{stamp}.xlsx")
            : DeskSheets.Csv(RegisterExport.Columns, RegisterExport.Rows(rows, names), $"disclosures-{stamp}.csv");
    }

    // ---------------------------------------------------------------- the FAQ

    private static async Task<IResult> FaqAsync(HttpContext http, IOfficeStore store, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        var html = new StringBuilder("<h1>FAQ</h1><p>What the bot answers with before the Code. Edits and withdrawals are live at once.</p>");
        foreach (var organization in member.Organizations)
        {
            var entries = await store.FaqAsync(organization.Id, cancellationToken).ConfigureAwait(false);
            html.Append($"<h2>{E(organization.Name)}</h2>");
            if (entries.Count == 0)
            {
                html.Append("<p>No entries yet: answer a question in the queue, then publish it from its page (or from the chat, \"review\").</p>");
                continue;
            }
            html.Append("<table data-testid=\"faq\"><thead><tr><th>Question</th><th>Answer</th><th>Rests on</th><th>Updated</th><th></th></tr></thead><tbody>");
            foreach (var entry in entries.OrderBy(e => e.Withdrawn).ThenByDescending(e => e.Updated))
                html.Append($"<tr class=\"{(entry.Withdrawn ? "withdrawn" : "")}\"><td>{E(entry.Question)}{(entry.Withdrawn ? " <em>(withdrawn)</em>" : "")}</td><td>{E(CardBuilder.Clip(entry.Answer, 160))}</td>")
                    .Append($"<td>{E(string.Join(", ", entry.Clauses))}</td><td>{E(Day(entry.Updated))} by {E(entry.PublishedBy)}</td>")
                    .Append($"<td>{Link($"/office/api/faq/{organization.Id}/{entry.Id}", "Edit")}</td></tr>");
            html.Append("</tbody></table>");
        }
        return Fragment(html.ToString());
    }

    private static async Task<IResult> FaqEntryAsync(HttpContext http, string org, string id, IOfficeStore store, CancellationToken cancellationToken)
    {
        if (MemberOf(http).Find(org) is not { } organization)
            return NotYours();
        var entry = await store.GetFaqAsync(organization.Id, id, cancellationToken).ConfigureAwait(false);
        return entry is null ? Fragment("<h1>Not found</h1><p>There is no such FAQ entry.</p>", 404) : Fragment(FaqPage(entry, organization, null, true));
    }

    private static string FaqPage(FaqEntry entry, OrganizationProfile organization, string? note, bool good)
    {
        var path = $"/office/api/faq/{organization.Id}/{entry.Id}";
        var html = new StringBuilder($"<h1>FAQ entry{(entry.Withdrawn ? " (withdrawn)" : "")}</h1>");
        html.Append(Note(note, good));
        html.Append($"<form data-desk-post=\"{E(path)}/edit\" class=\"card\"><h2>Edit</h2>")
            .Append($"<label>Question<input name=\"question\" maxlength=\"{ReviewDesk.MaxQuestionLength}\" required value=\"{E(entry.Question)}\"></label>")
            .Append($"<label>Answer<textarea name=\"answer\" maxlength=\"{ReviewDesk.MaxAnswerLength}\" required rows=\"5\">{E(entry.Answer)}</textarea></label>")
            .Append(ClausesField($" value=\"{E(string.Join(", ", entry.Clauses))}\""))
            .Append($"<button type=\"submit\" class=\"positive\">{(entry.Withdrawn ? "Save and publish again" : "Save")}</button></form>");
        if (!entry.Withdrawn)
            html.Append($"<form data-desk-post=\"{E(path)}/withdraw\" class=\"card\"><h2>Withdraw</h2><p>The bot stops answering with it at once.</p><button type=\"submit\" class=\"destructive\">Withdraw</button></form>");
        // What staff see: the same block the answer card puts above the Code (BotCards.Answer), in its words.
        html.Append("<h2>Preview of the answer card</h2><div class=\"adaptive-card\" data-testid=\"preview\"><div class=\"accent\">")
            .Append($"<p class=\"card-title\">{E(BotCards.OfficeAnswerTitle(organization))}</p>")
            .Append($"<p class=\"subtle\"><em>“{E(entry.Question)}”</em></p><p>{E(entry.Answer)}</p>")
            .Append($"<p class=\"subtle\">{E(BotCards.OfficeAnswerSource(entry.Clauses))}</p></div>")
            .Append("<p class=\"card-title\">What the Code says</p><p class=\"subtle\">(the clauses the search finds for the question follow here)</p></div>");
        html.Append($"<p>{Link("/office/api/faq", "Back to the FAQ")}</p>");
        return html.ToString();
    }

    private static async Task<IResult> FaqActAsync(HttpContext http, string org, string id, string action, FaqEditor faq, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        if (member.Find(org) is not { } organization)
            return NotYours();
        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var result = action switch
        {
            "edit" => await faq.EditAsync(organization, id, member.Member, form["question"], form["answer"], form["clauses"], cancellationToken).ConfigureAwait(false),
            "withdraw" => await faq.WithdrawAsync(organization, id, member.Member, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        if (result is null)
            return Fragment("<h1>Not found</h1><p>There is no such action.</p>", 404);
        return result switch
        {
            { Refusal: null, Value: { } entry } => Fragment(FaqPage(entry, organization, action == "edit" ? "Saved: the bot answers with the new text now." : "Withdrawn: the bot no longer uses it.", true)),
            { Value: { } current } => Fragment(FaqPage(current, organization, result.Refusal, false), 400),
            _ => Fragment($"<h1>Not done</h1>{Note(result.Refusal, false)}", 404),
        };
    }

    // ---------------------------------------------------------------- insights

    private static async Task<IResult> InsightsAsync(HttpContext http, Insights insights, CancellationToken cancellationToken)
    {
        var member = MemberOf(http);
        var organization = ChosenOrganization(http, member);
        var rows = await insights.BuildAsync(organization, cancellationToken).ConfigureAwait(false);
        var html = new StringBuilder($"<h1>Insights: {E(organization.Name)}</h1>");
        html.Append(OrganizationTabs(member, organization, "/office/api/insights"));
        html.Append($"<p>{E(Insights.MaskingNote)} A masked count is drawn as a hatched stub of no particular size; none, as no bar.</p>");
        html.Append(DeskCharts.Render(rows));
        return Fragment(html.ToString());
    }

    /// <summary>Previous / next links; when the total is only a lower bound (<paramref name="exact"/> false), no page count.</summary>
    private static string Pager(string path, int page, int size, int total, (string, string?)[] pairs, bool exact = true)
    {
        var pages = Math.Max(1, (total + size - 1) / size);
        if (pages == 1)
            return "";
        var html = new StringBuilder("<nav class=\"pager\">");
        if (page > 1)
            html.Append(Link(path + Query([.. pairs, ("page", (page - 1).ToString(CultureInfo.InvariantCulture))]), "‹ Previous")).Append(' ');
        html.Append(exact ? $"Page {page} of {pages}" : $"Page {page}");
        if (page < pages)
            html.Append(' ').Append(Link(path + Query([.. pairs, ("page", (page + 1).ToString(CultureInfo.InvariantCulture))]), "Next ›", "next"));
        return html.Append("</nav>").ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused desk request {Method} {Path}: {Caller} is not a member of an ethics office.")]
    private static partial void LogRefused(ILogger logger, string method, string path, string caller);

    [LoggerMessage(Level = LogLevel.Error, Message = "Desk request {Method} {Path} failed.")]
    private static partial void LogFailed(ILogger logger, string method, string path, Exception exception);
}
