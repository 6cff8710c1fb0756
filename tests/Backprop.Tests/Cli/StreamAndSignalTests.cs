using System.Diagnostics;

namespace Backprop.Tests.Cli;

/// <summary>Issue 13, with the built program in a real process: closed or full standard streams, a closed pipe, signals during a save.</summary>
public class StreamAndSignalTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll");

    [SkippableTheory]
    [InlineData(">&-", "error: Cannot write to standard output: it is closed.")]
    [InlineData("> \"$FULL\"", "error: Cannot write to standard output: the disk is full.")]
    public void A_closed_or_full_stdout_is_one_clear_error(string redirection, string message)
    {
        using var folder = new TemporaryFolder();
        var full = folder.File("full");
        Skip.If(redirection.Contains("FULL", StringComparison.Ordinal) && !Devices.TryMake(full, 'c', 1, 7), "making a device node (mknod) needs root");

        var (exitCode, _, stderr) = Shell($"dotnet \"$PROGRAM\" --epochs 1 {redirection}", full);

        Assert.Equal(2, exitCode);
        Assert.Equal(message + "\n", stderr);
    }

    [SkippableTheory]
    [InlineData("2>&-")]
    [InlineData("2> \"$FULL\"")]
    public void A_closed_or_full_stderr_neither_kills_a_run_nor_hides_an_error(string redirection)
    {
        using var folder = new TemporaryFolder();
        var full = folder.File("full");
        Skip.If(redirection.Contains("FULL", StringComparison.Ordinal) && !Devices.TryMake(full, 'c', 1, 7), "making a device node (mknod) needs root");

        var model = folder.File("w.json");
        var (warned, _, _) = Shell($"dotnet \"$PROGRAM\" --lr 1e5 --epochs 1 --save \"{model}\" {redirection}", full);
        var (failed, _, _) = Shell($"dotnet \"$PROGRAM\" --lr abc {redirection}", full);

        Assert.Equal(0, warned);
        Assert.True(File.Exists(model));
        Assert.Equal(2, failed);
    }

    [Fact]
    public void A_closed_pipe_stops_the_run()
    {
        // 2^31-1 epochs would run for hours; the closed pipe must stop it after the first line.
        var (exitCode, stdout, stderr) = Shell("dotnet \"$PROGRAM\" --epochs 2147483647 --print-every 1 --no-progress | head -1; exit ${PIPESTATUS[0]}", string.Empty);

        Assert.Equal(2, exitCode);
        Assert.Equal("Epoch 0, Loss: 0.0736\n", stdout);
        Assert.Equal("error: Cannot write to standard output: the program reading it has stopped (broken pipe).\n", stderr);
    }

    [Fact]
    public void Two_billion_epochs_start_training_at_once()
    {
        var start = Start("--epochs", "2147483647", "--print-every", "1000000", "--no-progress");

        var first = start.StandardOutput.ReadLine();
        start.Kill();
        start.WaitForExit();

        Assert.Equal("Epoch 0, Loss: 0.0736", first);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public void A_signal_during_a_large_save_leaves_exactly_the_old_file(string signal)
    {
        using var folder = new TemporaryFolder();
        var model = folder.Write("m.json", "old");
        using var process = Start("--layers", "3000,3000,1", "--samples", "1", "--epochs", "0", "--save", model);

        // Wait until the new model is being written (a temporary file with content), then signal.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!new DirectoryInfo(folder.Path).GetFiles(".*.tmp").Any(f => f.Length > 0) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        Assert.True(Devices.Run("kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)));

        Assert.NotEqual(0, process.ExitCode);
        Assert.Equal(["m.json"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
        Assert.Equal("old", File.ReadAllText(model));
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs a bash command line with $PROGRAM (the built program) and $FULL (a /dev/full node in the test's folder) set.</summary>
    private static (int ExitCode, string Stdout, string Stderr) Shell(string command, string full)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["PROGRAM"] = Program;
        start.Environment["FULL"] = full;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the program did not finish");
        return (process.ExitCode, stdout, stderr.Result);
    }
}
