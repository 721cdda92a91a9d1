using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;

namespace EthicsBot.Tests.Storage;

/// <summary>
/// Azurite's table service (npm, tests/e2e/package.json), started on a free loopback port for the test class and
/// stopped after it. A machine without node fails the tests that need it; nothing is skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's published development account; not a secret (https://learn.microsoft.com/azure/storage/common/storage-use-azurite).
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private string _workspace = "";

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await NodeTools.EnsureInstalledAsync();
        var port = FreePort();
        _workspace = Directory.CreateTempSubdirectory("ethicsbot-azurite-").FullName;
        var start = NodeTools.StartInfo(Path.Combine(NodeTools.Folder, "node_modules", ".bin", "azurite-table"),
            ["--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--skipApiVersionCheck", "--disableTelemetry", "--disableProductStyleUrl", "--silent", "--location", _workspace]);
        _process = Process.Start(start) ?? throw new InvalidOperationException("azurite-table did not start");
        var printed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) printed.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) printed.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                if (!_process.HasExited)
                    _process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"Azurite did not start on port {port}: {string.Join("\n", printed)}");
            }
        }
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    /// <summary>A client for a fresh set of tables (a new prefix), so tests do not see each other's rows.</summary>
    public TableServiceClient Client() => new(ConnectionString);

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
            _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
