using Backprop.Tests.Cli;

namespace Backprop.Tests.Fuzz;

/// <summary>Random command lines: each ends in success or one clean error line, never a crash or a stray file.</summary>
public class ArgumentFuzzTests
{
    private static readonly string[] Options =
    [
        "--seed", "--layers", "--lr", "--epochs", "--print-every", "--samples", "--init", "--data", "--target",
        "--save", "--load", "--predict", "--no-progress", "--bogus", "-x", "--lr=0.1", "--epochs=", "--help",
    ];

    private static readonly string[] Values =
    [
        "0", "1", "2", "5", "-1", "3,2,1", "3,2,2,1", "2,1", "3", "0,1", "a", "", "0.01", "1e-3", "1e300", "NaN", "-0",
        "he", "randn", "y", "x1", "4294967295", "4294967296", "99999999999999999999", "1,2,3,4,5", " 3, 2 ,1", "0x10",
    ];

    [Fact]
    public void Three_thousand_random_command_lines_end_in_success_or_a_clean_error()
    {
        var random = new Random(42);
        using var folder = new TemporaryFolder();
        var csv = folder.Write("data.csv", "x1,x2,x3,y\n0.1,0.2,0.3,0.4\n0.5,0.6,0.7,0.8\n");
        var model = folder.File("model.json");
        var paths = new[] { csv, model, folder.File("missing.csv"), "/no/such/dir/m.json", folder.Path };
        var succeeded = 0;

        for (var i = 0; i < 3000; i++)
        {
            var args = RandomArguments(random, paths);
            var before = Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order().ToArray();

            var run = CliRun.Of(args);

            var line = string.Join(' ', args);
            Assert.True(run.ExitCode is 0 or 2 or 3, $"exit {run.ExitCode} for: {line}");
            if (run.ExitCode == 0)
            {
                succeeded++;
            }
            else
            {
                Assert.True(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, $"not one line for: {line}\n{run.Stderr}");
                Assert.StartsWith("error: ", run.Stderr);
                Assert.DoesNotContain("NaN", run.Stdout);
            }

            var after = Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order().ToArray();
            Assert.All(after, name => Assert.False(name!.EndsWith(".tmp", StringComparison.Ordinal), $"temporary file left by: {line}"));
            if (run.ExitCode != 0)
            {
                Assert.Equal(before, after); // a failed run creates no file
            }
        }

        Assert.True(succeeded > 100, $"only {succeeded} command lines succeeded");
    }

    private static string[] RandomArguments(Random random, string[] paths)
    {
        var args = new List<string>();
        for (var count = random.Next(0, 6); count > 0; count--)
        {
            var option = Options[random.Next(Options.Length)];
            args.Add(option);
            if (random.Next(10) == 0)
            {
                continue; // a missing value
            }

            args.Add(option switch
            {
                "--data" or "--save" or "--load" or "--predict" => paths[random.Next(paths.Length)],
                "--epochs" => random.Next(-2, 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--samples" => random.Next(-1, 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Values[random.Next(Values.Length)],
            });
        }

        return [.. args];
    }
}
