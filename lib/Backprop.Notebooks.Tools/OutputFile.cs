using System.Text;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// Writes the tools' and the twins' output files (twins, notebooks, pages, student copies), and checks beforehand that
/// they can be written. Every failure is an <see cref="IOException"/> whose message is one line naming the path and
/// the fix, for the tool or twin to print instead of a stack trace.
/// </summary>
internal static class OutputFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte order mark) to <paramref name="path"/>, creating its folder.</summary>
    /// <exception cref="IOException">The path is a folder, or it or its folder cannot be written.</exception>
    public static void Write(string path, string text)
    {
        CheckWritable(path);
        try
        {
            File.WriteAllText(path, text, Utf8);
        }
        catch (UnauthorizedAccessException)
        {
            throw NotWritable(path);
        }
    }

    /// <summary>
    /// Checks, without changing anything, that <paramref name="path"/> can be written: its folder is a folder (or can
    /// be made), and the path is not a folder and not read-only.
    /// </summary>
    /// <exception cref="IOException">It cannot; the message says why and what to do.</exception>
    public static void CheckWritable(string path)
    {
        var full = Path.GetFullPath(path);
        CheckFolder(Path.GetDirectoryName(full)!);
        if (Directory.Exists(full))
        {
            throw new IOException($"{full} is a folder, where a file is to be written: move the folder away, then run the command again.");
        }

        try
        {
            if (File.Exists(full))
            {
                using var _ = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw NotWritable(full);
        }
    }

    /// <summary>Makes <paramref name="folder"/> if it is missing, and checks that it is a folder.</summary>
    /// <exception cref="IOException">It, or a part of its path, is a file, or it cannot be made.</exception>
    public static void CheckFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        for (var part = full; part is not null; part = Path.GetDirectoryName(part))
        {
            if (File.Exists(part))
            {
                throw new IOException($"{part} is a file, where the output folder {full} should be: give another folder (--out FOLDER), or move the file away.");
            }
        }

        try
        {
            Directory.CreateDirectory(full);
        }
        catch (UnauthorizedAccessException)
        {
            throw new IOException($"The output folder {full} cannot be made (permission denied): give a folder you can write to.");
        }
    }

    private static IOException NotWritable(string path) =>
        new($"{path} cannot be written (it or its folder is read-only): make it writable, or write elsewhere.");
}
