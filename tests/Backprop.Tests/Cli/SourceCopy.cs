namespace Backprop.Tests.Cli;

/// <summary>
/// A copy of the sources the console program is built from (lib, cli and the shared build files) in a temporary
/// folder, so that a build or publish made by a test never shares obj folders with the build that runs the tests.
/// </summary>
internal sealed class SourceCopy : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public SourceCopy()
    {
        var root = Repository.Root;
        Directory.CreateDirectory(Sources);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(Sources, file));
        }

        Copy(Path.Combine(root, "lib"), Path.Combine(Sources, "lib"));
        Copy(Path.Combine(root, "cli"), Path.Combine(Sources, "cli"));
    }

    /// <summary>The copy's root.</summary>
    public string Sources => Path.Combine(_folder.Path, "src");

    /// <summary>The console program's project in the copy.</summary>
    public string CliProject => Path.Combine(Sources, "cli", "Backprop.Cli", "Backprop.Cli.csproj");

    /// <summary>A folder beside the copy for outputs.</summary>
    public string Output(string name) => _folder.File(name);

    public void Dispose() => _folder.Dispose();

    // The folder's files without build output (bin, obj).
    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
