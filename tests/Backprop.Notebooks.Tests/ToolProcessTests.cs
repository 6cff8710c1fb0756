using System.Text.Json.Nodes;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// A lessons folder of its own inside the repository (<c>tool-test-PID/</c>: a copy of <c>lessons.cs</c>, the setup and
/// a one-cell lesson with its twin), built once for <see cref="ToolProcessTests"/>.
/// </summary>
public sealed class ToolFolder : IDisposable
{
    public ToolFolder()
    {
        Prerequisites.EnsureReady();
        Folder = Directory.CreateDirectory(Path.Combine(Repository.Root, $"tool-test-{Environment.ProcessId}")).FullName;
        foreach (var file in new[] { "lessons.cs", "Directory.Build.props", "setup.dib" })
        {
            File.Copy(Path.Combine(Repository.Notebooks, file), Path.Combine(Folder, file));
        }

        var lesson = NotebookFile.Load(Path.Combine(Repository.Notebooks, "01-backprop.ipynb"));
        var setup = lesson.CodeCells().First().Cell.DeepClone().AsObject();
        var print = setup.DeepClone().AsObject();
        NotebookFile.SetSource(print, "Console.WriteLine(\"the lesson's line\");");
        lesson.Cells.Clear();
        lesson.Cells.Add(setup);
        lesson.Cells.Add(print);
        lesson.Save(Path.Combine(Folder, "01-one.ipynb"));

        var twins = Tool("twins");
        Assert.True(twins.ExitCode == 0, twins.ToString());
        var run = Twin();  // builds the twin once
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>The lessons folder.</summary>
    public string Folder { get; }

    /// <summary>Runs <c>dotnet run lessons.cs -- ARGS</c> in the folder.</summary>
    internal CommandResult Tool(params string[] args) => CommandLine.Run(Folder, "dotnet", ["run", "lessons.cs", "--", .. args]);

    /// <summary>Runs the twin <c>dotnet run 01-one.cs -- ARGS</c>.</summary>
    internal CommandResult Twin(params string[] args) => CommandLine.Run(Folder, "dotnet", ["run", "01-one.cs", "--", .. args]);

    /// <summary>Runs <paramref name="command"/> in bash in the folder, with standard output closed.</summary>
    internal CommandResult WithStandardOutputClosed(string command) => CommandLine.Run(Folder, "bash", "-c", $"{command} >&-");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>
/// The lessons tool and a twin, run as processes, on what breaks them (issue 19, item 7): each failure is one line on
/// standard error naming the problem and the fix, with a non-zero exit code, never a stack trace; output folders are
/// checked before any cell runs.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class ToolProcessTests(ToolFolder tool) : IClassFixture<ToolFolder>
{
    [Fact]
    public void An_unknown_option_is_an_error_and_no_twin_is_rewritten()
    {
        var twin = Path.Combine(tool.Folder, "01-one.cs");
        var before = File.GetLastWriteTimeUtc(twin);

        var result = tool.Tool("twins", "--chek");

        OneLine(result, 2, "unknown option --chek for `twins` (it takes --check)");
        Assert.Equal(before, File.GetLastWriteTimeUtc(twin));
    }

    [Fact]
    public void A_notebook_whose_cells_hold_null_is_named()
    {
        File.WriteAllText(Path.Combine(tool.Folder, "02-null.ipynb"), """{"cells": [null], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}""");
        try
        {
            var result = tool.Tool("twins", "02-null.ipynb");

            OneLine(result, 1, "02-null.ipynb is not a Jupyter notebook: cell 0 is null");
        }
        finally
        {
            File.Delete(Path.Combine(tool.Folder, "02-null.ipynb"));
        }
    }

    [Fact]
    public void A_twin_path_that_is_a_folder_is_named_and_nothing_is_written()
    {
        var twin = Path.Combine(tool.Folder, "01-one.cs");
        var saved = File.ReadAllText(twin);
        File.Delete(twin);
        Directory.CreateDirectory(twin);
        try
        {
            var result = tool.Tool("twins");

            OneLine(result, 1, $"{twin} is a folder, where a file is to be written");
        }
        finally
        {
            Directory.Delete(twin);
            File.WriteAllText(twin, saved);
        }
    }

    [Fact]
    public void A_student_copy_path_that_is_a_folder_is_named()
    {
        var copies = Path.Combine(Repository.Root, $"tool-test-{Environment.ProcessId}-class");
        Directory.CreateDirectory(Path.Combine(copies, "01-one.ipynb"));
        try
        {
            var result = tool.Tool("student", copies);

            OneLine(result, 1, $"{Path.Combine(copies, "01-one.ipynb")} is a folder");
            Assert.False(File.Exists(Path.Combine(copies, "setup.dib")), "nothing is written when one copy cannot be");
        }
        finally
        {
            Directory.Delete(copies, recursive: true);
        }
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_read_only_twin_is_named()
    {
        Skip.If(OperatingSystem.IsWindows(), "file modes are Unix's");
        Skip.If(Environment.UserName == "root", "root may write a read-only file, so there is no read-only target to test as root");
        var twin = Path.Combine(tool.Folder, "01-one.cs");
        File.SetUnixFileMode(twin, UnixFileMode.UserRead);
        try
        {
            var result = tool.Tool("twins");

            OneLine(result, 1, $"{twin} cannot be written (it or its folder is read-only)");
        }
        finally
        {
            File.SetUnixFileMode(twin, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void The_tool_with_standard_output_closed_says_so()
    {
        var result = tool.WithStandardOutputClosed("dotnet run lessons.cs -- help");

        OneLine(result, 2, "standard output is closed");
    }

    [Fact]
    public void A_twin_whose_out_is_a_file_stops_before_any_cell_runs()
    {
        var file = Path.Combine(tool.Folder, "not-a-folder");
        File.WriteAllText(file, "");

        var result = tool.Twin("--out", file);

        OneLine(result, 2, $"{file} is a file, where the output folder {file} should be");
        Assert.Equal("", result.Output);  // the cell's line was never printed
    }

    [Fact]
    public void A_twin_whose_default_out_is_a_file_stops_before_any_cell_runs()
    {
        var outFolder = Path.Combine(tool.Folder, "out");
        if (Directory.Exists(outFolder))
        {
            Directory.Delete(outFolder, recursive: true);
        }

        File.WriteAllText(outFolder, "");
        try
        {
            var result = tool.Twin();

            OneLine(result, 2, $"{outFolder} is a file");
            Assert.Equal("", result.Output);
        }
        finally
        {
            File.Delete(outFolder);
        }
    }

    [Fact]
    public void A_twin_whose_page_path_is_a_folder_stops_before_any_cell_runs()
    {
        var outFolder = Path.Combine(tool.Folder, "out-with-folder");
        Directory.CreateDirectory(Path.Combine(outFolder, "01-one.html"));

        var result = tool.Twin("--out", outFolder);

        OneLine(result, 2, $"{Path.Combine(outFolder, "01-one.html")} is a folder");
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("--chek", "unknown option --chek")]
    [InlineData("--out", "--out needs a folder")]
    [InlineData("lesson1", "unknown argument lesson1")]
    public void A_twin_refuses_a_bad_command_line(string argument, string message)
    {
        var result = tool.Twin(argument);

        OneLine(result, 2, message);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_twin_with_standard_output_closed_says_so()
    {
        var result = tool.WithStandardOutputClosed("dotnet run 01-one.cs");

        OneLine(result, 2, "standard output is closed");
    }

    /// <summary>The run failed with <paramref name="exitCode"/> and one line on standard error, <c>error: …</c>, containing <paramref name="message"/>.</summary>
    private static void OneLine(CommandResult result, int exitCode, string message)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        var lines = CommandLine.Lines(result.Error.Trim());
        Assert.True(lines.Length == 1, $"not one line:\n{result}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
    }
}
