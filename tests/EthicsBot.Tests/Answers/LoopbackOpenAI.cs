using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicsBot.Tests.Teams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EthicsBot.Tests.Answers;

/// <summary>One request the bot sent to the chat completions stand-in.</summary>
public sealed record OpenAIRequest(string Method, string Path, string Query, string? ApiKey, string? Authorization, JsonNode Body)
{
    public JsonArray Messages => Body["messages"]!.AsArray();

    /// <summary>The user message's JSON: {"question", "clauses": [{"id","title","text"}]}.</summary>
    public JsonNode UserInput => JsonNode.Parse((string)Messages.Single(m => (string?)m!["role"] == "user")!["content"]!)!;
}

/// <summary>
/// A loopback HTTP server that speaks the Azure OpenAI chat completions API
/// (<c>POST /openai/deployments/{deployment}/chat/completions?api-version=…</c>): it records every request and answers
/// with a queued reply, a status (429, 500), a delay, a hold until the test releases it, or by default a valid grounded answer citing the first clause.
/// </summary>
public sealed class LoopbackOpenAI : IAsyncDisposable
{
    private readonly ConcurrentQueue<OpenAIRequest> _requests = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _next = new();
    private WebApplication _app = null!;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<OpenAIRequest> Requests => [.. _requests];

    public static async Task<LoopbackOpenAI> StartAsync()
    {
        var server = new LoopbackOpenAI();
        server._app = await Loopback.StartAsync(app => app.Run(server.HandleAsync));
        server.Endpoint = server._app.Urls.First() + "/";
        return server;
    }

    /// <summary>The next request gets this assistant message content.</summary>
    public void Reply(string content) => _next.Enqueue(context => Completion(context, content));

    /// <summary>The next request gets this HTTP status and an error body.</summary>
    public void Fail(int status) => _next.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        if (status == 429)
            context.Response.Headers.RetryAfter = "20";
        await context.Response.WriteAsJsonAsync(new { error = new { code = status.ToString(System.Globalization.CultureInfo.InvariantCulture), message = "stand-in failure" } });
    });

    /// <summary>The next request is answered (validly) only after this delay.</summary>
    public void Delay(TimeSpan delay) => _next.Enqueue(async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Completion(context, Grounded(context));
    });

    /// <summary>The next request is answered (validly) only once <paramref name="release"/> has completed (a model that is slow until the test says).</summary>
    public void Hold(Task release) => _next.Enqueue(async context =>
    {
        try
        {
            await release.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Completion(context, Grounded(context));
    });

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        _requests.Enqueue(new OpenAIRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
            context.Request.Headers["api-key"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(), body!));
        context.Items["body"] = body;
        if (_next.TryDequeue(out var next))
            await next(context);
        else
            await Completion(context, Grounded(context));
    }

    /// <summary>A valid answer built from the request: it cites the first clause it was given.</summary>
    private static string Grounded(HttpContext context)
    {
        var body = (JsonNode)context.Items["body"]!;
        var user = JsonNode.Parse((string)body["messages"]!.AsArray().Single(m => (string?)m!["role"] == "user")!["content"]!)!;
        var id = (string)user["clauses"]![0]!["id"]!;
        return JsonSerializer.Serialize(new
        {
            answer = $"You may keep a minor gift of nominal value if you disclose it promptly to the head of administration [{id}].",
            verdict = "needs_approval",
            approver = "the head of administration at the duty station",
            citations = new[] { id },
            answered = true,
        });
    }

    private static Task Completion(HttpContext context, string content) => context.Response.WriteAsJsonAsync(new
    {
        id = "chatcmpl-loopback",
        @object = "chat.completion",
        created = 1763900000,
        model = "gpt-4o-mini",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 100, completion_tokens = 40, total_tokens = 140 },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
