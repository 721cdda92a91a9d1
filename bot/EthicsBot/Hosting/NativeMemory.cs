using System.Runtime.InteropServices;

namespace EthicsBot.Hosting;

/// <summary>
/// glibc gives each thread that allocates under contention an arena of its own (up to eight per core), and ONNX Runtime's
/// and SQLite's native allocations spread over them; each keeps its peak. Two arenas are enough for this process:
/// benchmarks/load.sh measured the peak RSS at 200 conversations 396 → 345 MB (the same as MALLOC_ARENA_MAX=2). Called
/// first thing, before the threads that allocate start; elsewhere than glibc on Linux it does nothing.
/// </summary>
internal static class NativeMemory
{
    private const int ArenaMax = -8; // M_ARENA_MAX in malloc.h

    public static void LimitArenas(int arenas = 2)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
            return;
        try
        {
            _ = MallOpt(ArenaMax, arenas);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, for one): nothing to limit.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code for nothing here: two ints in, one out
    private static extern int MallOpt(int parameter, int value);
#pragma warning restore SYSLIB1054
}
