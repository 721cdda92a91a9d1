using System.Net;
using EthicsBot.Features.Office;
using EthicsBot.Tests.Desk;
using EthicsBot.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace EthicsBot.Tests;

/// <summary>A request that fails on our side: a 500 in our words, never the runtime's, on the desk and elsewhere.</summary>
public sealed class ServerErrorTests
{
    /// <summary>The office store of the host, except that reading the queue fails the way a storage outage would.</summary>
    public class FailingQueue : System.Reflection.DispatchProxy
    {
        public IOfficeStore Inner { get; set; } = null!;

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IOfficeStore.ItemsAsync)
                ? throw new InvalidOperationException("SQLite Error 11: database disk image is malformed at /srv/secret/ethicsbot.db")
                : targetMethod.Invoke(Inner, args);
    }

    [Fact]
    public async Task A_failure_on_our_side_is_a_500_in_our_words_with_no_runtime_detail()
    {
        await using var bot = new BotFactory(new()
        {
            ["Desk:DevMember"] = DeskHost.Member,
            ["Organizations:iom:EthicsOffice:Members:0"] = DeskHost.Member,
        }, services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IOfficeStore));
            services.AddSingleton(sp =>
            {
                var proxy = System.Reflection.DispatchProxy.Create<IOfficeStore, FailingQueue>();
                ((FailingQueue)(object)proxy).Inner = (IOfficeStore)original.ImplementationFactory!(sp);
                return proxy;
            });
        });
        using var client = bot.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/office/api/queue") { Headers = { { "X-Desk-Dev", "1" } } };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Something went wrong on our side", body, StringComparison.Ordinal);
        foreach (var leak in new[] { "SQLite", "malformed", "/srv/secret", "InvalidOperationException", "   at " })
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
    }

    /// <summary>Puts a failing step at the very end of the host's pipeline, where a request no endpoint takes arrives.</summary>
    private sealed class FailingLastStep : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            next(app);
            Microsoft.AspNetCore.Builder.RunExtensions.Run(app, _ => throw new InvalidOperationException("Connection string 'AccountKey=c2VjcmV0' rejected at /srv/secret"));
        };
    }

    [Fact]
    public async Task Outside_the_desk_too_a_failure_is_a_500_problem_in_our_words_even_in_development()
    {
        await using var bot = new BotFactory(services: services => services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, FailingLastStep>());
        using var client = bot.CreateClient();

        using var response = await client.GetAsync(new Uri("/not-an-endpoint", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(EthicsBot.Hosting.ErrorResponses.Detail, body, StringComparison.Ordinal);
        foreach (var leak in new[] { "AccountKey", "/srv/secret", "InvalidOperationException", "   at ", "stack" })
            Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
    }
}
