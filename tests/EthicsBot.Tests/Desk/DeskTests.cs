using System.Net;
using System.Text;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Desk;

/// <summary>
/// The ethics office's desk over HTTP: Entra tokens from a loopback OpenID metadata server; every page and action
/// refused without a good token (401) and for anyone outside the office (403); the queue, the register, exports, the
/// FAQ and the insights doing what the chat commands do, on the same store.
/// </summary>
public sealed class DeskTests : IAsyncLifetime
{
    private DeskHost _desk = null!;

    public async Task InitializeAsync() => _desk = await DeskHost.StartAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private string MemberToken => _desk.Token(DeskHost.Member);

    /// <summary>Every page and action of the desk, with an item, a disclosure and an entry that exist.</summary>
    private async Task<List<(HttpMethod Method, string Path, Dictionary<string, string>? Form)>> RoutesAsync()
    {
        var item = await _desk.QueueAsync("May I keep a calendar from a supplier?");
        var disclosure = await _desk.DiscloseAsync("Acme Logistics");
        await _desk.Bot.Services.GetRequiredService<IOfficeStore>().SaveFaqAsync(new FaqEntry { Id = "faq-1", Organization = "iom", Question = "Can I keep a pen?", Answer = "Yes.", Updated = DateTimeOffset.UtcNow }, default);
        await _desk.Bot.Services.GetRequiredService<Features.Campaigns.ICampaignStore>().SaveAsync(Storage.CampaignStoreContract.Campaign("c0ffee00c0ffee00c0ffee00c0ffee00", status: Features.Campaigns.CampaignStatus.Draft), default);
        return
        [
            (HttpMethod.Get, "/office/api/queue", null),
            (HttpMethod.Get, $"/office/api/queue/iom/{item}", null),
            (HttpMethod.Post, $"/office/api/queue/iom/{item}/answer", new() { ["answer"] = "No." }),
            (HttpMethod.Post, $"/office/api/queue/iom/{item}/assign", new() { ["assignee"] = DeskHost.Member }),
            (HttpMethod.Post, $"/office/api/queue/iom/{item}/dismiss", new()),
            (HttpMethod.Get, "/office/api/register", null),
            (HttpMethod.Get, "/office/api/register?q=Acme", null),
            (HttpMethod.Get, $"/office/api/register/iom/{disclosure.Id}", null),
            (HttpMethod.Post, $"/office/api/register/iom/{disclosure.Id}/decide", new() { ["decision"] = "approved" }),
            (HttpMethod.Get, "/office/api/register.csv", null),
            (HttpMethod.Get, "/office/api/register.xlsx", null),
            (HttpMethod.Get, "/office/api/faq", null),
            (HttpMethod.Get, "/office/api/faq/iom/faq-1", null),
            (HttpMethod.Post, "/office/api/faq/iom/faq-1/edit", new() { ["question"] = "Q", ["answer"] = "A" }),
            (HttpMethod.Post, "/office/api/faq/iom/faq-1/withdraw", new()),
            (HttpMethod.Post, $"/office/api/faq/iom/{item}/publish", new() { ["question"] = "Q", ["answer"] = "A" }),
            (HttpMethod.Get, "/office/api/insights", null),
            (HttpMethod.Get, "/office/api/campaigns", null),
            (HttpMethod.Post, "/office/api/campaigns/iom", new() { ["title"] = "T", ["codeVersion"] = "V", ["message"] = "M", ["audience"] = "everyone", ["dueDate"] = DateTime.UtcNow.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
            (HttpMethod.Get, "/office/api/campaigns/iom/c0ffee00c0ffee00c0ffee00c0ffee00", null),
            (HttpMethod.Post, "/office/api/campaigns/iom/c0ffee00c0ffee00c0ffee00c0ffee00/launch", new()),
            (HttpMethod.Post, "/office/api/campaigns/iom/c0ffee00c0ffee00c0ffee00c0ffee00/stop", new()),
            (HttpMethod.Get, "/office/api/campaigns/iom/c0ffee00c0ffee00c0ffee00c0ffee00/pending.csv", null),
            (HttpMethod.Get, "/office/api/campaigns/iom/c0ffee00c0ffee00c0ffee00c0ffee00/pending.xlsx", null),
        ];
    }

    [Fact]
    public async Task Without_a_good_token_every_page_and_action_is_401_and_nothing_changes()
    {
        var routes = await RoutesAsync();
        string?[] tokens =
        [
            null,
            "not-a-token",
            _desk.Token(DeskHost.Member, forged: true),                                                            // signed with another key
            _desk.Token(DeskHost.Member, audience: "api://someone-else/app"),                                      // for another application
            _desk.Token(DeskHost.Member, issuer: "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0"), // another tenant
            _desk.Token(DeskHost.Member, expires: DateTime.UtcNow.AddMinutes(-20)),                                // expired
            _desk.Token(DeskHost.Member, claims: new() { ["scp"] = "User.Read" }),                                 // not the tab's scope
            _desk.Token(DeskHost.Member, claims: new() { ["azp"] = OtherClient }),                                 // got by another application
            _desk.Token(DeskHost.Member, claims: new() { ["azp"] = null }),                                        // names no client
            _desk.V1Token(DeskHost.Member, appid: OtherClient),                                                    // v1, got by another application
        ];
        foreach (var token in tokens)
            foreach (var (method, path, form) in routes)
            {
                var (status, body, _) = await _desk.SendAsync(method, path, token, form);
                Assert.True(status == HttpStatusCode.Unauthorized, $"{method} {path} with token #{Array.IndexOf(tokens, token)}: {status}");
                Assert.Contains("Sign-in needed", body, StringComparison.Ordinal);
                Assert.DoesNotContain("supplier", body, StringComparison.OrdinalIgnoreCase);
            }
        var items = await _desk.Bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default);
        Assert.All(items, i => Assert.Equal(ReviewStatus.Open, i.Status));
        Assert.Empty(_desk.Connector.Calls);
    }

    /// <summary>An application of the tenant other than Teams, which a member could get a token for the desk's API through.</summary>
    private const string OtherClient = "0f0f0f0f-1234-4321-abcd-0123456789ab";

    [Fact]
    public async Task Only_a_token_a_Teams_or_Microsoft_365_host_got_for_the_tab_signs_in()
    {
        // The tab's scope, got by each host Microsoft documents for tab SSO (v2: azp), or by Teams web as a v1 token (appid).
        foreach (var host in EthicsBot.Features.Office.Desk.DeskAuthentication.HostClients.Keys)
            Assert.Equal(HttpStatusCode.OK, (await _desk.GetAsync("/office/api/queue", _desk.Token(DeskHost.Member, claims: new() { ["azp"] = host }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await _desk.GetAsync("/office/api/queue", _desk.V1Token(DeskHost.Member, appid: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await _desk.GetAsync("/office/api/queue", _desk.Token(DeskHost.Member, claims: new() { ["scp"] = "User.Read access_as_user" }))).Status);

        // A member's token for the desk's API, but for another scope, or got by another application: refused in our words, and logged.
        var (scope, scopeBody, scopeResponse) = await _desk.GetAsync("/office/api/queue", _desk.Token(DeskHost.Member, claims: new() { ["scp"] = "User.Read" }));
        var (client, clientBody, _) = await _desk.GetAsync("/office/api/queue", _desk.Token(DeskHost.Member, claims: new() { ["azp"] = OtherClient }));
        var (v1, _, _) = await _desk.GetAsync("/office/api/queue", _desk.V1Token(DeskHost.Member, appid: OtherClient));
        var (v1Scope, _, _) = await _desk.GetAsync("/office/api/queue", _desk.V1Token(DeskHost.Member, appid: DeskHost.TeamsClient, scp: "Files.Read"));
        var (v2WithAppid, _, _) = await _desk.GetAsync("/office/api/queue", _desk.Token(DeskHost.Member, claims: new() { ["azp"] = null, ["appid"] = DeskHost.TeamsClient }));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[] { scope, client, v1, v1Scope, v2WithAppid });
        foreach (var body in new[] { scopeBody, clientBody })
        {
            Assert.Contains("Sign-in needed", body, StringComparison.Ordinal);
            Assert.Contains("Open the desk from the EthicsBot app in Teams", body, StringComparison.Ordinal);
            Assert.DoesNotContain("calendar", body, StringComparison.Ordinal);
        }
        Assert.Equal("Bearer", scopeResponse.Headers.WwwAuthenticate.ToString());
        Assert.Contains(_desk.Bot.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"Refused a desk sign-in of {DeskHost.Member}", StringComparison.Ordinal)
            && l.Contains("the tab's scope access_as_user (scp: 'User.Read')", StringComparison.Ordinal));
        Assert.Contains(_desk.Bot.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"application '{OtherClient}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_in_Desk_AllowedClients_signs_in_too()
    {
        const string Ours = "abcdefab-0000-4000-8000-000000000001";
        await using var desk = await DeskHost.StartAsync(_ => new() { ["Desk:AllowedClients:0"] = Ours });
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/office/api/queue", desk.Token(DeskHost.Member, claims: new() { ["azp"] = Ours.ToUpperInvariant() }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/office/api/queue", desk.V1Token(DeskHost.Member, appid: Ours))).Status);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/office/api/queue", desk.Token(DeskHost.Member))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.GetAsync("/office/api/queue", desk.Token(DeskHost.Member, claims: new() { ["azp"] = OtherClient }))).Status);
    }

    [Fact]
    public async Task Someone_outside_the_office_gets_403_for_every_page_and_action_and_is_logged()
    {
        var routes = await RoutesAsync();
        foreach (var (method, path, form) in routes)
        {
            var (status, body, _) = await _desk.SendAsync(method, path, _desk.Token(DeskHost.Stranger, "Eve Else"), form);
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path}: {status}");
            Assert.Contains("Only members of an ethics office", body, StringComparison.Ordinal);
        }
        // A member of another organisation's office: the iom question, disclosure and entry are not theirs.
        foreach (var (method, path, form) in routes.Where(r => r.Path.Contains("/iom/", StringComparison.Ordinal)))
        {
            var (status, _, _) = await _desk.SendAsync(method, path, _desk.Token(DeskHost.ImsMember, "Ida Ims"), form);
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path} as an IMS member: {status}");
        }
        var (_, register, _) = await _desk.GetAsync("/office/api/register", _desk.Token(DeskHost.ImsMember));
        Assert.DoesNotContain("Acme", register, StringComparison.Ordinal);
        Assert.Contains(_desk.Bot.Logs.Lines, l => l.Contains("Refused desk request", StringComparison.Ordinal) && l.Contains(DeskHost.Stranger, StringComparison.Ordinal));
        Assert.All((await _desk.Bot.Services.GetRequiredService<IOfficeStore>().ItemsAsync("iom", default)), i => Assert.Equal(ReviewStatus.Open, i.Status));
        Assert.Empty(_desk.Connector.Calls);
    }

    [Fact]
    public async Task A_member_answers_a_queued_question_and_the_asker_is_told_in_their_chat()
    {
        var id = await _desk.QueueAsync("Can I accept a hamper from a supplier at Eid?", conversation: "a:asker-1");
        var (status, queue, response) = await _desk.GetAsync("/office/api/queue", MemberToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("Can I accept a hamper from a supplier at Eid?", queue, StringComparison.Ordinal);
        Assert.Contains("3 days", queue, StringComparison.Ordinal);
        Assert.Contains("Sent by the asker", queue, StringComparison.Ordinal);

        var (bad, badBody, _) = await _desk.PostAsync($"/office/api/queue/iom/{id}/answer", MemberToken, new() { ["answer"] = "Yes", ["clauses"] = "iom-99.9" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("Not clauses of the", badBody, StringComparison.Ordinal);

        var (answered, page, _) = await _desk.PostAsync($"/office/api/queue/iom/{id}/answer", MemberToken,
            new() { ["answer"] = "Yes, a hamper of modest value is fine; declare it.", ["clauses"] = "iom-5.49" });
        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Contains("Answered by Olu Office", page, StringComparison.Ordinal);
        var told = Assert.Single(await _desk.Connector.WaitForAsync("message"));
        Assert.Contains("/conversations/a:asker-1/", told.Path, StringComparison.Ordinal);
        Assert.Contains("answered your question", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("a hamper of modest value is fine", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);

        // The chat's rule holds here too: a question is answered once.
        var (again, againBody, _) = await _desk.PostAsync($"/office/api/queue/iom/{id}/answer", MemberToken, new() { ["answer"] = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("already answered by Olu Office", againBody, StringComparison.Ordinal);
        Assert.Single(_desk.Connector.Calls);
        Assert.DoesNotContain("Can I accept a hamper", (await _desk.GetAsync("/office/api/queue", MemberToken)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_offices_answer_rests_on_the_clauses_the_office_names_none_allowed()
    {
        var id = await _desk.QueueAsync("How do I reset my laptop password?"); // the bot had offered iom-5.49
        var (_, page, _) = await _desk.GetAsync($"/office/api/queue/iom/{id}", MemberToken);
        Assert.Contains("<dt>Clauses the bot offered</dt><dd>iom-5.49</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("name=\"clauses\"[^>]*value=", page);

        var (answered, done, _) = await _desk.PostAsync($"/office/api/queue/iom/{id}/answer", MemberToken, new() { ["answer"] = "The IT service desk resets passwords." });

        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Contains("<dt>Rests on</dt><dd>no clause</dd>", done, StringComparison.Ordinal);
        Assert.Empty((await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetItemAsync("iom", id, default))!.AnswerClauses);
        var told = Assert.Single(await _desk.Connector.WaitForAsync("message"));
        Assert.DoesNotContain("Based on", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotMatch("name=\"clauses\"[^>]*value=\"[^\"]", done); // the publish form starts from none too
    }

    [Fact]
    public async Task An_answered_question_is_published_as_a_FAQ_entry_in_the_words_the_office_checked()
    {
        var id = await _desk.QueueAsync("I'm Amina in the Goma office: can I keep the shawl Mr Bashir's company gave me?");
        var (early, earlyBody, _) = await _desk.PostAsync($"/office/api/faq/iom/{id}/publish", MemberToken, new() { ["question"] = "Q?", ["answer"] = "A." });
        Assert.Equal(HttpStatusCode.Conflict, early);
        Assert.Contains("Only an answered question can be published", earlyBody, StringComparison.Ordinal);

        var (_, answered, _) = await _desk.PostAsync($"/office/api/queue/iom/{id}/answer", MemberToken,
            new() { ["answer"] = "A shawl of modest value may be kept; declare it.", ["clauses"] = "iom-5.49" });
        Assert.Contains("Publish as a FAQ entry", answered, StringComparison.Ordinal);
        Assert.Contains("Take out anything that could identify the asker", answered, StringComparison.Ordinal);
        Assert.Contains("Mr Bashir", answered, StringComparison.Ordinal); // the asker's words, for the office to edit

        var (badClause, _, _) = await _desk.PostAsync($"/office/api/faq/iom/{id}/publish", MemberToken,
            new() { ["question"] = "Can I keep a shawl a supplier gave me?", ["answer"] = "Yes.", ["clauses"] = "iom-99.9" });
        Assert.Equal(HttpStatusCode.BadRequest, badClause);
        Assert.Null(await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetFaqAsync("iom", id, default));
        var (published, page, _) = await _desk.PostAsync($"/office/api/faq/iom/{id}/publish", MemberToken,
            new() { ["question"] = "Can I keep a shawl a supplier gave me?", ["answer"] = "A shawl of modest value may be kept; declare it.", ["clauses"] = "iom-5.49" });

        Assert.Equal(HttpStatusCode.OK, published);
        Assert.Contains("Published: staff who ask something similar get this answer first.", page, StringComparison.Ordinal);
        var entry = await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetFaqAsync("iom", id, default);
        Assert.Equal(("Can I keep a shawl a supplier gave me?", "A shawl of modest value may be kept; declare it.", "Olu Office"), (entry!.Question, entry.Answer, entry.PublishedBy));
        Assert.Equal(["iom-5.49"], entry.Clauses);
        var (_, item, _) = await _desk.GetAsync($"/office/api/queue/iom/{id}", MemberToken);
        Assert.Contains("Published as a FAQ entry", item, StringComparison.Ordinal);
        Assert.DoesNotContain("Take out anything", item, StringComparison.Ordinal);
        var (_, faq, _) = await _desk.GetAsync("/office/api/faq", MemberToken);
        Assert.Contains("Can I keep a shawl a supplier gave me?", faq, StringComparison.Ordinal);
        Assert.DoesNotContain("Bashir", faq, StringComparison.Ordinal);

        // Published once: publishing again (a stale tab, or the chat card's form) is refused and keeps the office's words.
        var (again, againBody, _) = await _desk.PostAsync($"/office/api/faq/iom/{id}/publish", MemberToken, new() { ["question"] = "Raw words of Mr Bashir?", ["answer"] = "x" });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("published already", againBody, StringComparison.Ordinal);
        var editor = _desk.Bot.Services.GetRequiredService<FaqEditor>();
        var iom = _desk.Bot.Services.GetRequiredService<EthicsBot.Shared.Organizations.OrganizationDirectory>().Find("iom")!;
        var chat = await editor.PublishAsAsync(iom, id, new EthicsBot.Shared.Organizations.OfficeMember(DeskHost.Member, "Olu Office"), "Raw words of Mr Bashir?", "x", null, default);
        Assert.Equal(FaqEditor.AlreadyPublished, chat.Refusal);
        Assert.Equal("Can I keep a shawl a supplier gave me?", (await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetFaqAsync("iom", id, default))!.Question);
        await _desk.PostAsync($"/office/api/faq/iom/{id}/withdraw", MemberToken);
        Assert.Contains("Published as a FAQ entry, since withdrawn", (await _desk.GetAsync($"/office/api/queue/iom/{id}", MemberToken)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_publish_shows_the_question_again_with_what_was_typed_and_outsiders_cannot_publish()
    {
        var id = await _desk.QueueAsync("Can my brother's firm bid on our tender?");
        await _desk.PostAsync($"/office/api/queue/iom/{id}/answer", MemberToken, new() { ["answer"] = "No: declare the conflict and step aside.", ["clauses"] = "iom-5.49" });

        var (stranger, _, _) = await _desk.PostAsync($"/office/api/faq/iom/{id}/publish", _desk.Token(DeskHost.Stranger), new() { ["question"] = "Q?", ["answer"] = "A." });
        var (missing, _, _) = await _desk.PostAsync("/office/api/faq/iom/no-such-question/publish", MemberToken, new() { ["question"] = "Q?", ["answer"] = "A." });
        var (bad, body, _) = await _desk.PostAsync($"/office/api/faq/iom/{id}/publish", MemberToken,
            new() { ["question"] = "Can a relative's firm bid on a tender?", ["answer"] = "No: declare the conflict.", ["clauses"] = "iom-99.9" });

        Assert.Equal(HttpStatusCode.Forbidden, stranger);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("Not clauses of the", body, StringComparison.Ordinal);
        Assert.Contains("Can a relative&#39;s firm bid on a tender?", body, StringComparison.Ordinal); // the member's words kept, encoded
        Assert.Null(await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetFaqAsync("iom", id, default));
    }

    [Fact]
    public async Task Assign_and_no_answer_needed_use_the_queue_rules()
    {
        var id = await _desk.QueueAsync("Is a lunch with a donor fine?");
        var (refused, _, _) = await _desk.PostAsync($"/office/api/queue/iom/{id}/assign", MemberToken, new() { ["assignee"] = DeskHost.Stranger });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        var (assigned, body, _) = await _desk.PostAsync($"/office/api/queue/iom/{id}/assign", MemberToken, new() { ["assignee"] = "dddddddd-0000-0000-0000-00000000000d" });
        Assert.Equal(HttpStatusCode.OK, assigned);
        Assert.Contains("Kofi Colleague", body, StringComparison.Ordinal);
        var (dismissed, closed, _) = await _desk.PostAsync($"/office/api/queue/iom/{id}/dismiss", MemberToken);
        Assert.Equal(HttpStatusCode.OK, dismissed);
        Assert.Contains("No answer needed by Olu Office", closed, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Dismissed, (await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetItemAsync("iom", id, default))!.Status);
    }

    [Fact]
    public async Task The_register_filters_decides_and_tells_the_discloser()
    {
        var acme = await _desk.DiscloseAsync("Acme Logistics Ltd", conversation: "a:discloser-acme");
        await _desk.DiscloseAsync("Blue River Transport", at: DateTimeOffset.UtcNow.AddDays(-40));
        await _desk.DiscloseAsync("Ministry of Health", form: "conflict");
        await _desk.DiscloseAsync("Acme of IMS", organization: "ims");

        Assert.Contains(">3<", (await _desk.GetAsync("/office/api/register", MemberToken)).Body, StringComparison.Ordinal);
        var (_, acmeOnly, _) = await _desk.GetAsync("/office/api/register?q=acme", MemberToken);
        Assert.Contains(">1<", acmeOnly, StringComparison.Ordinal);
        Assert.Contains(acme.Reference, acmeOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme of IMS", acmeOnly, StringComparison.Ordinal);
        Assert.Contains(">1<", (await _desk.GetAsync("/office/api/register?type=conflict", MemberToken)).Body, StringComparison.Ordinal);
        var from = DateTimeOffset.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(">2<", (await _desk.GetAsync($"/office/api/register?from={from}", MemberToken)).Body, StringComparison.Ordinal);
        Assert.Contains(">0<", (await _desk.GetAsync("/office/api/register?status=approved", MemberToken)).Body, StringComparison.Ordinal);
        var (badFilter, badBody, _) = await _desk.GetAsync("/office/api/register?from=yesterday", MemberToken);
        Assert.Equal(HttpStatusCode.OK, badFilter);
        Assert.Contains("Write dates as yyyy-mm-dd.", badBody, StringComparison.Ordinal);

        var (_, detail, _) = await _desk.GetAsync($"/office/api/register/iom/{acme.Id}", MemberToken);
        Assert.Contains("Acme Logistics Ltd", detail, StringComparison.Ordinal);
        var (noComment, noCommentBody, _) = await _desk.PostAsync($"/office/api/register/iom/{acme.Id}/decide", MemberToken, new() { ["decision"] = "declined" });
        Assert.Equal(HttpStatusCode.BadRequest, noComment);
        Assert.Contains("write a comment", noCommentBody, StringComparison.Ordinal);
        var (approved, approvedBody, _) = await _desk.PostAsync($"/office/api/register/iom/{acme.Id}/decide", MemberToken, new() { ["decision"] = "approved", ["comment"] = "Fine, thank you." });
        Assert.Equal(HttpStatusCode.OK, approved);
        Assert.Contains("Approved", approvedBody, StringComparison.Ordinal);
        var told = Assert.Single(await _desk.Connector.WaitForAsync("message"));
        Assert.Contains("/conversations/a:discloser-acme/", told.Path, StringComparison.Ordinal);
        Assert.Contains($"approved your gift declaration {acme.Reference}", told.Body.GetProperty("text").GetString(), StringComparison.Ordinal);
        var (twice, twiceBody, _) = await _desk.PostAsync($"/office/api/register/iom/{acme.Id}/decide", MemberToken, new() { ["decision"] = "declined", ["comment"] = "No" });
        Assert.Equal(HttpStatusCode.Conflict, twice);
        Assert.Contains("was already approved by Olu Office", twiceBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_are_CSV_and_Excel_of_the_filtered_register()
    {
        var acme = await _desk.DiscloseAsync("=HYPERLINK(\"http://evil\") Acme, \"quoted\"");
        await _desk.DiscloseAsync("Blue River Transport");

        var (status, _, response) = await _desk.GetAsync("/office/api/register.csv?q=acme", MemberToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Reference,Organisation,Type,Submitted (UTC),Status", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{acme.Reference},IOM", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"What it was: a hamper; Who gave it: =HYPERLINK(\"\"http://evil\"\") Acme, \"\"quoted\"\"\"", lines[1], StringComparison.Ordinal);

        using var xlsx = await _desk.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/office/api/register.xlsx") { Headers = { Authorization = new("Bearer", MemberToken) } });
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => (string)r["Reference"] == acme.Reference && ((string)r["Answers"]).Contains("Acme", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal("submitted", r["Status"]));
    }

    [Fact]
    public async Task A_member_edits_and_withdraws_a_FAQ_entry_with_a_preview_of_the_card()
    {
        var store = _desk.Bot.Services.GetRequiredService<IOfficeStore>();
        await store.SaveFaqAsync(new FaqEntry { Id = "faq-pen", Organization = "iom", Question = "Can I keep a pen from a supplier?", Answer = "Yes, a pen is fine.", Clauses = ["iom-5.50"], Updated = DateTimeOffset.UtcNow }, default);
        var (_, list, _) = await _desk.GetAsync("/office/api/faq", MemberToken);
        Assert.Contains("Can I keep a pen from a supplier?", list, StringComparison.Ordinal);
        var (_, entry, _) = await _desk.GetAsync("/office/api/faq/iom/faq-pen", MemberToken);
        Assert.Contains("Answer from the IOM Ethics and Conduct Office", entry, StringComparison.Ordinal);

        var (bad, _, _) = await _desk.PostAsync("/office/api/faq/iom/faq-pen/edit", MemberToken, new() { ["question"] = "", ["answer"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        var (saved, page, _) = await _desk.PostAsync("/office/api/faq/iom/faq-pen/edit", MemberToken,
            new() { ["question"] = "Can I keep a pen from a supplier?", ["answer"] = "Yes: a pen of token value is a minor gift.", ["clauses"] = "iom-5.50" });
        Assert.Equal(HttpStatusCode.OK, saved);
        Assert.Contains("Saved", page, StringComparison.Ordinal);
        Assert.Contains("a pen of token value is a minor gift", page, StringComparison.Ordinal);
        Assert.Equal("Yes: a pen of token value is a minor gift.", (await store.GetFaqAsync("iom", "faq-pen", default))!.Answer);
        Assert.Equal(HttpStatusCode.OK, (await _desk.PostAsync("/office/api/faq/iom/faq-pen/withdraw", MemberToken)).Status);
        Assert.True((await store.GetFaqAsync("iom", "faq-pen", default))!.Withdrawn);
    }

    [Fact]
    public async Task Insights_are_charts_with_small_counts_masked_and_zeros_drawn_as_zero()
    {
        for (var i = 0; i < 6; i++)
            await _desk.DiscloseAsync($"Giver {i}");
        await _desk.DiscloseAsync("Ministry", form: "conflict");
        var (status, html, _) = await _desk.GetAsync("/office/api/insights", MemberToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Disclosures per type and status", html, StringComparison.Ordinal);
        Assert.Contains("gift declaration: submitted: 6", html, StringComparison.Ordinal);
        Assert.Contains("conflict of interest declaration: submitted: &lt; 5", html, StringComparison.Ordinal);
        Assert.DoesNotContain("conflict of interest declaration: submitted: 1", html, StringComparison.Ordinal);
        // Nothing asked yet: drawn as 0 with no bar, not as a masked stub.
        Assert.Contains("<title>Questions asked: 0</title>0</text>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Questions asked: &lt; 5", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shell_has_no_data_frames_only_in_Teams_and_assets_are_served()
    {
        var (status, shell, response) = await _desk.GetAsync("/office", null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("frame-ancestors", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/office/assets/lib/MicrosoftTeams.min.js", shell, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _desk.GetAsync("/office/assets/desk.js", null)).Status);
        Assert.Contains("getAuthToken", (await _desk.GetAsync("/office/assets/desk.js", null)).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _desk.GetAsync("/office/assets/lib/MicrosoftTeams.min.js", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.GetAsync("/office/assets/../appsettings.json", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _desk.GetAsync("/office/assets/desk.cs", null)).Status);
    }

    [Fact]
    public async Task Nothing_of_a_report_is_on_any_page()
    {
        const string Marker = "Quillfeather";
        await _desk.QueueAsync("Can I accept a hamper?");
        await _desk.DiscloseAsync("Acme Logistics");
        using (var report = await _desk.Client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.Message(_desk.Connector.ServiceUrl, $"My supervisor {Marker} demanded a bribe from the fuel supplier"), Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using (var banner = await _desk.Client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.Message(_desk.Connector.ServiceUrl, $"I think {Marker} in finance may be taking money from the cash box"), Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, banner.StatusCode);
        await _desk.Connector.WaitForAsync("message", 2);
        foreach (var path in new[] { "/office", "/office/api/queue", "/office/api/register", "/office/api/faq", "/office/api/insights", "/office/api/register.csv" })
        {
            var (status, body, _) = await _desk.GetAsync(path, path == "/office" ? null : MemberToken);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain(Marker, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("bribe", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("cash box", body, StringComparison.OrdinalIgnoreCase);
        }
        // Searching the register for the marker finds nothing either (the page echoes only the filter).
        Assert.Contains("data-testid=\"total\">0<", (await _desk.GetAsync("/office/api/register?q=" + Marker, MemberToken)).Body, StringComparison.Ordinal);
    }
}

/// <summary>Local development: without Desk:Audience, loopback requests with the dev header act as Desk:DevMember.</summary>
public sealed class DeskDevModeTests
{
    [Fact]
    public async Task The_dev_scheme_needs_its_header_and_a_configured_member()
    {
        await using var bot = new BotFactory(new()
        {
            ["Desk:DevMember"] = DeskHost.Member,
            ["Organizations:iom:EthicsOffice:Members:0"] = DeskHost.Member,
        });
        using var client = bot.CreateClient();
        using (var plain = await client.GetAsync(new Uri("/office/api/queue", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, plain.StatusCode);
            Assert.Contains("Sign-in needed", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var bearer = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/office/api/queue") { Headers = { Authorization = new("Bearer", "anything") } }))
            Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/office/api/queue") { Headers = { { "X-Desk-Dev", "1" } } };
        using var dev = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, dev.StatusCode);
        Assert.Contains("Questions waiting for the IOM Ethics and Conduct Office", await dev.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_dev_member_or_with_a_bot_app_id_nobody_gets_in()
    {
        foreach (var settings in new Dictionary<string, string?>[]
        {
            new() { ["Organizations:iom:EthicsOffice:Members:0"] = DeskHost.Member },
            new() { ["Desk:DevMember"] = DeskHost.Member, ["Organizations:iom:EthicsOffice:Members:0"] = DeskHost.Member, ["Bot:AppId"] = DeskHost.ClientId,
                    ["Bot:AppType"] = "SingleTenant", ["Bot:TenantId"] = DeskHost.Tenant, ["Bot:ClientSecret"] = "unused" },
        })
        {
            await using var bot = new BotFactory(settings);
            using var client = bot.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/office/api/queue") { Headers = { { "X-Desk-Dev", "1" } } };
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
