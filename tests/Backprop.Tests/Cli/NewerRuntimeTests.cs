using System.Diagnostics;

namespace Backprop.Tests.Cli;

/// <summary>
/// The built console program on a dotnet root that holds only the .NET 11 runtime: it targets .NET 10 and rolls
/// forward (README.md, "On a newer .NET"). <c>bash tests/scripts/dotnet11-root.sh</c> makes the root.
/// </summary>
public class NewerRuntimeTests
{
    private static readonly string Root = Environment.GetEnvironmentVariable("DOTNET11_ROOT") is { Length: > 0 } root ? root : "/tmp/dotnet11";

    [SkippableFact]
    public void The_main_job_prints_the_ten_lines_on_a_root_with_only_dotnet_11()
    {
        var muxer = Path.Combine(Root, "dotnet");
        var frameworks = Path.Combine(Root, "shared", "Microsoft.NETCore.App");
        Skip.IfNot(
            File.Exists(muxer) && Directory.Exists(frameworks),
            $"no dotnet root at {Root}: make one with `bash tests/scripts/dotnet11-root.sh {Root}` (downloads the runtime from NuGet), or set DOTNET11_ROOT");
        var versions = Directory.GetDirectories(frameworks).Select(Path.GetFileName).ToArray();
        Assert.NotEmpty(versions);
        Assert.All(versions, version => Assert.StartsWith("11.", version)); // nothing older to fall back on

        var start = new ProcessStartInfo(muxer) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll"));
        start.Environment["DOTNET_ROOT"] = Root;
        start.Environment.Remove("DOTNET_ROLL_FORWARD");
        start.Environment.Remove("DOTNET_ROLL_FORWARD_TO_PRERELEASE");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the program did not finish");

        Assert.Equal(string.Empty, stderr.Result);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(string.Join('\n', NumPyFixtures.Strings(NumPyFixtures.TrainingCase("original").GetProperty("printed"))) + "\n", stdout);
    }
}
