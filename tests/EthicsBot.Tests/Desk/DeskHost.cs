using System.Net;
using System.Security.Cryptography;
using EthicsBot.Features.Disclosures;
using EthicsBot.Features.Office;
using EthicsBot.Teams.Protocol;
using EthicsBot.Tests.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EthicsBot.Tests.Desk;

/// <summary>
/// The bot with its desk signing in with Entra tokens, as in Teams: a loopback OpenID metadata server publishes the
/// tenant's test key, tokens are signed with it (or forged with another), the loopback connector receives what the
/// bot sends to askers and disclosers. Seeds a queued question, disclosures and a FAQ entry.
/// </summary>
public sealed class DeskHost : IAsyncDisposable
{
    public const string Tenant = "99999999-8888-7777-6666-555555555555";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string Audience = $"api://desk.example.org/{ClientId}";
    public const string Member = "aaaaaaaa-0000-0000-0000-00000000000a";
    public const string ImsMember = "bbbbbbbb-0000-0000-0000-00000000000b";
    public const string Stranger = "cccccccc-0000-0000-0000-00000000000c";
    public const string Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "tenant-key" };
    private readonly RsaSecurityKey _forger = new(RSA.Create(2048)) { KeyId = "tenant-key" };
    private WebApplication _metadata = null!;

    public LoopbackConnector Connector { get; private set; } = null!;
    public BotFactory Bot { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string MetadataUrl { get; private set; } = "";

    public static async Task<DeskHost> StartAsync(Func<string, Dictionary<string, string?>>? extra = null)
    {
        var host = new DeskHost();
        host._metadata = await Loopback.StartAsync(app =>
        {
            app.MapGet($"/{Tenant}/v2.0/.well-known/openid-configuration", () => Results.Json(new { issuer = Issuer, jwks_uri = $"{host.MetadataUrl}/{Tenant}/keys" }));
            app.MapGet($"/{Tenant}/keys", () => Results.Json(new { keys = new[] { Jwk(host._key) } }));
        });
        host.MetadataUrl = host._metadata.Urls.First();
        host.Connector = await LoopbackConnector.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Desk:Audience"] = Audience,
            ["Desk:ClientId"] = ClientId,
            ["Desk:TenantId"] = Tenant,
            ["Desk:MetadataUrl"] = host.MetadataUrl + "/{tenant}/v2.0/.well-known/openid-configuration",
            ["Organizations:iom:EthicsOffice:Members:0"] = Member,
            ["Organizations:iom:EthicsOffice:Members:1"] = "dddddddd-0000-0000-0000-00000000000d",
            ["Organizations:iom:EthicsOffice:MemberNames:dddddddd-0000-0000-0000-00000000000d"] = "Kofi Colleague",
            ["Organizations:ims:EthicsOffice:Members:0"] = ImsMember,
        };
        foreach (var (k, v) in extra?.Invoke(host.Connector.ServiceUrl) ?? [])
            settings[k] = v;
        host.Bot = new BotFactory(settings);
        host.Client = host.Bot.CreateClient();
        return host;
    }

    private static object Jwk(RsaSecurityKey key)
    {
        var p = key.Rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", kid = key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) };
    }

    /// <summary>The client id of Teams desktop and mobile: the app that gets the tab's SSO token in Teams.</summary>
    public const string TeamsClient = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

    /// <summary>
    /// A Teams SSO token (Entra v2 access token) for the desk, as getAuthToken returns it: the tab's scope, got by Teams.
    /// <paramref name="claims"/> replaces claims (or, with a null value, removes them).
    /// </summary>
    public string Token(string oid, string name = "Olu Office", bool forged = false, string audience = Audience, string issuer = Issuer, DateTime? expires = null,
        Dictionary<string, object?>? claims = null)
    {
        var all = new Dictionary<string, object?> { ["oid"] = oid, ["tid"] = Tenant, ["name"] = name, ["scp"] = "access_as_user", ["azp"] = TeamsClient, ["ver"] = "2.0" };
        foreach (var (key, value) in claims ?? [])
            all[key] = value;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = DateTime.UtcNow.AddMinutes(-10),
            IssuedAt = DateTime.UtcNow.AddMinutes(-10),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(50),
            Claims = all.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!),
            SigningCredentials = new SigningCredentials(forged ? _forger : _key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A v1 access token for the desk (issuer sts.windows.net, the Application ID URI as audience), got by <paramref name="appid"/>.</summary>
    public string V1Token(string oid, string appid, string scp = "access_as_user") =>
        Token(oid, issuer: $"https://sts.windows.net/{Tenant}/", claims: new() { ["ver"] = "1.0", ["azp"] = null, ["appid"] = appid, ["scp"] = scp });

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? token, Dictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (form is not null)
            request.Content = new FormUrlEncodedContent(form);
        var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>A request with exactly this body (or none), whatever its shape.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendContentAsync(HttpMethod method, string path, string? token, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    public Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(string path, string? token, Dictionary<string, string>? form = null) =>
        SendAsync(HttpMethod.Post, path, token, form ?? []);

    /// <summary>A person presses a card button in their chat (an Adaptive Card invoke); the invoke's response body.</summary>
    public async Task<System.Text.Json.JsonElement> InvokeCardAsync(string verb, object data, string aadObjectId, string conversation, string tenant = "tenant-1")
    {
        using var response = await Client.PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(Activities.CardAction(Connector.ServiceUrl, verb, data, aadObjectId: aadObjectId, conversation: conversation, tenant: tenant), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    public ConversationReference Chat(string conversation, string user) => new()
    {
        ServiceUrl = Connector.ServiceUrl,
        ChannelId = "msteams",
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal", TenantId = "tenant-1" },
        User = new ChannelAccount { Id = "29:" + user, AadObjectId = user },
        Bot = new ChannelAccount { Id = "28:ethicsbot" },
    };

    /// <summary>A question in the queue of <paramref name="organization"/>, asked from conversation <paramref name="conversation"/>.</summary>
    public async Task<string> QueueAsync(string question, string conversation = "a:asker-chat", string organization = "iom", DateTimeOffset? at = null)
    {
        var id = Guid.NewGuid().ToString("N");
        await Bot.Services.GetRequiredService<IOfficeStore>().QueueAsync(new ReviewItem
        {
            Id = id, Organization = organization, Question = question, Clauses = ["iom-5.49"], Asker = Chat(conversation, "asker-" + conversation),
            At = at ?? DateTimeOffset.UtcNow.AddDays(-3),
        }, default);
        return id;
    }

    /// <summary>A gift declaration from <paramref name="giver"/>, disclosed from conversation <paramref name="conversation"/>.</summary>
    public async Task<Disclosure> DiscloseAsync(string giver, string conversation = "a:discloser-chat", string organization = "iom", DateTimeOffset? at = null, string form = "gift")
    {
        var id = Guid.NewGuid().ToString("N");
        return await Bot.Services.GetRequiredService<IDisclosureStore>().SubmitAsync(new Disclosure
        {
            Id = id, Organization = organization, FormId = form, FormTitle = form == "gift" ? "Declare a gift" : "Declare a conflict of interest",
            Noun = form == "gift" ? "gift declaration" : "conflict of interest declaration", ReferencePrefix = form == "gift" ? "GIFT" : "COI",
            Discloser = new Discloser("discloser-" + conversation, "Amina Staff", Chat(conversation, "discloser-" + conversation)),
            Answers = [new DisclosureAnswer("item", "What it was", "a hamper", "a hamper"), new DisclosureAnswer("source", "Who gave it", giver, giver)],
            Submitted = at ?? DateTimeOffset.UtcNow.AddDays(-1),
        }, default);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await _metadata.StopAsync();
        await _metadata.DisposeAsync();
    }
}
