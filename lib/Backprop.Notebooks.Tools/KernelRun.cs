using System.Diagnostics;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// Runs a notebook from top to bottom in the real .NET Interactive kernel, headless, with dotnet-repl from the
/// repository's tool manifest (<c>.config/dotnet-tools.json</c>), and reads back the notebook with its outputs.
/// </summary>
internal static class KernelRun
{
    /// <summary>How long a whole notebook may run (lesson 3, the longest, takes about a minute).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs <paramref name="notebook"/> with <paramref name="folder"/> as the kernel's working directory (as VS Code
    /// and Jupyter start it in the notebook's folder) and returns the executed notebook.
    /// </summary>
    /// <param name="notebook">The notebook to run.</param>
    /// <param name="folder">The kernel's working directory.</param>
    /// <param name="name">The notebook's file name, for messages.</param>
    /// <param name="allowFailures">Whether cells may fail (a student's notebook); the executed notebook shows their errors.</param>
    /// <exception cref="InvalidOperationException">dotnet-repl did not run, or (unless allowed) a cell failed; the message lists the failed cells.</exception>
    public static NotebookFile Run(NotebookFile notebook, string folder, string name, bool allowFailures = false)
    {
        var scratch = Directory.CreateTempSubdirectory("kernel-run-").FullName;
        var input = Path.Combine(folder, $".kernel-run-{Environment.ProcessId}-{name}");
        var output = Path.Combine(scratch, name);
        try
        {
            notebook.Save(input);
            var (exitCode, log) = DotnetRepl(folder, Path.GetFileName(input), output);
            if (!File.Exists(output))
            {
                throw new InvalidOperationException($"dotnet-repl wrote no notebook for {name} (exit code {exitCode}):\n{log}");
            }

            var executed = NotebookFile.Load(output);
            DropProgressUpdates(executed);
            var failed = FailedCells(executed);
            if (!allowFailures && (exitCode != 0 || failed.Count > 0))
            {
                throw new InvalidOperationException($"{name}: {(failed.Count > 0 ? string.Join("\n", failed) : log)}");
            }

            return executed;
        }
        finally
        {
            File.Delete(input);
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>One line per cell that reported an error: its index, first line and error.</summary>
    public static List<string> FailedCells(NotebookFile executed) =>
        executed.Cells.Select((cell, index) => (cell, index))
            .Where(c => c.cell is not null && NotebookFile.IsCode(c.cell))
            .SelectMany(c => (c.cell!["outputs"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(o => (string?)o["output_type"] == "error")
                .Select(o => $"cell {c.index} ({NotebookFile.Source(c.cell).Split('\n')[0]}): {(string?)o["ename"]}: {(string?)o["evalue"]}"))
            .ToList();

    /// <summary>
    /// Drops the kernel's "Installing Packages" progress displays. The kernel updates one display while NuGet works;
    /// Jupyter and VS Code keep only its last state ("Installed Packages"), but dotnet-repl records every update.
    /// </summary>
    private static void DropProgressUpdates(NotebookFile executed)
    {
        foreach (var (_, cell) in executed.CodeCells())
        {
            if (cell["outputs"] is JsonArray outputs)
            {
                foreach (var progress in outputs.Where(o => o?["data"]?["text/html"] is { } html
                    && NotebookFile.Text(html).Contains("<strong>Installing Packages</strong>", StringComparison.Ordinal)).ToList())
                {
                    outputs.Remove(progress);
                }
            }
        }
    }

    private static (int ExitCode, string Log) DotnetRepl(string folder, string input, string output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "tool", "run", "dotnet-repl", "--run", input, "--exit-after-run", "--output-path", output })
        {
            start.ArgumentList.Add(argument);
        }

        // A nested build (the setup cell's) must not inherit the MSBuild settings of a build that started this one.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"{input} did not finish in {TimeLimit.TotalMinutes:0} minutes: a cell runs an endless loop (a check stops one in a student's function, not in a cell).");
        }

        return (process.ExitCode, log.Result + errors.Result);
    }
}
