namespace Backprop.Files;

/// <summary>
/// Writes a file so that a reader, a crash or a second writer never sees it half-written: the content goes to a
/// temporary file in the same folder, which then replaces the target in one rename. The one exception, a file with
/// several hard links, is described below.
/// </summary>
/// <remarks>
/// <para>What the user named is kept as it is: a symbolic link stays a link (its target is written), a file keeps its
/// mode and, where the system allows, its owner. A device or a FIFO (<c>/dev/null</c>, <c>/dev/stdout</c>) is
/// written directly, never replaced; a disk device and a read-only file are refused.</para>
/// <para>A plain file (one link) is replaced by a rename: it holds the old content or the new, whole, at every
/// moment, whatever happens to the process or the machine. Two processes writing it at once each rename a complete
/// file; the last rename wins.</para>
/// <para>A file with several hard links cannot be renamed over without cutting the other links, so, once the new
/// content is complete in the temporary file, it is copied into the file in place. What is promised then: every link
/// sees the new content; two writers never interleave (the copy holds an exclusive <c>flock</c> on the file, taken
/// by opening it with <see cref="FileShare.None"/>; a second writer, and a reader opening it through
/// <see cref="InputFile"/>, waits up to <see cref="LockWait"/> for it, then gives up with a clear error and changes
/// nothing); SIGINT, SIGTERM, SIGHUP and SIGQUIT wait for the copy to end (<see cref="Abandon"/>). What is not
/// promised: a SIGKILL or a power cut during the copy itself (as long as writing the file once) leaves it partly
/// rewritten; the complete new content is then left in the temporary file beside it (<c>.backprop-*.tmp</c>).
/// Programs that do not take the lock (an editor, <c>cat</c>) can see the copy half done.</para>
/// <para>The temporary name is short (<c>.backprop-1a2b3c4d.tmp</c>), so any legal file name can be written, and it
/// never appears in a message. <see cref="Abandon"/> deletes unfinished temporary files, for a signal handler.</para>
/// </remarks>
internal static class AtomicFile
{
    private const int NoSpace = 28;             // ENOSPC
    private const int ReadOnlyFileSystem = 30;  // EROFS
    private const int QuotaExceeded = 122;      // EDQUOT
    private const int NameTooLong = 36;         // ENAMETOOLONG
    private const int WouldBlock = 11;          // EWOULDBLOCK: flock found the file locked
    private const int MaxNameBytes = 255;       // NAME_MAX: the longest file name, in bytes, on Linux's file systems
    private const int MaxPathBytes = 4095;      // PATH_MAX less the closing NUL: the longest path the system takes

    /// <summary>How long a write into a hard-linked file, or a read, waits for another program's lock on it.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    /// <summary>Test hook: when set (to a file name), a copy into a hard-linked file creates that file halfway and stops the process (SIGSTOP), so a test can run a second writer against a half-done copy.</summary>
    private const string StopMidCopyVariable = "BACKPROP_TEST_STOP_MID_COPY";

    private static readonly object Gate = new();
    private static readonly HashSet<string> Unfinished = [];
    private static bool _abandoned;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    /// <exception cref="InvalidInputException">The path cannot be written: the message names it and the cause (a missing folder, permissions, a full disk).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        try
        {
            Replace(path, write);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(path, error);
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>, atomically, like <see cref="Write"/>, but
    /// lets an I/O error through as it is (for callers that report such errors themselves, with <see cref="CannotWrite"/>).
    /// </summary>
    /// <exception cref="IOException">The temporary file could not be written or renamed; it is deleted.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    /// <exception cref="InvalidInputException">The path is a disk device or a read-only file.</exception>
    /// <exception cref="OperationCanceledException"><see cref="Abandon"/> ran: the process is stopping.</exception>
    public static void Replace(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var status = FileStatus.Of(path);
        RequireReplaceable(path, status);
        if (status.Kind == FileKind.Special)
        {
            WriteDirectly(path, write);
            return;
        }

        var target = FinalTarget(path);
        var temporary = CreateTemporary(target, status);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (status.Kind == FileKind.Regular && status.LinkCount > 1)
            {
                CopyInPlace(temporary, target);
            }
            else
            {
                Finish(() => File.Move(temporary, target, overwrite: true));
            }
        }
        finally
        {
            Forget(temporary);
        }
    }

    /// <summary>
    /// Checks, before any long work, that <paramref name="path"/> could be written: its name and the whole path are not
    /// longer than the system allows (<c>NAME_MAX</c>, <c>PATH_MAX</c>, in UTF-8 bytes), it is not a folder, a disk or a
    /// read-only file, its folder exists and a file can be created there. Nothing is left behind.
    /// </summary>
    /// <exception cref="InvalidInputException">It cannot.</exception>
    public static void RequireWritable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireLegalName(path);
        var status = FileStatus.Of(path);
        if (status.Kind == FileKind.Directory)
        {
            throw new InvalidInputException($"Cannot write '{Shown.Text(path)}': it is a folder. Give a file name.");
        }

        RequireReplaceable(path, status);
        if (status.Kind == FileKind.Special)
        {
            return; // written directly, not replaced: nothing is created in its folder
        }

        var folder = Path.GetDirectoryName(FinalTarget(path)) ?? ".";
        if (!Directory.Exists(folder))
        {
            var file = FirstFileIn(folder);
            throw new InvalidInputException(file is null
                ? $"Cannot write '{Shown.Text(path)}': the folder '{Shown.Text(folder)}' does not exist. Create it or choose another."
                : $"Cannot write '{Shown.Text(path)}': '{Shown.Text(file)}' is a file, not a folder. Choose another path.");
        }

        try
        {
            Forget(CreateTemporary(Path.Combine(folder, Path.GetFileName(path)), status: null));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(path, error);
        }
    }

    /// <summary>Deletes every unfinished temporary file and lets no later write start or finish: for a signal that stops the program (SIGINT, SIGTERM, SIGHUP, SIGQUIT).</summary>
    public static void Abandon()
    {
        lock (Gate)
        {
            _abandoned = true;
            foreach (var temporary in Unfinished)
            {
                TryDelete(temporary);
            }

            Unfinished.Clear();
        }
    }

    /// <summary>The error for a path that cannot be written, naming the user's path and the cause, never the temporary file.</summary>
    public static InvalidInputException CannotWrite(string path, Exception error)
    {
        var shown = Shown.Text(path);
        var folder = Shown.Text(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        var message = error switch
        {
            InvalidInputException => error.Message,
            UnauthorizedAccessException => $"Cannot write '{shown}': permission denied in the folder '{folder}'. Choose a folder that exists and can be written.",
            _ when Errno(error) == NameTooLong => $"Cannot write '{shown}': the name is longer than the file system allows. Choose a shorter name.",
            _ when Errno(error) == WouldBlock => error.Message,
            _ when IsDiskFull(error) => $"Cannot write '{shown}': the disk is full. Free some space, or write it to another disk.",
            _ when Errno(error) == ReadOnlyFileSystem => $"Cannot write '{shown}': the disk that holds '{folder}' is mounted read-only. Choose another folder.",
            _ when FileStatus.Of(path).Kind == FileKind.Special => $"Cannot write '{shown}': it is a device, FIFO or socket that refuses to be written. Give the name of a file.",
            _ => $"Cannot write '{shown}': the system refused to create a file there in the folder '{folder}'. Choose a folder that exists and can be written.",
        };
        return new InvalidInputException(message, error);
    }

    /// <summary>
    /// Refuses a file name longer than <c>NAME_MAX</c> (255 bytes in UTF-8: a name of 255 ASCII letters is fine, one of
    /// 128 letters like ü is not) and a path longer than <c>PATH_MAX</c>, blaming the name, not the folder.
    /// </summary>
    private static void RequireLegalName(string path)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(path));
        if (nameBytes > MaxNameBytes)
        {
            throw new InvalidInputException(
                $"Cannot write '{Shown.Text(path)}': the file name is {nameBytes} bytes long in UTF-8, and the system allows at most {MaxNameBytes}. Choose a shorter name.");
        }

        var pathBytes = System.Text.Encoding.UTF8.GetByteCount(Path.GetFullPath(path));
        if (pathBytes > MaxPathBytes)
        {
            throw new InvalidInputException(
                $"Cannot write '{Shown.Text(path)}': the whole path is {pathBytes} bytes long in UTF-8, and the system allows at most {MaxPathBytes}. Choose a shorter path.");
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> with the <c>flock</c> that <paramref name="share"/> asks for (<see cref="FileShare.None"/>:
    /// exclusive, for a writer; anything else: shared, for a reader), waiting up to <see cref="LockWait"/> while
    /// another program holds a lock that excludes it.
    /// </summary>
    /// <exception cref="IOException">The lock was not free within <see cref="LockWait"/>, or the file cannot be opened.</exception>
    internal static FileStream OpenLocked(string path, FileMode mode, FileAccess access, FileShare share)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, mode, access, share);
            }
            catch (IOException error) when (Errno(error) == WouldBlock && waited.Elapsed < LockWait)
            {
                Thread.Sleep(50);
            }
            catch (IOException error) when (Errno(error) == WouldBlock)
            {
                throw new IOException(
                    $"Another program has kept '{Shown.Text(path)}' locked for {LockWait.TotalSeconds:0} seconds (another run writing it?): try again when it has finished.", error);
            }
        }
    }

    /// <summary>Whether <paramref name="error"/> says the disk (or the user's quota) is full.</summary>
    public static bool IsDiskFull(Exception error) => Errno(error) is NoSpace or QuotaExceeded;

    /// <summary>The system's error number behind an I/O error (.NET keeps it as the HResult on Unix), or 0.</summary>
    private static int Errno(Exception error) =>
        error is IOException && !OperatingSystem.IsWindows() ? error.HResult : 0;

    private static void RequireReplaceable(string path, FileStatus status)
    {
        if (status.Kind == FileKind.Disk)
        {
            throw new InvalidInputException($"Cannot write '{Shown.Text(path)}': it is a disk device. Give the name of a file.");
        }

        if (status.Kind == FileKind.Regular && !FileStatus.CanWrite(path, status))
        {
            throw new InvalidInputException(
                $"Cannot write '{Shown.Text(path)}': the file is read-only. Make it writable (chmod u+w) or choose another name.");
        }
    }

    /// <summary>Where a symbolic link finally points (the path itself if it is no link), as a full path.</summary>
    private static string FinalTarget(string path)
    {
        var full = Path.GetFullPath(path);
        if (FileStatus.IsLinkLoop(full))
        {
            throw new InvalidInputException(
                $"Cannot write '{Shown.Text(path)}': it is a symbolic link that leads back to itself. Remove the link or choose another name.");
        }

        return FileStatus.IsLink(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full : full;
    }

    /// <summary>The part of <paramref name="folder"/> that exists as a file, if any: <c>m.json</c> in <c>m.json/x.json</c>.</summary>
    private static string? FirstFileIn(string folder)
    {
        for (var part = folder; !string.IsNullOrEmpty(part); part = Path.GetDirectoryName(part))
        {
            if (File.Exists(part))
            {
                return part;
            }
        }

        return null;
    }

    private static void WriteDirectly(string path, Action<Stream> write)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        write(stream);
        stream.Flush();
    }

    /// <summary>
    /// Creates an empty temporary file beside <paramref name="target"/>, with the mode (and, where allowed, the owner)
    /// of the file it will replace, and remembers it for <see cref="Abandon"/>.
    /// </summary>
    private static string CreateTemporary(string target, FileStatus? status)
    {
        var folder = Path.GetDirectoryName(target) ?? ".";
        var existing = status is { Kind: FileKind.Regular } ? status : null;
        lock (Gate)
        {
            ThrowIfAbandoned();
            while (true)
            {
                var temporary = Path.Combine(folder, $".backprop-{Random.Shared.Next():x8}.tmp");
                try
                {
                    var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                    if (existing is not null && !OperatingSystem.IsWindows())
                    {
                        options.UnixCreateMode = existing.Mode & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit);
                    }

                    new FileStream(temporary, options).Dispose();
                    Unfinished.Add(temporary);
                }
                catch (IOException) when (File.Exists(temporary))
                {
                    continue; // that name is taken: draw another
                }

                if (existing is not null && !OperatingSystem.IsWindows())
                {
                    existing.TryGiveOwnerTo(temporary);
                    File.SetUnixFileMode(temporary, existing.Mode); // exactly the old mode, whatever the umask
                }

                return temporary;
            }
        }
    }

    /// <summary>
    /// Rewrites a hard-linked <paramref name="target"/> in place with the complete content of <paramref name="temporary"/>,
    /// holding an exclusive lock on it for the whole copy (the class remarks say what that does and does not promise).
    /// </summary>
    private static void CopyInPlace(string temporary, string target)
    {
        using var destination = OpenLocked(target, FileMode.Open, FileAccess.Write, FileShare.None);
        var size = new FileInfo(temporary).Length;
        var growth = size - destination.Length;
        var folder = Path.GetDirectoryName(target) ?? ".";
        if (growth > 0 && new DriveInfo(folder).AvailableFreeSpace < growth)
        {
            throw new IOException("No space left on device", NoSpace);
        }

        Finish(() =>
        {
            using var source = new FileStream(temporary, FileMode.Open, FileAccess.Read);
            var half = new byte[size / 2];
            source.ReadExactly(half);
            destination.Write(half);
            StopHereIfTested(destination);
            source.CopyTo(destination);
            destination.SetLength(size);
            destination.Flush(flushToDisk: true);
        });
    }

    /// <summary>The test hook named by <see cref="StopMidCopyVariable"/>: the half written so far is flushed, the marker file made, and the process stopped until SIGCONT.</summary>
    private static void StopHereIfTested(FileStream destination)
    {
        if (Environment.GetEnvironmentVariable(StopMidCopyVariable) is not { Length: > 0 } marker || OperatingSystem.IsWindows())
        {
            return;
        }

        destination.Flush(flushToDisk: true);
        File.WriteAllText(marker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _ = kill(Environment.ProcessId, StopSignal);
    }

    private const int StopSignal = 19; // SIGSTOP on Linux

#pragma warning disable SYSLIB1054 // DllImport keeps this project free of unsafe code; the arguments need no marshalling code.
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054

    /// <summary>Runs the last step of a write, unless <see cref="Abandon"/> has run.</summary>
    private static void Finish(Action step)
    {
        lock (Gate)
        {
            ThrowIfAbandoned();
            step();
        }
    }

    private static void ThrowIfAbandoned()
    {
        if (_abandoned)
        {
            throw new OperationCanceledException("The process is stopping: nothing more is written.");
        }
    }

    /// <summary>Deletes <paramref name="temporary"/> if it is still there, and forgets it.</summary>
    private static void Forget(string temporary)
    {
        lock (Gate)
        {
            Unfinished.Remove(temporary);
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary file was never the user's.
        }
    }
}
