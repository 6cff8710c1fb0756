using System.Diagnostics;

namespace Backprop.Playground.Tests;

/// <summary>
/// The exported program, saved in the repository's root and run there with <c>dotnet run</c> as a process, prints the
/// loss log of the run it came from.
/// </summary>
public class CSharpExportTests
{
    public static TheoryData<string> Runs => ["original, lr changed twice", "sin x, He, 8-8", "own csv", "bikes, target temperature"];

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_exported_program_prints_the_loss_log(string name)
    {
        var run = Run(name);
        var program = CSharpExport.Program(run.Settings);
        Assert.StartsWith("// The backprop playground's run as a program", program, StringComparison.Ordinal);
        Assert.Contains("#:project lib/Backprop/Backprop.csproj", program, StringComparison.Ordinal);

        var (exitCode, output, errors) = DotnetRun(program);
        Assert.True(exitCode == 0, $"exit code {exitCode}: {errors}\n{output}");
        Assert.Equal(run.LossLog, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_diverged_run_exports_a_program_that_says_so()
    {
        var run = new PlaygroundRun(new PlaygroundSettings(), TrainingData.Build(new PlaygroundSettings()));
        run.TrainEpochs(120);
        run.ChangeLearningRate(5);
        run.TrainEpochs(10_000);
        Assert.NotNull(run.Divergence);
        var (exitCode, output, errors) = DotnetRun(CSharpExport.Program(run.Settings));
        Assert.Equal(1, exitCode);
        Assert.Equal(run.LossLog, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(run.Divergence, errors.Trim());
    }

    private static PlaygroundRun Run(string name)
    {
        var settings = name switch
        {
            "sin x, He, 8-8" => new PlaygroundSettings { Data = DataSource.Sine, HiddenLayers = [8, 8], Initialization = Initialization.He, Seed = 3 },
            "own csv" => new PlaygroundSettings
            {
                Data = DataSource.Csv,
                CsvName = "mine.csv",
                CsvText = "x1,\"x 2\",y\n0,1,1\n1,0,2\n1,1,3\n2,2,6\n3,1,\"7\"\n",
                HiddenLayers = [3],
            },
            "bikes, target temperature" => new PlaygroundSettings { Data = DataSource.Bikes, Target = "temperature_c", HiddenLayers = [4], Initialization = Initialization.He },
            _ => new PlaygroundSettings(),
        };
        var run = new PlaygroundRun(settings, TrainingData.Build(settings, Repository.BikesCsv));
        run.TrainEpochs(250);
        if (name.StartsWith("original", StringComparison.Ordinal))
        {
            run.ChangeLearningRate(0.1);
            run.StepPhase();
            run.StepPhase(); // a step in progress is not an epoch yet
            run.TrainEpochs(201);
            run.ChangeLearningRate(0.03);
            run.TrainEpochs(99);
        }
        else
        {
            run.TrainEpochs(51);
        }

        return run;
    }

    /// <summary>Saves the program in the repository's root (under a name of its own) and runs it there.</summary>
    private static (int ExitCode, string Output, string Errors) DotnetRun(string program)
    {
        var file = Path.Combine(Repository.Root, $"playground-test-{Guid.NewGuid():N}.cs");
        File.WriteAllText(file, program);
        try
        {
            var start = new ProcessStartInfo("dotnet", ["run", Path.GetFileName(file)])
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet run took more than 4 minutes.");
            }

            return (process.ExitCode, output.Result.Replace("\r", "", StringComparison.Ordinal), errors.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
