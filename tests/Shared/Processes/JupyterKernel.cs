namespace Backprop.Testing;

/// <summary>
/// The .NET kernel registered for Jupyter as <c>dotnet interactive jupyter install</c> registers it, but in a private
/// folder of this test run (<c>JUPYTER_PATH</c>), never in the machine's Jupyter: the kernel is the
/// <c>Microsoft.dotnet-interactive</c> tool from the repository's manifest (<c>.config/dotnet-tools.json</c>), started
/// with <c>--http-local-only</c> (otherwise it listens on every network interface).
/// </summary>
internal static class JupyterKernel
{
    /// <summary>The kernel's name, as the lessons' metadata names it.</summary>
    public const string Name = ".net-csharp";

    private static readonly Lazy<string> Folder = new(Register);

    /// <summary>The environment variables that make Jupyter find the private kernelspec (and keep its files private).</summary>
    public static IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["JUPYTER_PATH"] = Folder.Value,
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Folder.Value, "runtime"),
    };

    private static string Register()
    {
        var restore = CommandLine.Run(Repository.Root, "dotnet", "tool", "restore");  // the kernel tool
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException(restore.ToString());
        }

        var folder = Directory.CreateTempSubdirectory("jupyter-path-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var spec = Directory.CreateDirectory(Path.Combine(folder, "kernels", Name)).FullName;

        // `dotnet tool run` finds the tool from the kernel's working directory, the notebook's folder in the repository.
        File.WriteAllText(Path.Combine(spec, "kernel.json"), """
            {
              "argv": ["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"],
              "display_name": ".NET (C#)",
              "language": "C#"
            }
            """);
        return folder;
    }
}
