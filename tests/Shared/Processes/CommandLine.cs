using System.Diagnostics;

namespace Backprop.Testing;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Everything, for a failure message.</summary>
    public override string ToString() =>
        $"`{Command}` exited with {ExitCode}.\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs a command to the end, with a time limit, and captures its output.</summary>
internal static class CommandLine
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static CommandResult Run(string workingDirectory, string fileName, params string[] arguments) =>
        Run(new Dictionary<string, string>(), workingDirectory, fileName, arguments);

    /// <summary>Runs a command with <paramref name="environment"/> added to this process's environment variables.</summary>
    public static CommandResult Run(IReadOnlyDictionary<string, string> environment, string workingDirectory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // `dotnet test` sets MSBuild variables for its own build; a nested `dotnet build` must not inherit them.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var command = $"{fileName} {string.Join(' ', arguments)}";
        if (!process.WaitForExit(DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` (in {workingDirectory}) took longer than {DefaultTimeout}.");
        }

        return new CommandResult(command, process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The lines a program printed, without the empty line after the last newline.</summary>
    public static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
