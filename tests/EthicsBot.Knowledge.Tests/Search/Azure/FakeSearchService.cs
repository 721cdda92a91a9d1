using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Search.Documents;
using EthicsBot.Knowledge.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Knowledge.Tests.Search.Azure;

/// <summary>
/// A loopback stand-in for the Azure AI Search REST API: it records every request the SDK sends, refuses a wrong
/// api-key, stores uploaded documents, and answers searches in the service's response shape. Its ranking is a plain
/// count of shared stems: enough for the contract (filtering, order, size), not a model of the service's ranking.
/// </summary>
public sealed partial class FakeSearchService : IAsyncDisposable
{
    public const string ApiKey = "test-admin-key";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _documents = new();

    public sealed record Recorded(string Method, string Path, string Query, string? ApiKeyHeader, JsonNode? Body);

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    // The SDK speaks only https, so the stand-in does too, with a certificate made for this run and trusted only by
    // the clients of this run (see ClientOptions).
    private readonly X509Certificate2 _certificate = SelfSignedCertificate();

    private FakeSearchService()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(_certificate)));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>SDK options that trust this service's certificate (and no other) and do not retry.</summary>
    public SearchClientOptions ClientOptions()
    {
        var thumbprint = _certificate.Thumbprint;
#pragma warning disable CA2000 // the transport owns the handler and the client for the SDK client's lifetime
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint };
        return new SearchClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(handler)),
            Retry = { MaxRetries = 0, Mode = RetryMode.Fixed },
        };
#pragma warning restore CA2000
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public static async Task<FakeSearchService> StartAsync()
    {
        var service = new FakeSearchService();
        await service._app.StartAsync();
        var address = service._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Endpoint = new Uri(address);
        return service;
    }

    public IReadOnlyCollection<JsonObject> Documents => _documents.Values.ToList();

    [GeneratedRegex(@"^organization eq '((?:[^']|'')*)'$")]
    private static partial Regex OrganizationFilter();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        JsonNode? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            body = await JsonNode.ParseAsync(request.Body);
        Requests.Enqueue(new Recorded(request.Method, Uri.UnescapeDataString(request.Path.Value ?? ""), request.QueryString.Value ?? "", request.Headers["api-key"].FirstOrDefault(), body));

        if (request.Headers["api-key"] != ApiKey)
        {
            await Reply(context, 403, new JsonObject { ["error"] = new JsonObject { ["code"] = "Forbidden", ["message"] = "Bad api-key." } });
            return;
        }
        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        switch (request.Method, path)
        {
            case ("PUT", var p) when p.StartsWith("/synonymmaps('", StringComparison.Ordinal):
            case ("PUT", var q) when q.StartsWith("/indexes('", StringComparison.Ordinal) && !q.Contains("/docs", StringComparison.Ordinal):
                await Reply(context, 201, body!.DeepClone());
                return;
            case ("POST", var p) when p.EndsWith("/docs/search.index", StringComparison.Ordinal):
                await Reply(context, 200, Index(body!));
                return;
            case ("POST", var p) when p.EndsWith("/docs/search.post.search", StringComparison.Ordinal):
                await Search(context, body!);
                return;
            default:
                await Reply(context, 404, new JsonObject { ["error"] = new JsonObject { ["code"] = "NotFound", ["message"] = $"{request.Method} {path}" } });
                return;
        }
    }

    private JsonObject Index(JsonNode body)
    {
        var results = new JsonArray();
        foreach (var action in body["value"]!.AsArray())
        {
            var document = action!.AsObject().DeepClone().AsObject();
            var kind = document["@search.action"]!.GetValue<string>();
            document.Remove("@search.action");
            var key = document["key"]!.GetValue<string>();
            if (kind == "delete")
                _documents.TryRemove(key, out _);
            else
                _documents[key] = document;
            results.Add(new JsonObject { ["key"] = key, ["status"] = true, ["errorMessage"] = null, ["statusCode"] = kind == "delete" ? 200 : 201 });
        }
        return new JsonObject { ["value"] = results };
    }

    private async Task Search(HttpContext context, JsonNode body)
    {
        IEnumerable<JsonObject> candidates = _documents.Values;
        if (body["filter"]?.GetValue<string>() is { } filter)
        {
            var match = OrganizationFilter().Match(filter);
            if (!match.Success)
            {
                await Reply(context, 400, new JsonObject { ["error"] = new JsonObject { ["code"] = "InvalidRequestParameter", ["message"] = "Invalid expression: " + filter } });
                return;
            }
            var organization = match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
            candidates = candidates.Where(d => d["organization"]!.GetValue<string>() == organization);
        }
        var search = body["search"]?.GetValue<string>() ?? "*";
        var terms = search == "*" ? [] : TextAnalysis.Terms(search).ToHashSet();
        var top = body["top"]?.GetValue<int>() ?? 50;
        var scored = candidates
            .Select(d => (d, score: search == "*" ? 1.0 : TextAnalysis.Terms(d["title"] + " " + d["text"]).Count(terms.Contains)))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score).ThenBy(x => x.d["order"]!.GetValue<int>())
            .Take(top)
            .Select(x =>
            {
                var result = x.d.DeepClone().AsObject();
                result["@search.score"] = x.score;
                return (JsonNode)result;
            });
        await Reply(context, 200, new JsonObject { ["value"] = new JsonArray(scored.ToArray()) });
    }

    private static async Task Reply(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=minimal";
        await context.Response.WriteAsync(body?.ToJsonString() ?? "{}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
