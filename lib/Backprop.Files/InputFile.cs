namespace Backprop.Files;

/// <summary>
/// Reads a file the user named (a CSV, a saved model). A folder, a missing file, a loop of symbolic links or an
/// unreadable file becomes an <see cref="InvalidInputException"/> that names the file and the fix, instead of a
/// low-level I/O error.
/// </summary>
internal static class InputFile
{
    /// <summary>Opens <paramref name="path"/> and hands its content to <paramref name="read"/>.</summary>
    /// <param name="path">The file the user named.</param>
    /// <param name="what">What the file is, for messages: "data file", "model file".</param>
    /// <param name="expected">What to give instead of a folder: "a CSV file".</param>
    /// <param name="whenMissing">The fix when the file does not exist: "check the path".</param>
    /// <param name="read">Reads the content; its own <see cref="InvalidInputException"/>s pass through.</param>
    public static T Read<T>(string path, string what, string expected, string whenMissing, Func<Stream, T> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        var shown = Shown.Text(path);
        if (Directory.Exists(path))
        {
            throw new InvalidInputException($"The {what} '{shown}' is a folder: give the path of {expected}.");
        }

        if (FileStatus.IsLinkLoop(path))
        {
            throw new InvalidInputException($"The {what} '{shown}' is a symbolic link that leads back to itself: give the path of {expected}.");
        }

        if (FileStatus.Of(path).Kind == FileKind.Missing) // File.Exists says yes to a link that leads nowhere
        {
            throw new InvalidInputException($"The {what} '{shown}' does not exist: {whenMissing}.");
        }

        try
        {
            using var stream = AtomicFile.OpenLocked(path, FileMode.Open, FileAccess.Read, FileShare.Read); // waits while a save copies into it (a hard-linked file)
            return read(stream);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"Cannot read the {what} '{shown}' ({error.Message}): check that it is a readable file.", error);
        }
    }
}
