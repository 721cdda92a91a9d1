using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace EthicsBot.Tests.Teams;

/// <summary>A real HTTP server on 127.0.0.1 with a free port, for stand-ins of the services the bot calls.</summary>
internal static class Loopback
{
    public static async Task<WebApplication> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return app;
    }
}
