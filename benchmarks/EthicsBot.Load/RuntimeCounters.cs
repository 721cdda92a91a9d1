using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

/// <summary>
/// The bot's runtime counters (System.Runtime: gc-heap-size, gc-committed, working-set, …), read over EventPipe once a
/// second, as dotnet-counters reads them: the latest value of each.
/// </summary>
internal sealed class RuntimeCounters : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private readonly ConcurrentDictionary<string, double> _values = new(StringComparer.Ordinal);

    private RuntimeCounters(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Dynamic.All += OnEvent;
        _reading = Task.Run(() => _source.Process());
    }

    public static RuntimeCounters Start(int pid)
    {
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        return new RuntimeCounters(new DiagnosticsClient(pid).StartEventPipeSession(provider, requestRundown: false));
    }

    /// <summary>The counter's latest value (MB for the memory counters), NaN before the first.</summary>
    public double Get(string name) => _values.TryGetValue(name, out var value) ? value : double.NaN;

    private void OnEvent(TraceEvent e)
    {
        if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
            || outer.TryGetValue("Payload", out var inner) != true || inner is not IDictionary<string, object> payload)
            return;
        if (payload.TryGetValue("Name", out var name) && (payload.TryGetValue("Mean", out var value) || payload.TryGetValue("Increment", out value)))
            _values[(string)name] = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException)
        {
            // The bot is gone already: nothing to stop.
        }
        _reading.Wait(TimeSpan.FromSeconds(5));
        _source.Dispose();
        _session.Dispose();
    }
}
