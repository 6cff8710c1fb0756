using System.Runtime.InteropServices;

namespace Backprop.Grading;

/// <summary>
/// What can be done about a student's thread that did not finish: .NET cannot stop it, but on Linux it can be given the
/// lowest CPU priority (nice 19), so that an endless loop takes only the time no one else wants and the kernel, the
/// rest of the notebook and the machine's other programs keep their speed.
/// </summary>
internal static class StrayThreads
{
    private const int PriorityOfProcess = 0;  // PRIO_PROCESS: on Linux, given a thread id, it sets that thread's nice value
    private const int Lowest = 19;

    /// <summary>The calling thread's id in the operating system (Linux only), to lower it later; null elsewhere.</summary>
    public static int? CurrentId()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return GetThreadId();
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Gives thread <paramref name="id"/> the lowest priority; false when that could not be done.</summary>
    public static bool Lower(int? id)
    {
        if (id is not int thread)
        {
            return false;
        }

        try
        {
            return SetPriority(PriorityOfProcess, thread, Lowest) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: these signatures are blittable, and LibraryImport would need unsafe code in the project.
    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
