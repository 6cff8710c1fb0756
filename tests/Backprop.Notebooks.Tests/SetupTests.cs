using System.Text.Json.Nodes;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// The setup cell on a fresh clone with nothing built: it builds the libraries itself and says so; after a library
/// changes, running it again says that the kernel must restart.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class SetupTests : IDisposable
{
    private readonly string _clone = Directory.CreateTempSubdirectory("notebook-fresh-clone-").FullName;

    public void Dispose() => Directory.Delete(_clone, recursive: true);

    [Fact]
    public void On_a_fresh_clone_it_builds_the_libraries_and_after_a_change_says_to_restart()
    {
        Prerequisites.EnsureReady();  // restores dotnet-repl
        CopyClone();
        var notebooks = Path.Combine(_clone, "notebooks");
        var cells = new[]
        {
            "#!import setup.dib",
            "display(Network.Create([3, 2, 1], new NumPyRandom(seed: 0), Initialization.Randn));",
            """System.IO.File.WriteAllText("../lib/Backprop/RestartProbe.cs", "namespace Backprop;\n\n/// <summary>A change.</summary>\npublic static class RestartProbe\n{\n}\n");""",
            "#!import setup.dib",
        };
        var lesson = NotebookFile.Load(Path.Combine(Repository.Notebooks, "02-one-step.ipynb"));
        var template = lesson.CodeCells().First().Cell;
        lesson.Cells.Clear();
        foreach (var source in cells)
        {
            var cell = template.DeepClone().AsObject();
            NotebookFile.SetSource(cell, source);
            lesson.Cells.Add(cell);
        }

        lesson.Save(Path.Combine(notebooks, "setup-test.ipynb"));

        var run = NotebookRun.Run(notebooks, "setup-test.ipynb");

        var outputs = run.Executed.CodeCells().Select(c => OutputComparison.Comparable(c.Cell)).ToList();
        Assert.True(outputs.Count == 4, run.Command.ToString());
        Assert.True(outputs[3].Contains("Built.", StringComparison.Ordinal), $"The setup's second run showed:\n{outputs[3]}\n{run.Command}");
        Assert.Contains("Building the Backprop libraries for the first time", outputs[0], StringComparison.Ordinal);
        Assert.Contains("Built.", outputs[0], StringComparison.Ordinal);
        Assert.Contains("Ready: Backprop", outputs[0], StringComparison.Ordinal);
        Assert.Contains("Network 3 → 2 → 1: 11 parameters", outputs[1], StringComparison.Ordinal);
        // Backprop changed, and so did every library built against it: the message names them all.
        var restart = System.Text.RegularExpressions.Regex.Match(
            outputs[3], "(?<names>[A-Za-z., ]+) changed since this kernel loaded them: restart the kernel, then Run All\\.");
        Assert.True(restart.Success, outputs[3]);
        Assert.Contains("Backprop", restart.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries));
    }

    /// <summary>The files a clone has that the setup needs: the libraries' sources, the build settings, the tools.</summary>
    private void CopyClone()
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig", ".config/dotnet-tools.json", "notebooks/setup.dib", "notebooks/Directory.Build.props" })
        {
            var target = Path.Combine(_clone, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Repository.PathOf(file), target);
        }

        foreach (var source in Directory.GetFiles(Repository.PathOf("lib"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repository.Root, source);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(_clone, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }
}
