using System.Text;
using Backprop.Files;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Random CSV files, from nearly right to garbage: every one must end in success or one clean error line,
/// never an unhandled exception, never a stray or half-written file.
/// </summary>
public class CsvFuzzTests
{
    private static readonly string[] Pieces =
    [
        "0", "1", "0.5", "-2", "1e3", "7.25", ",", ",", ",", "\n", "\n", "\r\n", "\"", " ", "x", "y", "NaN", "inf", "-",
        ".", "e", "\uFEFF", "\t", ";", "0,5", "1.2.3", "∞", "\0", "é", "\"\"",
    ];

    [Fact]
    public void Two_thousand_random_csv_files_end_in_success_or_a_clean_error()
    {
        var random = new Random(20261128);
        using var folder = new TemporaryFolder();
        var outcomes = new Dictionary<int, int>();

        for (var i = 0; i < 2000; i++)
        {
            var csv = folder.File("data.csv");
            var model = folder.File("model.json");
            File.WriteAllBytes(csv, RandomCsv(random));

            var run = CliRun.Of("--data", csv, "--target", "y", "--layers", $"{random.Next(1, 4)},2,1", "--epochs", "3", "--print-every", "1", "--save", model);

            outcomes[run.ExitCode] = outcomes.GetValueOrDefault(run.ExitCode) + 1;
            Assert.True(run.ExitCode is 0 or 2 or 3, $"exit {run.ExitCode} for {Escape(csv)}");
            if (run.ExitCode == 0)
            {
                Assert.All(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("warning: ", line));
                Assert.All(run.Lines, line => Assert.StartsWith("Epoch ", line));
                ModelFile.Load(model); // a saved model always loads back
                File.Delete(model);
            }
            else
            {
                CliErrorTests.AssertOneLineError(run, run.ExitCode, "error", string.Empty);
                Assert.False(File.Exists(model), "a failed run must not leave a model file");
            }

            Assert.Equal(["data.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName)); // no temporary files
        }

        // The generator must reach both outcomes, or the test proves little.
        Assert.True(outcomes.GetValueOrDefault(0) > 50, $"only {outcomes.GetValueOrDefault(0)} files trained");
        Assert.True(outcomes.GetValueOrDefault(2) > 50, $"only {outcomes.GetValueOrDefault(2)} files were rejected");
    }

    /// <summary>Mostly well-formed files (a header with y and a few rows of numbers) with random damage.</summary>
    private static byte[] RandomCsv(Random random)
    {
        var columns = random.Next(1, 4);
        var text = new StringBuilder();
        var names = Enumerable.Range(1, columns).Select(c => $"x{c}").Append("y").OrderBy(_ => random.Next()).ToArray();
        text.Append(string.Join(',', names)).Append('\n');
        for (var row = random.Next(0, 6); row > 0; row--)
        {
            text.Append(string.Join(',', names.Select(_ => (random.NextDouble() * 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture)))).Append('\n');
        }

        for (var damage = random.Next(0, 4); damage > 0; damage--)
        {
            var at = random.Next(0, text.Length + 1);
            if (random.Next(3) == 0 && text.Length > 0)
            {
                text.Remove(Math.Min(at, text.Length - 1), 1);
            }
            else
            {
                text.Insert(at, Pieces[random.Next(Pieces.Length)]);
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (random.Next(20) == 0 && bytes.Length > 0)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256); // invalid UTF-8 now and then
        }

        return bytes;
    }

    private static string Escape(string path) => File.ReadAllText(path).Replace("\n", "\\n", StringComparison.Ordinal);
}
