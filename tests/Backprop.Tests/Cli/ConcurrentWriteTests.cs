using System.Diagnostics;
using System.Runtime.Versioning;

namespace Backprop.Tests.Cli;

/// <summary>
/// Issue 19: two runs saving to the same hard-linked model, with real processes. The first writer stops itself
/// (SIGSTOP) halfway through its copy, through the test hook <c>BACKPROP_TEST_STOP_MID_COPY</c>, so the second
/// always meets a half-done copy: never left to timing.
/// </summary>
[SupportedOSPlatform("linux")]
public class ConcurrentWriteTests
{
    [SkippableFact]
    public void A_second_writer_waits_for_a_copy_paused_halfway_and_both_links_end_with_its_whole_model()
    {
        using var folder = new TemporaryFolder();
        var (model, other) = HardLinkedModel(folder);
        var first = StartStoppedHalfway(folder, model, seed: 1);
        var halfway = new FileInfo(model).Length;

        using var second = BuiltProgram.Dotnet.Start(["--epochs", "1", "--seed", "2", "--save", model], new RunSettings());
        var secondFinishedWhileTheCopyWasHalfDone = second.WaitForExit(TimeSpan.FromSeconds(3));
        Continue(first);

        Assert.False(secondFinishedWhileTheCopyWasHalfDone, "the second writer did not wait for the first one's lock");
        Assert.True(first.WaitForExit(TimeSpan.FromMinutes(1)) && second.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var expected = ModelOfSeed(folder, 2);
        Assert.True(halfway < expected.Length, "the first writer was not stopped halfway");
        Assert.Equal(expected, File.ReadAllText(model));
        Assert.Equal(expected, File.ReadAllText(other));
        Assert.Equal(["m.json", "other.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Where(n => n is "m.json" or "other.json").Order());
        first.Dispose();
    }

    [SkippableFact]
    public void A_writer_killed_halfway_leaves_its_whole_model_beside_the_file_and_the_next_writer_makes_it_whole()
    {
        using var folder = new TemporaryFolder();
        var (model, other) = HardLinkedModel(folder);
        var first = StartStoppedHalfway(folder, model, seed: 1);

        first.Kill(); // SIGKILL: the one interruption a process cannot finish its copy after (AtomicFile's remarks)
        first.WaitForExit();
        var left = Assert.Single(Directory.GetFiles(folder.Path, ".backprop-*.tmp"));
        Assert.Equal(ModelOfSeed(folder, 1), File.ReadAllText(left));
        var second = BuiltProgram.Dotnet.Run(["--epochs", "1", "--seed", "2", "--save", model], new RunSettings());

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(ModelOfSeed(folder, 2), File.ReadAllText(model));
        Assert.Equal(File.ReadAllText(model), File.ReadAllText(other));
        first.Dispose();
    }

    private static (string Model, string Other) HardLinkedModel(TemporaryFolder folder)
    {
        var model = folder.Write("m.json", "old");
        var other = folder.File("other.json");
        Skip.IfNot(Devices.Run("ln", model, other), "ln could not make a hard link here");
        return (model, other);
    }

    /// <summary>Starts a run saving to <paramref name="model"/> and waits until it has stopped itself halfway through the copy.</summary>
    private static Process StartStoppedHalfway(TemporaryFolder folder, string model, int seed)
    {
        var marker = folder.File("stopped-halfway");
        var settings = new RunSettings { Environment = new Dictionary<string, string> { ["BACKPROP_TEST_STOP_MID_COPY"] = marker } };
        var writer = BuiltProgram.Dotnet.Start(["--epochs", "1", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", model], settings);
        var waited = Stopwatch.StartNew();
        while (!File.Exists(marker) && !writer.HasExited && waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            Thread.Sleep(20);
        }

        Assert.True(File.Exists(marker), $"the writer did not stop halfway through its copy (exited: {writer.HasExited})");
        while (Stat(writer.Id) != 'T' && waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            Thread.Sleep(20);
        }

        Assert.Equal('T', Stat(writer.Id)); // stopped
        File.Delete(marker);
        return writer;
    }

    private static void Continue(Process process) => Assert.True(Devices.Run("kill", "-CONT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The process's state letter from /proc (T: stopped).</summary>
    private static char Stat(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    /// <summary>The model file a one-epoch run with <paramref name="seed"/> saves, written to a plain file.</summary>
    private static string ModelOfSeed(TemporaryFolder folder, int seed)
    {
        var path = folder.File($"expected-{seed}.json");
        Assert.Equal(0, CliRun.Of("--epochs", "1", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", path).ExitCode);
        var text = File.ReadAllText(path);
        File.Delete(path);
        return text;
    }
}
