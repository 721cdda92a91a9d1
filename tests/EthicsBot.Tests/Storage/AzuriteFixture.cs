using Azure.Data.Tables;
using Azure.Storage.Queues;
using EthicsBot.Testing;

namespace EthicsBot.Tests.Storage;

/// <summary>
/// Azurite's table and queue services (npm, tests/e2e/package.json), started on free loopback ports for the test class
/// and stopped after it. A machine without node fails the tests that need it; nothing is skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;
    private string _workspace = "";

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        await NodeTools.EnsureInstalledAsync();
        _workspace = Directory.CreateTempSubdirectory("ethicsbot-azurite-").FullName;
        _azurite = await Task.Run(() => Azurite.Start(_workspace));
    }

    /// <summary>A client for a fresh set of tables (a new prefix), so tests do not see each other's rows.</summary>
    public TableServiceClient Client() => new(ConnectionString);

    /// <summary>A client for the queue service (a store's queue is named after its table prefix, so fresh with it).</summary>
    public QueueServiceClient QueueClient() => new(ConnectionString);

    public Task DisposeAsync()
    {
        _azurite?.Dispose();
        TempFolders.Delete(_workspace); // Azurite, just killed, may still be writing its files
        return Task.CompletedTask;
    }
}
