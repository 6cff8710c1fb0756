using System.Text;
using Backprop.Cli;
using Backprop.Files;
using MathNet.Numerics.LinearAlgebra;
using static Backprop.Tests.Cli.CliErrorTests;

namespace Backprop.Tests.Cli;

/// <summary>Issue 13: inputs built to break the console program end in one clear line and the right exit code.</summary>
public class HostileInputTests
{
    [Fact]
    public void An_output_over_an_input_is_refused_in_any_spelling_of_the_path()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("m.json");
        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model).ExitCode);
        var saved = File.ReadAllText(model);
        File.CreateSymbolicLink(folder.File("link.json"), model);

        AssertOneLineError(CliRun.Of("--load", model, "--plot", model, "--epochs", "5"), 2, "--plot and --load name the same file", "another file name");
        AssertOneLineError(CliRun.Of("--load", model, "--plot", Path.Combine(folder.Path, ".", "m.json")), 2, "--plot and --load name the same file", "another file name");
        AssertOneLineError(CliRun.Of("--load", folder.File("link.json"), "--plot", model), 2, "--plot and --load name the same file", "another file name");
        AssertOneLineError(CliRun.Of("--epochs", "1", "--save", model, "--plot", folder.File("link.json")), 2, "--save and --plot name the same file", "another file name");
        Assert.Equal(saved, File.ReadAllText(model));
    }

    [Fact]
    public void Resuming_may_save_over_the_loaded_model()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("m.json");
        var straight = folder.File("straight.json");
        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model).ExitCode);

        Assert.Equal(0, CliRun.Of("--load", model, "--epochs", "1", "--save", model).ExitCode);

        Assert.Equal(0, CliRun.Of("--epochs", "2", "--save", straight).ExitCode);
        Assert.Equal(File.ReadAllText(straight), File.ReadAllText(model));
    }

    [Theory]
    [InlineData("--save", "--save needs a file name, for example --save model.json.")]
    [InlineData("--plot", "--plot needs a file name, for example --plot loss.html.")]
    [InlineData("--data", "--data needs a file name, for example --data data.csv.")]
    [InlineData("--load", "--load needs a file name, for example --load model.json.")]
    public void An_empty_file_name_is_refused(string option, string message)
    {
        AssertOneLineError(CliRun.Of(option, string.Empty), 2, message, message);
    }

    [Fact]
    public void A_prediction_that_overflows_names_the_row_instead_of_printing_infinity()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("m.json");
        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model).ExitCode);
        var data = folder.Write("big.csv", "a,b,c\n0.1,0.2,0.3\n1e308,1e308,1e308\n");

        var run = CliRun.Of("--load", model, "--predict", data);

        AssertOneLineError(run, 2, "big.csv data row 2: the prediction is", "Scale them");
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void A_huge_target_gives_an_error_not_an_infinite_mse()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("m.json");
        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model).ExitCode);
        var data = folder.Write("big.csv", "a,b,c,y\n0.1,0.2,0.3,1e300\n");

        var run = CliRun.Of("--load", model, "--predict", data, "--target", "y");

        AssertOneLineError(run, 2, "too large to add up", "scale the target column");
        Assert.DoesNotContain("Infinity", run.Stdout);
    }

    [Fact]
    public void Divergence_at_epoch_0_blames_the_data_not_the_learning_rate()
    {
        using var folder = new TemporaryFolder();
        var data = folder.Write("big.csv", "a,b,c,y\n1e200,1,1,1\n0,1,0,1\n");

        var run = CliRun.Of("--data", data, "--target", "y", "--lr", "1e-300");

        AssertOneLineError(run, 3, "before any update", "Scale the data");
        Assert.DoesNotContain("learning rate", run.Stderr);
    }

    [Fact]
    public void Running_out_of_memory_in_training_blames_the_epochs_and_before_it_the_sizes()
    {
        var options = new Options { Epochs = int.MaxValue };

        Assert.Equal($"Not enough memory to keep the losses of {int.MaxValue} epochs: use fewer --epochs.", App.NotEnoughMemory(options, epochsDone: 100));
        Assert.Contains("use fewer --samples or smaller --layers", App.NotEnoughMemory(options, epochsDone: 0));
        Assert.Contains("split it into smaller files", App.NotEnoughMemory(options with { PredictFile = "x.csv" }, epochsDone: 0));
    }

    [Fact]
    public void A_failing_stdout_stops_the_run_with_one_line()
    {
        using var stderr = new StringWriter();

        var exitCode = App.Run(["--epochs", "1"], new FailingWriter(new IOException("No space left on device", 28)), stderr);

        Assert.Equal(2, exitCode);
        Assert.Equal("error: Cannot write to standard output: the disk is full.\n", stderr.ToString());
    }

    [Fact]
    public void A_failing_stderr_never_ends_a_run_and_errors_still_exit_2()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("w.json");
        using var stdout = new StringWriter();

        Assert.Equal(0, App.Run(["--lr", "1e5", "--epochs", "1", "--save", model], stdout, new FailingWriter(new IOException("Bad file descriptor", 9))));
        Assert.True(File.Exists(model));
        Assert.Equal(2, App.Run(["--lr", "abc"], stdout, new FailingWriter(new IOException("Bad file descriptor", 9))));
    }

    [Fact]
    public void The_model_is_saved_before_the_dead_unit_warning_is_worked_out()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File("w.json");
        var stderr = new WatchingWriter(() => File.Exists(model));

        Assert.Equal(0, App.Run(["--lr", "1e5", "--epochs", "1", "--save", model], new StringWriter(), stderr));

        var (line, saved) = Assert.Single(stderr.Lines);
        Assert.StartsWith("warning:", line, StringComparison.Ordinal);
        Assert.True(saved, "the warning came before the save");
    }

    [Fact]
    public void A_warning_about_thousands_of_dead_units_lists_a_few_then_counts_the_rest()
    {
        var network = new Network(
            [Matrix<double>.Build.Dense(3, 5000), Matrix<double>.Build.Dense(5000, 1)],
            [Vector<double>.Build.Dense(5000, -1.0), Vector<double>.Build.Dense(1)]);
        var input = Matrix<double>.Build.Random(4, 3);

        var warning = DeadUnitWarning.For(network, input, new Options())!;

        Assert.True(warning.Length < 500, warning);
        Assert.Contains("5000 of 5000 hidden ReLU units", warning);
        Assert.Contains("layer 1 unit 10 and 4990 more", warning);
    }

    [Fact]
    public void On_identical_samples_the_warning_does_not_offer_fixes_that_cannot_help()
    {
        var network = RandomProblem.Original().Network;

        var warning = DeadUnitWarning.For(network, Matrix<double>.Build.Dense(10, 3), new Options())!;

        Assert.Contains("give data whose rows differ", warning);
        Assert.DoesNotContain("--init he", warning);
    }

    [Fact]
    public void A_long_cell_and_terminal_escapes_are_cut_and_escaped_in_the_message()
    {
        using var folder = new TemporaryFolder();
        var data = folder.Write("d.csv", $"a,y\n{new string('x', 1_000_000)},1\n\u001b[31mred,2\n");

        var run = CliRun.Of("--data", data, "--target", "y", "--layers", "1,1");

        AssertOneLineError(run, 2, "holds 'xxxx", "(999800 more characters)");
        Assert.True(run.Stderr.Length < 1000);
        var escaped = CliRun.Of("--data", folder.Write("e.csv", "a,y\n\u001b[31mred,2\n"), "--target", "y", "--layers", "1,1");
        AssertOneLineError(escaped, 2, "holds '\\x1B[31mred'", "not a number");
    }

    [Fact]
    public void A_header_name_or_file_name_with_a_newline_stays_on_one_line()
    {
        using var folder = new TemporaryFolder();
        var data = folder.Write("d.csv", "\"a\nb\",y\n1,2\n");

        AssertOneLineError(CliRun.Of("--data", data, "--target", "z", "--layers", "1,1"), 2, "its columns are a\\nb, y", "pass one of these");
        AssertOneLineError(CliRun.Of("--data", folder.File("new\nline.csv"), "--target", "y"), 2, "new\\nline.csv", "check the path");
    }

    [Fact]
    public void Bidirectional_controls_in_a_name_are_written_out()
    {
        AssertOneLineError(CliRun.Of("--data", "x\u202ey.csv", "--target", "y"), 2, "'x\\x202Ey.csv' does not exist", "check the path");
    }

    [Fact]
    public void A_header_of_100000_columns_is_named_in_a_short_line()
    {
        using var folder = new TemporaryFolder();
        var header = string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"c{i}"));
        var data = folder.Write("wide.csv", header + "\n" + string.Join(',', Enumerable.Repeat("0", 100_000)) + "\n");

        var run = CliRun.Of("--data", data, "--target", "y");

        AssertOneLineError(run, 2, "its columns are c0, c1, c2", "c9 and 99990 more");
        Assert.True(run.Stderr.Length < 500);
        AssertOneLineError(CliRun.Of("--data", folder.Write("dup.csv", header + ",c5\n" + string.Join(',', Enumerable.Repeat("0", 100_001)) + "\n"), "--target", "c0"), 2, "names 'c5' twice (columns 6 and 100001)", "its own name");
    }

    [Theory]
    [InlineData("\"a,b,y\n1,2,3\n", "line 1 opens a quoted value that is never closed")]
    [InlineData("a,b,y\n1,2,3\n\"\n", "line 3 opens a quoted value that is never closed")]
    [InlineData("a\tb\ty\n1\t2\t3\n", "separates its columns with tabs")]
    [InlineData("a,b,y\n1,inf,3\n", "holds 'inf': every value must be a finite number")]
    [InlineData("a,b,y\n1,-inf,3\n", "holds '-inf': every value must be a finite number")]
    [InlineData("a,b,y\n1,nan,3\n", "holds 'nan': every value must be a finite number")]
    public void Odd_csv_files_get_their_own_message(string content, string problem)
    {
        using var folder = new TemporaryFolder();

        AssertOneLineError(CliRun.Of("--data", folder.Write("data.csv", content), "--target", "y", "--layers", "2,1"), 2, problem, "data.csv");
    }

    [Theory]
    [InlineData("utf16", "not UTF-8 text: it may be UTF-16")]
    [InlineData("cp1252", "is not UTF-8 text (it may be in a Windows code page such as cp1252)")]
    [InlineData("gzip", "is compressed with gzip: unpack it first")]
    public void Files_in_other_encodings_name_the_encoding(string kind, string problem)
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("data.csv");
        var text = "café,b,y\n1,2,3\n";
        File.WriteAllBytes(path, kind switch
        {
            "utf16" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(text),
            "cp1252" => [.. Encoding.ASCII.GetBytes("caf"), 0xe9, .. Encoding.ASCII.GetBytes(",b,y\n1,2,3\n")],
            _ => [0x1f, 0x8b, 0x08, 0x00, 0x00],
        });

        AssertOneLineError(CliRun.Of("--data", path, "--target", "y", "--layers", "2,1"), 2, problem, "data.csv");
    }

    [Fact]
    public void Lines_of_only_spaces_or_tabs_at_the_end_are_blank_lines()
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("--data", folder.Write("data.csv", "a,b,y\n1,2,3\n4,5,6\n   \n\t\n"), "--target", "y", "--layers", "2,1", "--epochs", "1");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused_before_it_fills_the_memory()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("one-line.csv");
        File.WriteAllText(path, new string('0', CsvDataset.MaxLineLength + 10));

        AssertOneLineError(CliRun.Of("--data", path, "--target", "y"), 2, "line 1 is longer than 4194304 characters", "Check the path");
    }

    [Theory]
    [InlineData("--lr", " 0.1 ")]
    [InlineData("--epochs", " 5")]
    [InlineData("--epochs", "+5")]
    [InlineData("--seed", "+5")]
    [InlineData("--seed", " 5 ")]
    [InlineData("--samples", "+3")]
    public void Every_number_is_read_the_same_way(string option, string value)
    {
        string[] args = option == "--epochs" ? [option, value] : [option, value, "--epochs", "1"];

        Assert.Equal(0, CliRun.Of(args).ExitCode);
    }

    [Fact]
    public void A_double_dash_ends_the_options()
    {
        Assert.Equal(0, CliRun.Of("--epochs", "1", "--").ExitCode);
        AssertOneLineError(CliRun.Of("--epochs", "1", "--", "x.csv"), 2, "Unexpected argument 'x.csv' after --", "--help");
    }

    [Fact]
    public void Help_wins_over_a_bad_option()
    {
        var run = CliRun.Of("--frobnicate", "--help", "--lr", "abc");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(HelpText.Text, run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void An_epoch_count_beyond_int_says_the_limit()
    {
        AssertOneLineError(CliRun.Of("--epochs", "99999999999"), 2, "--epochs is 99999999999", "at most 2147483647");
    }

    [Fact]
    public void Resuming_on_random_data_reuses_the_seed_and_samples_of_the_model()
    {
        using var folder = new TemporaryFolder();
        string first = folder.File("first.json"), second = folder.File("second.json"), straight = folder.File("straight.json");

        Assert.Equal(0, CliRun.Of("--seed", "5", "--samples", "7", "--epochs", "100", "--save", first).ExitCode);
        Assert.Equal(0, CliRun.Of("--load", first, "--epochs", "200", "--save", second).ExitCode);
        Assert.Equal(0, CliRun.Of("--seed", "5", "--samples", "7", "--epochs", "300", "--save", straight).ExitCode);

        Assert.Equal(File.ReadAllText(straight), File.ReadAllText(second));
        Assert.Contains("\"trainedOn\":{\"seed\":5,\"samples\":7}", File.ReadAllText(second));
    }

    [SkippableFact]
    public async Task Data_from_a_device_is_named_by_its_whole_path()
    {
        using var folder = new TemporaryFolder();
        var fifo = folder.File("fifo");
        Skip.IfNot(Devices.TryMake(fifo, 'p', 0, 0), "mknod could not make a FIFO here");

        var writer = Task.Run(() => File.WriteAllText(fifo, string.Empty));
        var run = CliRun.Of("--data", fifo, "--target", "y");
        await writer;

        AssertOneLineError(run, 2, $"'{fifo}' is empty", "header row");
    }

    [Fact]
    public void A_save_path_under_a_file_says_that_the_folder_is_a_file()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("m.json", "{}");

        AssertOneLineError(CliRun.Of("--save", Path.Combine(file, "x.json")), 2, $"'{file}' is a file, not a folder", "Choose another path");
    }

    /// <summary>A writer whose every write fails, as a closed stream or a full disk does.</summary>
    private sealed class FailingWriter(Exception error) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw error;

        public override void Write(string? value) => throw error;

        public override void WriteLine(string? value) => throw error;
    }

    /// <summary>Keeps each line with what a check said when it was written.</summary>
    private sealed class WatchingWriter(Func<bool> check) : TextWriter
    {
        public List<(string Line, bool Check)> Lines { get; } = [];

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new NotSupportedException();

        public override void WriteLine(string? value) => Lines.Add((value ?? string.Empty, check()));
    }
}
