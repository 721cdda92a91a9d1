using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EthicsBot.Tests.Teams;

/// <summary>The real bot in process, with its data in a temporary folder and every log line captured.</summary>
public sealed class BotFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public BotFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        DataFolder = Directory.CreateTempSubdirectory("ethicsbot-host-").FullName;
        _settings = new Dictionary<string, string?>(settings ?? []);
        // Its own file unless the test gives one (two instances sharing a store).
        _settings.TryAdd("Storage:SqlitePath", Path.Combine(DataFolder, "ethicsbot.db"));
        // The language banks are built when a test first asks in a language, not by every test host at start (seconds
        // of CPU each, which made timing tests race on a 2-core machine).
        _settings.TryAdd("Search:Languages:WarmAtStart", "false");
    }

    public string DataFolder { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>
    /// Runs <paramref name="use"/> (which starts the bot) expecting a setting to stop the bot, and returns the
    /// <see cref="OptionsValidationException"/>'s message. WebApplicationFactory sometimes reports such a failed start
    /// as its own service provider being disposed (a race in Mvc.Testing's deferred host, about 1 run in 15 here); the
    /// host has logged the real exception by then ("Hosting failed to start"), so the message is taken from that line.
    /// </summary>
    public string StartRefusal(Action use)
    {
        var e = Assert.ThrowsAny<Exception>(use);
        if ((e as OptionsValidationException ?? e.InnerException as OptionsValidationException) is { } validation)
            return validation.Message;
        Assert.IsType<ObjectDisposedException>(e);
        return Assert.Single(Logs.Lines, l => l.Contains("Hosting failed to start", StringComparison.Ordinal) && l.Contains(nameof(OptionsValidationException), StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        if (_services is not null)
            builder.ConfigureTestServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TempFolders.Delete(DataFolder); // the host's last writes may land a moment after it stops
    }
}
