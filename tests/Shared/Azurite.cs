using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EthicsBot.Testing;

/// <summary>
/// Azurite's table service from tests/e2e (installed by ./test.sh), on a free loopback port, with its data in a given
/// folder; stopped when disposed. One file, linked into the tests (AzuriteFixture) and the benchmarks (the desk's run on
/// Table Storage), as RepositoryRoot is.
/// </summary>
internal sealed class Azurite : IDisposable
{
    // Azurite's published development account; not a secret (https://learn.microsoft.com/azure/storage/common/storage-use-azurite).
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private Azurite(Process process, int port)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static Azurite Start(string folder)
    {
        var repo = RepositoryRoot.Path;
        var program = Path.Combine(repo, "tests", "e2e", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(program))
            throw new InvalidOperationException($"{program} is missing: run ./test.sh once (it installs tests/e2e's node tools).");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture), "--skipApiVersionCheck",
                     "--disableTelemetry", "--disableProductStyleUrl", "--silent", "--location", folder })
            start.ArgumentList.Add(argument);
        var node = Path.Combine(repo, "tests", "node-runtime", "node_modules", ".bin");
        if (Directory.Exists(node))
            start.Environment["PATH"] = node + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var process = Process.Start(start) ?? throw new InvalidOperationException("azurite-table did not start");
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
                return new Azurite(process, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            catch (SocketException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"Azurite did not start on port {port}: {string.Join("\n", printed)}");
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
