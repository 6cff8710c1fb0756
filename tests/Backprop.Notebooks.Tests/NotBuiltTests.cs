namespace Backprop.Notebooks.Tests;

/// <summary>A notebook opened before the build step says, in its first cell, what to run.</summary>
[Collection(NotebookCollection.Name)]
public sealed class NotBuiltTests : IDisposable
{
    private readonly string _clone = Directory.CreateTempSubdirectory("notebook-not-built-").FullName;

    public void Dispose() => Directory.Delete(_clone, recursive: true);

    [Theory]
    [InlineData("01-backprop.ipynb")]
    [InlineData("02-one-step.ipynb")]
    [InlineData("03-experiments.ipynb")]
    [InlineData("04-autograd.ipynb")]
    public void The_first_cell_says_in_one_line_which_build_command_to_run(string notebook)
    {
        Prerequisites.EnsureReady();  // restores dotnet-repl
        // A copy of the repository with the notebook and the tool manifest but no built libraries.
        var notebooks = Directory.CreateDirectory(Path.Combine(_clone, "notebooks")).FullName;
        File.Copy(Path.Combine(Repository.Notebooks, notebook), Path.Combine(notebooks, notebook));
        Directory.CreateDirectory(Path.Combine(_clone, ".config"));
        File.Copy(Repository.PathOf(".config", "dotnet-tools.json"), Path.Combine(_clone, ".config", "dotnet-tools.json"));

        var run = NotebookRun.Run(notebooks, notebook);

        Assert.Equal(2, run.Command.ExitCode);
        var error = Assert.Single(run.Cells[0].Errors);
        var firstLine = error.Split('\n')[0];
        Assert.Contains("The Backprop libraries are not built", firstLine, StringComparison.Ordinal);
        Assert.Contains($"run `dotnet {string.Join(' ', Prerequisites.BuildCommand)}` in the repository root", firstLine, StringComparison.Ordinal);
    }
}
