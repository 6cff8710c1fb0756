using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Backprop.Files;

/// <summary>What a path is on disk, following symbolic links: what .NET's file APIs do not tell.</summary>
internal enum FileKind
{
    /// <summary>Nothing is there (or it cannot be looked at).</summary>
    Missing,

    /// <summary>A plain file.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A device, a FIFO, a socket: something that is not a file to replace.</summary>
    Special,

    /// <summary>A block device (a disk): never written to.</summary>
    Disk,
}

/// <summary>
/// What <c>stat</c> says about a path, following symbolic links: its kind, its identity (device and inode), how
/// many hard links it has and who owns it. On Linux it asks the system (<c>statx</c>); elsewhere it knows only the
/// kind, and the identity, links and owner are 0.
/// </summary>
internal sealed record FileStatus(FileKind Kind, ulong Device, ulong Inode, uint LinkCount, uint OwnerId, uint GroupId, UnixFileMode Mode)
{
    private const int CurrentFolder = -100;     // AT_FDCWD
    private const uint BasicStatistics = 0x7ff; // STATX_BASIC_STATS
    private const int WriteAccess = 2;          // W_OK

    /// <summary>The status of <paramref name="path"/>, or <see cref="FileKind.Missing"/> if there is nothing there.</summary>
    public static FileStatus Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var kind = Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
            return new FileStatus(kind, 0, 0, 0, 0, 0, 0);
        }

        // struct statx is laid out the same on every Linux architecture.
        var buffer = new byte[256];
        if (statx(CurrentFolder, path, 0, BasicStatistics, buffer) != 0)
        {
            return new FileStatus(FileKind.Missing, 0, 0, 0, 0, 0, 0);
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        return new FileStatus(
            KindOf(mode),
            Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140)),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32)),
            LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16)),
            OwnerId: BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20)),
            GroupId: BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(24)),
            Mode: (UnixFileMode)(mode & 0xfff));
    }

    /// <summary>Whether <paramref name="path"/> is a symbolic link (false if its folder does not exist).</summary>
    public static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="path"/> is a symbolic link that leads, through other links, back to itself.</summary>
    public static bool IsLinkLoop(string path)
    {
        if (!IsLink(path))
        {
            return false;
        }

        try
        {
            File.ResolveLinkTarget(Path.GetFullPath(path), returnFinalTarget: true); // a relative path would be resolved from the root
            return false;
        }
        catch (IOException)
        {
            return true; // too many levels of symbolic links
        }
    }

    /// <summary>Whether both name the same file: the same device and inode (or, where those are unknown, the same full path).</summary>
    public static bool SameFile(string first, string second)
    {
        var (a, b) = (Of(first), Of(second));
        return a.Inode != 0 && a.Kind != FileKind.Missing
            ? a.Device == b.Device && a.Inode == b.Inode
            : string.Equals(Path.GetFullPath(first), Path.GetFullPath(second), StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether this process may write the existing file <paramref name="path"/>. Root may write any file, so for
    /// root a file whose mode has no write bit at all (0444) counts as read-only too.
    /// </summary>
    public static bool CanWrite(string path, FileStatus status)
    {
        if (!OperatingSystem.IsLinux())
        {
            return !File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly);
        }

        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        return geteuid() == 0 ? (status.Mode & anyWrite) != 0 : access(path, WriteAccess) == 0;
    }

    /// <summary>Gives <paramref name="path"/> the owner and group of this status, where the system allows it (as root); returns whether it did.</summary>
    public bool TryGiveOwnerTo(string path) =>
        OperatingSystem.IsLinux() && chown(path, OwnerId, GroupId) == 0;

    private static FileKind KindOf(ushort mode) => (mode & 0xf000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0x6000 => FileKind.Disk,
        _ => FileKind.Special,
    };

#pragma warning disable SYSLIB1054 // DllImport keeps this project free of unsafe code; the arguments need no marshalling code.
    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string pathname, int flags, uint mask, byte[] statxbuf);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(string pathname, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    private static extern int access(string pathname, int mode);

    [DllImport("libc")]
    private static extern uint geteuid();
#pragma warning restore SYSLIB1054
}
