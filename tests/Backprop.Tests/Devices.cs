using System.Diagnostics;

namespace Backprop.Tests;

/// <summary>Device nodes, FIFOs and small disks made inside a test's own folder, never the machine's /dev.</summary>
internal static class Devices
{
    /// <summary>
    /// Makes a node at <paramref name="path"/> with <c>mknod</c>: <paramref name="type"/> 'c' (character device),
    /// 'b' (block device) or 'p' (FIFO). Returns false where that is not allowed (not root, no mknod): the test then skips itself (Skip.IfNot) with the reason.
    /// </summary>
    public static bool TryMake(string path, char type, int major, int minor) =>
        type == 'p' ? Run("mknod", path, "p") : Run("mknod", path, type.ToString(), major.ToString(System.Globalization.CultureInfo.InvariantCulture), minor.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> kB on <paramref name="folder"/>; false where mounting is not allowed.</summary>
    public static bool TryMountSmallDisk(string folder, int kilobytes) =>
        OperatingSystem.IsLinux() && Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", folder);

    public static void Unmount(string folder) => Run("umount", folder);

    /// <summary>Runs a command; true if it exits 0.</summary>
    public static bool Run(string command, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
