using System.Collections.Concurrent;
using System.Text.Json;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// One cell's outputs after a run, by kind: printed text, errors, what went to standard error (where the kernel shows
/// compiler warnings), HTML, and the pictures (SVG) and plain text it displayed.
/// </summary>
internal sealed record CellOutputs(
    int Index, string Source, IReadOnlyList<string> Printed, IReadOnlyList<string> Errors, IReadOnlyList<string> Stderr,
    IReadOnlyList<string> Html, IReadOnlyList<string> Svg, IReadOnlyList<string> Plain)
{
    /// <summary>Everything the cell shows a reader, as text: printed lines, standard error, errors and displayed text.</summary>
    public string Shown => string.Join("\n", Printed.Concat(Stderr).Concat(Errors).Concat(Plain).Concat(Html));
}

/// <summary>
/// A notebook run from top to bottom in the real .NET Interactive kernel, headless: dotnet-repl (from the local
/// tool manifest, <see cref="Run"/>) or Jupyter's nbconvert with the kernel registered as Jupyter would
/// (<see cref="InJupyter"/>) runs every cell and writes the notebook with its outputs, which this class reads back.
/// </summary>
internal sealed class NotebookRun
{
    private static readonly ConcurrentDictionary<string, Lazy<NotebookRun>> Runs = new();
    private static readonly Lock OneAtATime = new();

    private NotebookRun(CommandResult command, IReadOnlyList<CellOutputs> cells, NotebookFile executed)
    {
        Command = command;
        Cells = cells;
        Executed = executed;
    }

    /// <summary>The notebook as the run left it, with every output.</summary>
    public NotebookFile Executed { get; }

    /// <summary>dotnet-repl's exit code (0: every cell passed; 2: some cell failed) and console output.</summary>
    public CommandResult Command { get; }

    /// <summary>The code cells, in order, with what each produced.</summary>
    public IReadOnlyList<CellOutputs> Cells { get; }

    /// <summary>One line per cell that reported an error: its number, first line and errors.</summary>
    public IReadOnlyList<string> FailedCells =>
        Cells.Where(cell => cell.Errors.Count > 0)
            .Select(cell => $"Cell {cell.Index} ({cell.Source.Split('\n')[0]}): {string.Join("; ", cell.Errors)}")
            .ToList();

    /// <summary>Every line the notebook printed (standard output of all cells, in order).</summary>
    public IReadOnlyList<string> PrintedLines =>
        CommandLine.Lines(string.Concat(Cells.SelectMany(cell => cell.Printed)));

    /// <summary>Every Plotly chart the notebook showed, in order.</summary>
    public IReadOnlyList<PlotlyChart> Charts =>
        Cells.SelectMany(cell => cell.Html).Select(PlotlyChart.Find).OfType<PlotlyChart>().ToList();

    /// <summary>Runs <c>notebooks/<paramref name="name"/></c> once per test run (later calls get the same run).</summary>
    public static NotebookRun Of(string name) =>
        Runs.GetOrAdd(name, key => new Lazy<NotebookRun>(() =>
        {
            Prerequisites.EnsureReady();
            return Run(Repository.Notebooks, key);
        })).Value;

    /// <summary>
    /// Runs <paramref name="name"/> in <paramref name="folder"/>, which is also the kernel's working directory
    /// (relative <c>#r</c> paths resolve against it, as when VS Code or Jupyter open the notebook there).
    /// Notebooks run one at a time: runs in parallel lose console output.
    /// </summary>
    public static NotebookRun Run(string folder, string name)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("notebook-run-").FullName, name);
        lock (OneAtATime)
        {
            var command = CommandLine.Run(
                folder, "dotnet", "tool", "run", "dotnet-repl", "--run", name, "--exit-after-run", "--output-path", output);
            if (!File.Exists(output))
            {
                throw new InvalidOperationException($"dotnet-repl wrote no notebook.\n{command}");
            }

            var cells = ReadCells(output);
            var executed = NotebookFile.Load(output);
            Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
            return new NotebookRun(command, cells, executed);
        }
    }

    /// <summary>
    /// Runs <paramref name="name"/> in <paramref name="folder"/> as a teacher's Jupyter does: <c>jupyter nbconvert
    /// --to notebook --execute</c> with the .NET kernel (<see cref="JupyterKernel"/>), every cell even after one
    /// fails (<c>--allow-errors</c>), each within <paramref name="cellTimeout"/>.
    /// </summary>
    public static NotebookRun InJupyter(string folder, string name, TimeSpan cellTimeout)
    {
        var scratch = Directory.CreateTempSubdirectory("jupyter-run-").FullName;
        lock (OneAtATime)
        {
            try
            {
                var command = CommandLine.Run(
                    JupyterKernel.Environment, folder, "jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                    $"--ExecutePreprocessor.timeout={(int)cellTimeout.TotalSeconds}", "--ExecutePreprocessor.startup_timeout=300",
                    $"--ExecutePreprocessor.kernel_name={JupyterKernel.Name}", "--output-dir", scratch, name);
                var output = Path.Combine(scratch, name);
                if (command.ExitCode != 0 || !File.Exists(output))
                {
                    throw new InvalidOperationException($"Jupyter did not run {name} to the end.\n{command}");
                }

                return new NotebookRun(command, ReadCells(output), NotebookFile.Load(output));
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static List<CellOutputs> ReadCells(string path)
    {
        using var notebook = JsonDocument.Parse(File.ReadAllText(path));
        return notebook.RootElement.GetProperty("cells").EnumerateArray()
            .Where(cell => cell.GetProperty("cell_type").GetString() == "code")
            .Select((cell, index) => ReadCell(index, cell))
            .ToList();
    }

    private static CellOutputs ReadCell(int index, JsonElement cell)
    {
        var outputs = cell.GetProperty("outputs").EnumerateArray().ToList();
        var printed = outputs
            .Where(o => Kind(o) == "stream" && o.GetProperty("name").GetString() == "stdout")
            .Select(o => Text(o.GetProperty("text")));
        var stderr = outputs
            .Where(o => Kind(o) == "stream" && o.GetProperty("name").GetString() == "stderr")
            .Select(o => Text(o.GetProperty("text")));
        var errors = outputs
            .Where(o => Kind(o) == "error")
            .Select(o => $"{o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}");
        return new CellOutputs(
            index, Text(cell.GetProperty("source")), printed.ToList(), errors.ToList(), stderr.ToList(),
            Displayed(outputs, "text/html"), Displayed(outputs, "image/svg+xml"), Displayed(outputs, "text/plain"));
    }

    /// <summary>The <paramref name="mimeType"/> part of every displayed value that has one.</summary>
    private static List<string> Displayed(List<JsonElement> outputs, string mimeType) =>
        outputs
            .Where(o => Kind(o) is "display_data" or "execute_result")
            .Select(o => o.GetProperty("data"))
            .Where(data => data.TryGetProperty(mimeType, out _))
            .Select(data => Text(data.GetProperty(mimeType)))
            .ToList();

    private static string Kind(JsonElement output) => output.GetProperty("output_type").GetString()!;

    /// <summary>Notebook text is a string or a list of strings (lines) to join.</summary>
    private static string Text(JsonElement text) =>
        text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(line => line.GetString())) : text.GetString()!;
}
