namespace Backprop.Files;

/// <summary>
/// Writes a file so that it is either completely written or not touched at all: the content goes to a
/// temporary file in the same folder, which then replaces the target in one rename.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    /// <exception cref="InvalidInputException">The folder does not exist or cannot be written.</exception>
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
    /// lets an I/O error through as it is (for callers that report such errors themselves).
    /// </summary>
    /// <exception cref="IOException">The temporary file could not be written or renamed; it is deleted.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static void Replace(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var temporary = TemporaryPathFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Checks, before any long work, that <paramref name="path"/> could be written: its folder exists and a
    /// file can be created there. Nothing is left behind.
    /// </summary>
    /// <exception cref="InvalidInputException">It cannot.</exception>
    public static void RequireWritable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new InvalidInputException($"Cannot write '{path}': it is a folder. Give a file name.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new InvalidInputException($"Cannot write '{path}': the folder '{folder}' does not exist. Create it or choose another.");
        }

        var probe = TemporaryPathFor(path);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(path, error);
        }
        finally
        {
            TryDelete(probe);
        }
    }

    /// <summary>The error for a path that cannot be written, naming the user's path and folder, never the temporary file.</summary>
    private static InvalidInputException CannotWrite(string path, Exception error)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var reason = error is UnauthorizedAccessException ? "permission denied" : "the system refused to create a file there";
        return new InvalidInputException(
            $"Cannot write '{path}': {reason} in the folder '{folder}'. Choose a folder that exists and can be written.", error);
    }

    private static string TemporaryPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        return Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
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
