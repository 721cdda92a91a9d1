using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EthicsBot.Testing;

/// <summary>
/// Azurite's table and queue services from tests/e2e (installed by ./test.sh), each on a free loopback port, with their
/// data in a given folder; stopped when disposed. The connection string names both endpoints, so one string serves the
/// Table stores and the campaigns' delivery queue (TableCampaignStore). One file, linked into the tests
/// (AzuriteFixture) and the benchmarks (the desk's run on Table Storage), as RepositoryRoot is.
/// </summary>
internal sealed class Azurite : IDisposable
{
    // Azurite's published development account; not a secret (https://learn.microsoft.com/azure/storage/common/storage-use-azurite).
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process[] _processes;

    private Azurite(Process[] processes, int tablePort, int queuePort)
    {
        _processes = processes;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};"
            + $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static Azurite Start(string folder)
    {
        var (table, tablePort) = Launch("table", folder);
        try
        {
            var (queue, queuePort) = Launch("queue", folder);
            return new Azurite([table, queue], tablePort, queuePort);
        }
        catch
        {
            table.Kill(entireProcessTree: true);
            table.Dispose();
            throw;
        }
    }

    /// <summary>Starts azurite-table or azurite-queue on a free loopback port and waits until it listens.</summary>
    private static (Process Process, int Port) Launch(string service, string folder)
    {
        var repo = RepositoryRoot.Path;
        var program = Path.Combine(repo, "tests", "e2e", "node_modules", ".bin", "azurite-" + service);
        if (!File.Exists(program))
            throw new InvalidOperationException($"{program} is missing: run ./test.sh once (it installs tests/e2e's node tools).");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(CultureInfo.InvariantCulture), "--skipApiVersionCheck",
                     "--disableTelemetry", "--disableProductStyleUrl", "--silent", "--location", folder })
            start.ArgumentList.Add(argument);
        var node = Path.Combine(repo, "tests", "node-runtime", "node_modules", ".bin");
        if (Directory.Exists(node))
            start.Environment["PATH"] = node + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"azurite-{service} did not start");
        var printed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) printed.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) printed.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; Thread.Sleep(100))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return (process, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            catch (SocketException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"Azurite's {service} service did not start on port {port}: {string.Join("\n", printed)}");
            }
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
