using System.Net;
using System.Text;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Office;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests.Desk;

/// <summary>
/// What the desk does with a form it cannot take: too large a body or value is 413, too many fields, no form or
/// another content type is 400 — on every POST route the app maps under /office, in our words, with nothing logged
/// as an error and nothing changed. The biggest form the page sends still goes through.
/// </summary>
public sealed class DeskFormTests : IAsyncLifetime
{
    private const string TooLarge = "The form is larger than the desk takes";
    private const string ValueTooLong = "A field is longer than the desk takes";
    private const string TooManyFields = "The form has more fields than any desk form";
    private const string NoForm = "The desk expected a form";
    private const string WrongType = "The desk takes a form only as its page sends it";

    private static readonly byte[] ThirtyFiveMegabytes = Encoding.ASCII.GetBytes("answer=" + new string('x', 35 * 1024 * 1024));

    private DeskHost _desk = null!;
    private string _item = "";
    private string _disclosure = "";

    public async Task InitializeAsync()
    {
        _desk = await DeskHost.StartAsync();
        _item = await _desk.QueueAsync("May I keep a calendar from a supplier?");
        _disclosure = (await _desk.DiscloseAsync("Acme Logistics")).Id;
        await _desk.Bot.Services.GetRequiredService<IOfficeStore>().SaveFaqAsync(new FaqEntry { Id = "faq-1", Organization = "iom", Question = "Can I keep a pen?", Answer = "Yes.", Updated = DateTimeOffset.UtcNow }, default);
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    /// <summary>
    /// Every POST route the app maps under /office, read from its endpoint data source (so a route added later is
    /// tested too), with its parameters filled in: an item, a disclosure or an entry that exists.
    /// </summary>
    private List<string> PostRoutes()
    {
        var routes = _desk.Bot.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/office", StringComparison.OrdinalIgnoreCase) == true
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        Assert.Contains("/office/api/queue/{org}/{id}/{action}", routes);
        Assert.Contains("/office/api/register/{org}/{id}/decide", routes);
        return [.. routes.Select(route =>
        {
            var id = route.Contains("/register/", StringComparison.Ordinal) ? _disclosure : route.Contains("/faq/", StringComparison.Ordinal) && !route.EndsWith("/publish", StringComparison.Ordinal) ? "faq-1" : _item;
            var action = route.Contains("/faq/", StringComparison.Ordinal) ? "edit" : "answer";
            var path = route.Replace("{org}", "iom", StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal).Replace("{action}", action, StringComparison.Ordinal);
            Assert.DoesNotContain("{", path, StringComparison.Ordinal); // a new route parameter: fill it in above
            return path;
        })];
    }

    private static HttpContent Form(string body) => new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    /// <summary>The shapes the desk refuses, each with the status and the words it answers with.</summary>
    private static IEnumerable<(string Shape, Func<HttpContent?> Content, HttpStatusCode Status, string Words)> BadShapes() =>
    [
        ("a 5 MB value", () => Form("answer=" + new string('x', 5 * 1024 * 1024)), HttpStatusCode.RequestEntityTooLarge, TooLarge),
        ("a 35 MB body", () => new ByteArrayContent(ThirtyFiveMegabytes) { Headers = { ContentType = new("application/x-www-form-urlencoded") } }, HttpStatusCode.RequestEntityTooLarge, TooLarge),
        ("a 35 MB body of no stated length", () => new StreamContent(new UnknownLength(ThirtyFiveMegabytes)) { Headers = { ContentType = new("application/x-www-form-urlencoded") } }, HttpStatusCode.RequestEntityTooLarge, TooLarge),
        ("a value of 10,000 characters in a small body", () => Form("question=Q&answer=" + new string('x', 10_000)), HttpStatusCode.RequestEntityTooLarge, ValueTooLong),
        ("5,000 fields", () => Form(string.Join('&', Enumerable.Range(0, 5000).Select(i => $"k{i}=1"))), HttpStatusCode.BadRequest, TooManyFields),
        ("no form body", () => null, HttpStatusCode.BadRequest, NoForm),
        ("an empty body with no content type", () => new ByteArrayContent([]), HttpStatusCode.BadRequest, NoForm),
        ("JSON", () => new StringContent("{\"answer\":\"x\"}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, WrongType),
        ("plain text", () => new StringContent("answer=x", Encoding.UTF8, "text/plain"), HttpStatusCode.BadRequest, WrongType),
        ("a multipart form", () => new MultipartFormDataContent { { new StringContent("x"), "answer" } }, HttpStatusCode.BadRequest, WrongType),
    ];

    [Fact]
    public async Task Every_POST_route_refuses_each_bad_shape_in_our_words_and_nothing_is_done()
    {
        var failures = new List<string>();
        foreach (var path in PostRoutes())
            foreach (var (shape, content, expected, words) in BadShapes())
            {
                var (status, body, response) = await _desk.SendContentAsync(HttpMethod.Post, path, _desk.Token(DeskHost.Member), content());
                if (status != expected || !body.Contains(words, StringComparison.Ordinal) || !body.Contains("Nothing was changed", StringComparison.Ordinal)
                    || response.Content.Headers.ContentType?.MediaType != "text/html")
                    failures.Add($"POST {path} with {shape}: {(int)status} {body[..Math.Min(body.Length, 160)]}");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Nothing logged as a failure, no stack trace; nothing done.
        Assert.DoesNotContain(_desk.Bot.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
        Assert.Contains(_desk.Bot.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Refused a desk form", StringComparison.Ordinal));
        Assert.Equal(ReviewStatus.Open, (await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetItemAsync("iom", _item, default))!.Status);
        Assert.Equal("Yes.", (await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetFaqAsync("iom", "faq-1", default))!.Answer);
        Assert.Empty(_desk.Connector.Calls);
    }

    [Fact]
    public async Task The_biggest_forms_the_page_sends_go_through_in_any_script()
    {
        // '€' is three bytes of UTF-8, nine once percent-encoded: the most a character costs in a form body.
        var answer = string.Concat(Enumerable.Repeat("€", ReviewDesk.MaxAnswerLength));
        var (answered, body, _) = await _desk.PostAsync($"/office/api/queue/iom/{_item}/answer", _desk.Token(DeskHost.Member), new() { ["answer"] = answer, ["clauses"] = "iom-5.49" });
        Assert.True(answered == HttpStatusCode.OK, body);

        var question = string.Concat(Enumerable.Repeat("€", ReviewDesk.MaxQuestionLength));
        var (published, page, _) = await _desk.PostAsync($"/office/api/faq/iom/{_item}/publish", _desk.Token(DeskHost.Member),
            new() { ["question"] = question, ["answer"] = answer, ["clauses"] = "iom-5.49" });
        Assert.True(published == HttpStatusCode.OK, page);
        Assert.Equal(answer, (await _desk.Bot.Services.GetRequiredService<IOfficeStore>().GetFaqAsync("iom", _item, default))!.Answer);

        // A field past its own rule, but within the form's limit, gets the field's own answer.
        var (tooLong, refusal, _) = await _desk.PostAsync("/office/api/faq/iom/faq-1/edit", _desk.Token(DeskHost.Member),
            new() { ["question"] = "Can I keep a pen?", ["answer"] = new string('x', ReviewDesk.MaxAnswerLength + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Contains($"The answer must be 1 to {ReviewDesk.MaxAnswerLength} characters.", refusal, StringComparison.Ordinal);
    }

    /// <summary>A body whose length HttpClient cannot know, so it is sent without Content-Length.</summary>
    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
