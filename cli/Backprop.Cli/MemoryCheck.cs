using System.Globalization;

namespace Backprop.Cli;

/// <summary>
/// Refuses, before anything is allocated, a run that needs more memory than this process can have: without it the
/// system's out-of-memory killer ends the run (SIGKILL, exit 137) with no message.
/// </summary>
internal static class MemoryCheck
{
    /// <summary>
    /// How many times the bytes of X and y a run holds at its peak. Measured with the .NET build (GNU time's maximum
    /// resident size, 1 epoch, 10,000,000 samples): 348 MB for 160 MB of X and y with --layers 1,1, 660 MB for 320 MB
    /// with 3,2,2,1. The drawn matrices, and the training engine's copy of them.
    /// </summary>
    private const int DataCopies = 2;

    /// <summary>
    /// Bytes this process can still allocate: the smaller of the GC's limit (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>:
    /// the machine's memory, a container's cgroup limit or <c>DOTNET_GCHeapHardLimit</c>) less what is in use, and,
    /// where Linux says, the memory free on the machine (<c>MemAvailable</c>).
    /// </summary>
    public static long Available()
    {
        var info = GC.GetGCMemoryInfo();
        var available = info.TotalAvailableMemoryBytes - GC.GetTotalMemory(forceFullCollection: false);
        return MachineAvailable() is long machine ? Math.Min(available, machine) : available;
    }

    /// <summary>
    /// Refuses random data of <paramref name="samples"/> rows for <paramref name="layers"/> that cannot fit in
    /// <paramref name="available"/> bytes. The list of losses is left out: it grows by one number per epoch while the
    /// run goes on, so a run of 2147483647 epochs starts at once (and can be stopped); if it outgrows the memory, the
    /// program says so then (<see cref="App.NotEnoughMemory"/>).
    /// </summary>
    /// <exception cref="InvalidInputException">It does not fit: the README's "Not enough memory" line.</exception>
    public static void RequireRoom(long samples, IReadOnlyList<int> layers, long available)
    {
        var weights = Enumerable.Range(0, layers.Count - 1).Sum(i => ((long)layers[i] + 1) * layers[i + 1]) * sizeof(double);
        var data = DataCopies * samples * (layers[0] + layers[^1]) * sizeof(double);
        if (weights + data > available)
        {
            throw new InvalidInputException(
                $"Not enough memory for this network and data ({samples} samples need about {Size(weights + data)}, {Size(available)} free): use fewer --samples or smaller --layers.");
        }
    }

    private static string Size(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB");

    /// <summary>Linux's estimate of the memory that can be given out without swapping (<c>MemAvailable</c> in /proc/meminfo), or null.</summary>
    private static long? MachineAvailable()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
