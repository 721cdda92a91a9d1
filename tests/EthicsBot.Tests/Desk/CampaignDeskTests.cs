using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EthicsBot.Features.Campaigns;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Desk;

/// <summary>
/// A campaign from the desk to staff chats and back: people install the app, the office creates and launches a
/// campaign, each person gets one card, a person acknowledges in chat, the progress and the export show it, a joiner
/// gets the open campaign, and nobody can acknowledge through a campaign that was not sent to them.
/// </summary>
public sealed partial class CampaignDeskTests : IAsyncLifetime
{
    private DeskHost _desk = null!;

    public async Task InitializeAsync() => _desk = await DeskHost.StartAsync(_ => new() { ["Campaigns:PollSeconds"] = "0.2", ["Organizations:ims:Tenants:0"] = "tenant-ims" });

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private string MemberToken => _desk.Token(DeskHost.Member);

    private static string Person(int i) => $"10000000-0000-0000-0000-{i:x12}";

    private async Task<HttpResponseMessage> PostActivityAsync(string json) =>
        await _desk.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task InstallAsync(int i)
    {
        using var response = await PostActivityAsync(Activities.MembersAdded(_desk.Connector.ServiceUrl, conversation: $"a:personal-{i}", aadObjectId: Person(i), name: $"Person {i}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, string> Form(string audience = "everyone", string ids = "", string? due = null) => new()
    {
        ["title"] = "Annual sign-off",
        ["codeVersion"] = "IN/15 rev.",
        ["codeLink"] = "https://www.iom.int/standards-of-conduct",
        ["message"] = "Please read the Standards of Conduct and confirm.",
        ["keyPoints"] = "- Gifts: declare them\n- Outside activities need approval",
        ["audience"] = audience,
        ["ids"] = ids,
        ["dueDate"] = due ?? DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["reminderDays"] = "7",
    };

    private async Task<string> CreateAsync(Dictionary<string, string> form)
    {
        var (status, page, _) = await _desk.PostAsync("/office/api/campaigns/iom", MemberToken, form);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Created.", page, StringComparison.Ordinal);
        return CampaignLink().Match(page).Groups[1].Value;
    }

    /// <summary>The campaign cards that reached one person's personal chat.</summary>
    private List<ConnectorCall> CardsTo(int i) => CardsIn($"a:personal-{i}");

    [Fact]
    public async Task A_campaign_reaches_each_person_once_and_an_acknowledgement_shows_in_progress_and_export()
    {
        foreach (var i in new[] { 1, 2, 3 })
            await InstallAsync(i);
        var id = await CreateAsync(Form());

        var (launched, page, _) = await _desk.PostAsync($"/office/api/campaigns/iom/{id}/launch", MemberToken);
        Assert.Equal(HttpStatusCode.OK, launched);
        Assert.Contains("Launched: 3 people queued", page, StringComparison.Ordinal);
        await WaitUntilAsync(() => new[] { 1, 2, 3 }.All(i => CardsTo(i).Count == 1));
        var card = CardsTo(2)[0].Card!.Value.GetRawText();
        Assert.Contains("Please read the Standards of Conduct and confirm.", card, StringComparison.Ordinal);
        Assert.Contains("https://www.iom.int/standards-of-conduct", card, StringComparison.Ordinal);
        Assert.Contains("Outside activities need approval", card, StringComparison.Ordinal);

        var ack = await _desk.InvokeCardAsync(CampaignCards.Verbs.Acknowledge, new { campaign = id }, Person(2), "a:personal-2");
        Assert.Equal(200, ack.GetProperty("statusCode").GetInt32());
        Assert.Contains("You acknowledged IN/15 rev.", ack.GetProperty("value").GetRawText(), StringComparison.Ordinal);

        var (_, progress, _) = await _desk.GetAsync($"/office/api/campaigns/iom/{id}", MemberToken);
        Assert.Equal("1", TestId(progress, "acknowledged"));
        Assert.Equal("2", TestId(progress, "pending"));
        Assert.Equal("3", TestId(progress, "sent"));
        var (csvStatus, csv, _) = await _desk.GetAsync($"/office/api/campaigns/iom/{id}/pending.csv", MemberToken);
        Assert.Equal(HttpStatusCode.OK, csvStatus);
        Assert.Contains(Person(1), csv, StringComparison.Ordinal);
        Assert.Contains(Person(3), csv, StringComparison.Ordinal);
        Assert.DoesNotContain(Person(2), csv, StringComparison.Ordinal);

        // Launched once only; the person who acknowledged is not asked again; a joiner gets the open campaign.
        Assert.Equal(HttpStatusCode.Conflict, (await _desk.PostAsync($"/office/api/campaigns/iom/{id}/launch", MemberToken)).Status);
        await InstallAsync(4);
        await WaitUntilAsync(() => CardsTo(4).Count == 1);
        await Task.Delay(500);
        Assert.Equal([1, 1, 1, 1], new[] { 1, 2, 3, 4 }.Select(i => CardsTo(i).Count));
    }

    [Fact]
    public async Task Nobody_acknowledges_through_a_campaign_not_sent_to_them_an_unknown_one_or_from_another_organisation()
    {
        await InstallAsync(1);
        var id = await CreateAsync(Form(audience: "list", ids: "objectId\n" + Person(1)));
        await _desk.PostAsync($"/office/api/campaigns/iom/{id}/launch", MemberToken);
        await WaitUntilAsync(() => CardsTo(1).Count == 1);

        var stranger = await _desk.InvokeCardAsync(CampaignCards.Verbs.Acknowledge, new { campaign = id }, Person(9), "a:personal-9");
        // The right person, the right campaign id, but from IMS's tenant: the id is looked up in IMS, where it is not.
        var otherOrganisation = await _desk.InvokeCardAsync(CampaignCards.Verbs.Acknowledge, new { campaign = id }, Person(1), "a:personal-1", tenant: "tenant-ims");
        var unknown = await _desk.InvokeCardAsync(CampaignCards.Verbs.Acknowledge, new { campaign = "no-such-campaign" }, Person(1), "a:personal-1");

        Assert.Equal(403, stranger.GetProperty("statusCode").GetInt32());
        Assert.Equal(403, unknown.GetProperty("statusCode").GetInt32());
        Assert.Equal(403, otherOrganisation.GetProperty("statusCode").GetInt32());
        var store = _desk.Bot.Services.GetRequiredService<ICampaignStore>();
        Assert.Empty(await store.AcknowledgementsAsync("iom", Person(9), default));
        Assert.Empty(await store.AcknowledgementsAsync("iom", Person(1), default));
        // The IMS office cannot see IOM's campaign.
        Assert.Equal(HttpStatusCode.Forbidden, (await _desk.GetAsync($"/office/api/campaigns/iom/{id}", _desk.Token(DeskHost.ImsMember))).Status);
    }

    [Fact]
    public async Task A_bad_campaign_form_is_refused_naming_each_field_and_keeps_what_was_typed()
    {
        var form = Form(audience: "list", ids: "objectId\nnot-an-id\n" + Person(1), due: "2020-01-01");
        form["codeLink"] = "http://insecure.example.org";
        form["reminderDays"] = "-5";

        var (status, page, _) = await _desk.PostAsync("/office/api/campaigns/iom", MemberToken, form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Link to the Code must be an https address", page, StringComparison.Ordinal);
        Assert.Contains("&#39;not-an-id&#39; do not hold one object id", page, StringComparison.Ordinal);
        Assert.Contains("Due date must be today or later.", page, StringComparison.Ordinal);
        Assert.Contains("Remind every must be a whole number of days", page, StringComparison.Ordinal);
        Assert.Contains("Please read the Standards of Conduct and confirm.", page, StringComparison.Ordinal);
        Assert.Empty(await _desk.Bot.Services.GetRequiredService<ICampaignStore>().ListAsync("iom", default));
    }

    [Fact]
    public async Task What_the_office_and_Teams_typed_is_shown_as_text_on_the_desk_never_as_markup()
    {
        _desk.Connector.Rosters["19:general@thread.tacv2"] = [Member(1)];
        await AddedToTeamAsync();
        var store = _desk.Bot.Services.GetRequiredService<ICampaignStore>();
        await WaitUntilAsync(() => store.ContactsAsync("iom", default).Result.Count == 1);
        var form = Form();
        form["title"] = "<script>alert(1)</script> sign-off";
        form["message"] = "<img src=x onerror=alert(2)>";
        var id = await CreateAsync(form);

        var (_, page, _) = await _desk.GetAsync($"/office/api/campaigns/iom/{id}", MemberToken);
        var (_, list, _) = await _desk.GetAsync("/office/api/campaigns", MemberToken);

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; sign-off", page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page + list, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page + list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_acknowledgements_lists_what_the_person_signed()
    {
        await InstallAsync(5);
        var id = await CreateAsync(Form());
        await _desk.PostAsync($"/office/api/campaigns/iom/{id}/launch", MemberToken);
        await WaitUntilAsync(() => CardsTo(5).Count == 1);
        await _desk.InvokeCardAsync(CampaignCards.Verbs.Acknowledge, new { campaign = id }, Person(5), "a:personal-5");

        using var response = await PostActivityAsync(Activities.Message(_desk.Connector.ServiceUrl, "My acknowledgements", conversation: "a:personal-5", aadObjectId: Person(5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitUntilAsync(() => Mine() is not null);
        Assert.Contains("IN/15 rev.", Mine()!.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("/conversations/a:personal-5/", Mine()!.Path, StringComparison.Ordinal);
    }

    private ConnectorCall? Mine() =>
        _desk.Connector.Calls.LastOrDefault(c => c.Card?.GetRawText().Contains("Your acknowledgements", StringComparison.Ordinal) == true);


    /// <summary>The bot (or <paramref name="member"/>) added to a team's General channel, as Teams says it.</summary>
    private async Task AddedToTeamAsync(int? member = null)
    {
        var activity = System.Text.Json.Nodes.JsonNode.Parse(Activities.MembersAdded(_desk.Connector.ServiceUrl, conversation: "19:general@thread.tacv2", conversationType: "channel"))!;
        activity["channelData"]!["team"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "19:general@thread.tacv2", ["name"] = "Field staff Beirut" };
        if (member is { } m)
            activity["membersAdded"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = $"29:member-{m}", ["aadObjectId"] = Person(m), ["name"] = $"Member {m}" });
        using var response = await PostActivityAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static object Member(int i) => new { id = $"29:member-{i}", name = $"Member {i}", aadObjectId = Person(i) };

    [Fact]
    public async Task A_campaign_to_a_teams_members_opens_the_chats_of_those_who_never_opened_the_app()
    {
        await InstallAsync(1); // Person 1 has the app and is in the team too
        _desk.Connector.Rosters["19:general@thread.tacv2"] = [Member(1), Member(2), Member(3)];
        await AddedToTeamAsync();
        var store = _desk.Bot.Services.GetRequiredService<ICampaignStore>();
        await WaitUntilAsync(() => store.ContactsAsync("iom", default).Result.Count(c => c.Teams.Count > 0) == 3);

        var (_, list, _) = await _desk.GetAsync("/office/api/campaigns", MemberToken);
        Assert.Contains("Field staff Beirut", list, StringComparison.Ordinal);
        var form = Form(audience: "teams");
        form["teams"] = "19:general@thread.tacv2";
        var id = await CreateAsync(form);
        var (_, launched, _) = await _desk.PostAsync($"/office/api/campaigns/iom/{id}/launch", MemberToken);
        Assert.Contains("Launched: 3 people queued", launched, StringComparison.Ordinal);

        await WaitUntilAsync(() => CardsTo(1).Count == 1 && CardsIn("a:opened-29:member-2").Count == 1 && CardsIn("a:opened-29:member-3").Count == 1);
        var opened = _desk.Connector.Calls.Where(c => c.Path == "/v3/conversations").ToList();
        Assert.Equal(2, opened.Count);
        Assert.All(opened, c => Assert.Equal("tenant-1", c.Body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString()));
        // A person who joins the team later gets the open campaign.
        await AddedToTeamAsync(member: 4);
        await WaitUntilAsync(() => CardsIn("a:opened-29:member-4").Count == 1);
        await _desk.InvokeCardAsync(CampaignCards.Verbs.Acknowledge, new { campaign = id }, Person(3), "a:opened-29:member-3");
        var (_, page, _) = await _desk.GetAsync($"/office/api/campaigns/iom/{id}", MemberToken);
        Assert.Contains("<td>Field staff Beirut</td><td>4</td><td>1</td><td>3</td>", page, StringComparison.Ordinal);
    }

    /// <summary>The campaign cards that reached one chat.</summary>
    private List<ConnectorCall> CardsIn(string conversation) => [.. _desk.Connector.Calls.Where(c => c.Type == "message" && c.Path.Contains($"/conversations/{conversation}/", StringComparison.Ordinal)
        && c.Card is { } card && card.GetRawText().Contains(CampaignCards.Verbs.Acknowledge, StringComparison.Ordinal))];

    private static string TestId(string html, string id) =>
        Regex.Match(html, $"data-testid=\"{id}\">([^<]*)<").Groups[1].Value;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the campaign's cards");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex("/office/api/campaigns/iom/([0-9a-f]{32})")]
    private static partial Regex CampaignLink();
}
