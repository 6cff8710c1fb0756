using System.Diagnostics;

namespace Backprop.Tests.Cli;

/// <summary>
/// A built console program run as a user runs it: in its own process, with its own runtimeconfig.json, real standard
/// streams and a real exit code. <see cref="Dotnet"/> is the .NET build (<c>dotnet Backprop.Cli.dll</c>, the Debug
/// build copied next to the tests); <see cref="Native"/> a natively published executable.
/// </summary>
/// <param name="FileName">What to start: <c>dotnet</c>, or the native executable.</param>
/// <param name="Prefix">Arguments before the program's own (the .dll for <c>dotnet</c>).</param>
internal sealed record BuiltProgram(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>The .NET build, as <c>dotnet Backprop.Cli.dll</c>.</summary>
    public static BuiltProgram Dotnet { get; } = new("dotnet", [Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll")]);

    /// <summary>A natively compiled executable.</summary>
    public static BuiltProgram Native(string executable) => new(executable, []);

    /// <summary>Runs the program with <paramref name="args"/> in the current folder.</summary>
    public CliRun Run(params string[] args) => Run(args, new RunSettings());

    /// <summary>Runs the program and waits for it (at most ten minutes).</summary>
    public CliRun Run(IEnumerable<string> args, RunSettings settings)
    {
        using var process = Start(args, settings);
        if (settings.CloseStdout)
        {
            process.StandardOutput.Close(); // the reader goes away before the first line: the program meets a broken pipe
        }

        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = settings.CloseStdout ? string.Empty : process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"{FileName} {string.Join(' ', args)} did not finish");
        return new CliRun(process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Starts the program and returns at once, its stdout and stderr redirected: for tests that run two at a time.</summary>
    public Process Start(IEnumerable<string> args, RunSettings settings)
    {
        var start = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = settings.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var arg in Prefix.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in settings.Environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}

/// <summary>How a <see cref="BuiltProgram"/> is run.</summary>
internal sealed record RunSettings
{
    /// <summary>The folder it runs in (relative file names are read there); null: the test's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to its environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Close the read end of its stdout at once, as <c>| head -0</c> would.</summary>
    public bool CloseStdout { get; init; }
}
