using System.Runtime.InteropServices;

namespace EthicsBot.Knowledge.Embeddings;

/// <summary>
/// Gives the native heap's free memory back to the system after a large encoding. What ONNX Runtime frees — the
/// regions its arena lets go when a long run shrinks it, or every tensor when the arena is off — goes back to glibc,
/// which keeps freed chunks below its (growing) mmap threshold in its heaps: with the arena off and no trim, a burst
/// of long messages left the process 600 MB larger for good (benchmarks/memory.sh). <c>malloc_trim(0)</c> returns
/// every free page. At most once per <see cref="MinInterval"/>; elsewhere than glibc on Linux it does nothing.
/// </summary>
internal static class NativeHeap
{
    /// <summary>The least time between two trims: a trim costs a walk of the heap, and a burst needs only one at its end.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private static long _lastTrim;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Trims, unless it was done less than <see cref="MinInterval"/> ago.</summary>
    public static void Trim()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastTrim);
        if (_unavailable || now - last < MinInterval.TotalMilliseconds || Interlocked.CompareExchange(ref _lastTrim, now, last) != last)
            return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // not glibc (musl, for one)
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code for nothing here: one size in, one int out
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
