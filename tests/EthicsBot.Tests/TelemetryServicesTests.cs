using EthicsBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry.Trace;

namespace EthicsBot.Tests;

/// <summary>What telemetry is registered: nothing by default (tests, load runs), the console exporter when asked.</summary>
public sealed class TelemetryServicesTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public void The_bot_on_its_shipped_settings_registers_no_telemetry_so_nothing_listens()
    {
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void The_console_switch_registers_OpenTelemetry()
    {
        using var host = Build(new() { ["Telemetry:Console"] = "true" });

        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void A_console_switch_that_is_not_a_boolean_stops_the_start_naming_its_key()
    {
        var e = Assert.ThrowsAny<InvalidOperationException>(() => Build(new() { ["Telemetry:Console"] = "sometimes" }).Dispose());

        Assert.Contains("Telemetry:Console", e.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTelemetry();
        return builder.Build();
    }
}
