namespace Backprop.Tests.Cli;

/// <summary>Every bad input ends in one line on stderr that names the problem and the fix, and exit code 2.</summary>
public class CliErrorTests
{
    [Theory]
    [InlineData(new[] { "--frobnicate" }, "Unknown option '--frobnicate'", "--help")]
    [InlineData(new[] { "--seed", "abc" }, "--seed 'abc' is not a valid seed", "0 to 4294967295")]
    [InlineData(new[] { "--seed", "-1" }, "--seed '-1' is not a valid seed", "0 to 4294967295")]
    [InlineData(new[] { "--seed", "4294967296" }, "not a valid seed", "4294967295")]
    [InlineData(new[] { "--lr", "fast" }, "--lr 'fast' is not a number", "0.01")]
    [InlineData(new[] { "--lr", "0,01" }, "--lr '0,01' is not a number", "dot")]
    [InlineData(new[] { "--lr", "0" }, "--lr is 0", "above 0")]
    [InlineData(new[] { "--lr", "-0.1" }, "--lr is -0.1", "above 0")]
    [InlineData(new[] { "--lr", "NaN" }, "--lr is NaN", "finite")]
    [InlineData(new[] { "--lr", "Infinity" }, "--lr is Infinity", "finite")]
    [InlineData(new[] { "--epochs", "-5" }, "--epochs is -5", "0 or more")]
    [InlineData(new[] { "--epochs", "1.5" }, "--epochs '1.5' is not a whole number", "--epochs 1000")]
    [InlineData(new[] { "--print-every", "0" }, "--print-every is 0", "1 or more")]
    [InlineData(new[] { "--samples", "0" }, "--samples is 0", "1 or more")]
    [InlineData(new[] { "--layers", "3" }, "fewer than two layers", "3,2,2,1")]
    [InlineData(new[] { "--layers", "3,0,1" }, "layer 2 has 0 units", "at least 1")]
    [InlineData(new[] { "--layers", "3,x,1" }, "'x' is not a whole number", "3,2,2,1")]
    [InlineData(new[] { "--init", "xavier" }, "--init 'xavier' is not known", "randn")]
    [InlineData(new[] { "--epochs" }, "--epochs needs a value", "--epochs 1000")]
    [InlineData(new[] { "--seed", "1", "--seed", "2" }, "--seed is given twice", "once")]
    [InlineData(new[] { "--data", "x.csv" }, "--data needs --target", "COLUMN")]
    [InlineData(new[] { "--target", "y" }, "--target needs --data", "FILE.csv")]
    [InlineData(new[] { "--predict", "x.csv" }, "--predict needs --load", "model.json")]
    public void Bad_arguments(string[] args, string problem, string fix)
    {
        var run = CliRun.Of(args);

        AssertOneLineError(run, 2, problem, fix);
    }

    [Fact]
    public void A_missing_csv()
    {
        AssertOneLineError(CliRun.Of("--data", "/no/such/file.csv", "--target", "y"), 2, "'/no/such/file.csv' does not exist", "check the path");
    }

    [Theory]
    [InlineData("", "is empty", "header row")]
    [InlineData("\n\n  \n", "is empty", "header row")]
    [InlineData("a;b;y\n0,1;0,2;0,3\n", "separates its columns with ';'", "commas")]
    [InlineData("a,b,y\n1,2,3\n4\n", "line 3 has 1 value but the header has 3 columns", "one value per column")]
    [InlineData("a,b,y\n", "no data rows", "at least one row")]
    [InlineData("a,b,c\n1,2,3\n", "no column named 'y'", "a, b, c")]
    [InlineData("a,b,y\n1,2,3\n4,,6\n", "line 3, column 'b' is empty", "fill in a number")]
    [InlineData("a,b,y\n1,2,3\n4,five,6\n", "line 3, column 'b' holds 'five', which is not a number", "like 0.5")]
    [InlineData("a,b,y\n1,2,3\n4,5\n", "line 3 has 2 values but the header has 3 columns", "one value per column")]
    [InlineData("a,b,y\n1,2,3\n4,5,6,7\n", "line 3 has 4 values", "one value per column")]
    [InlineData("a,b,y\n1,NaN,3\n", "line 2, column 'b' holds 'NaN'", "finite number")]
    [InlineData("a,b,y\n1,2,Infinity\n", "column 'y' holds 'Infinity'", "finite number")]
    [InlineData("a,a,y\n1,2,3\n", "names 'a' twice", "its own name")]
    public void Bad_csv_files(string content, string problem, string fix)
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("data.csv", content);

        var run = CliRun.Of("--data", file, "--target", "y", "--layers", "2,1");

        AssertOneLineError(run, 2, problem, fix);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void A_csv_whose_feature_count_differs_from_the_first_layer_says_both_numbers()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("data.csv", "a,b,c,d,y\n1,2,3,4,5\n");

        var run = CliRun.Of("--data", file, "--target", "y");

        AssertOneLineError(run, 2, "has 4 feature columns (a, b, c, d) but the first layer has 3 units", "--layers 4,2,2,1");
    }

    [Fact]
    public void One_feature_column_and_one_unit_are_said_in_the_singular()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Write("data.csv", "a,y\n1,2\n");
        var model = folder.Write("m.json", "{\"layers\":[1,1],\"weights\":[[[0.5]]],\"biases\":[[0]],\"trainedOn\":{\"seed\":0,\"samples\":1}}");

        var tooFewUnits = CliRun.Of("--data", file, "--target", "y");
        var tooFewFeatures = CliRun.Of("--data", folder.Write("two.csv", "a,b,y\n1,2,3\n"), "--target", "y", "--layers", "1,1");
        var modelOfOne = CliRun.Of("--load", model, "--predict", folder.Write("x.csv", "a,b\n1,2\n"));

        AssertOneLineError(tooFewUnits, 2, "data.csv has 1 feature column (a) but the first layer has 3 units", "--layers 1,2,2,1");
        AssertOneLineError(tooFewFeatures, 2, "two.csv has 2 feature columns (a, b) but the first layer has 1 unit:", "--layers 2,1");
        AssertOneLineError(modelOfOne, 2, "x.csv has 2 feature columns (a, b) but the model expects 1 feature:", "--target");
    }

    [Fact]
    public void A_folder_or_an_unreadable_file_as_data()
    {
        using var folder = new TemporaryFolder();
        AssertOneLineError(CliRun.Of("--data", folder.Path, "--target", "y"), 2, "is a folder", "CSV file");
        AssertOneLineError(CliRun.Of("--data", "/proc/self/mem", "--target", "y"), 2, "Cannot read the data file '/proc/self/mem'", "readable file");
    }

    [Theory]
    [InlineData("--samples", "2000000000")]
    [InlineData("--layers", "100000,100000,1")]
    [InlineData("--layers", "3,2147483647,1")]
    public void Sizes_too_big_to_hold_are_refused_with_the_fix(string option, string value)
    {
        AssertOneLineError(CliRun.Of(option, value), 2, "Cannot draw a", "Use fewer samples or smaller layers");
    }

    [Fact]
    public void Outputs_never_overwrite_the_data_or_each_other()
    {
        using var folder = new TemporaryFolder();
        var data = folder.Write("d.csv", "a,b,c,y\n1,2,3,4\n");
        var page = folder.File("x");

        AssertOneLineError(CliRun.Of("--data", data, "--target", "y", "--save", data), 2, "--save and --data name the same file", "another file name");
        AssertOneLineError(CliRun.Of("--save", page, "--plot", page), 2, "--save and --plot name the same file", "another file name");
        Assert.Equal("a,b,c,y\n1,2,3,4\n", File.ReadAllText(data));
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void An_unwritable_save_path_fails_before_training()
    {
        var run = CliRun.Of("--save", "/no/such/folder/model.json");

        AssertOneLineError(run, 2, "--save: Cannot write '/no/such/folder/model.json': the folder '/no/such/folder' does not exist", "Create it");
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void A_save_path_that_is_a_folder_is_rejected()
    {
        using var folder = new TemporaryFolder();

        AssertOneLineError(CliRun.Of("--save", folder.Path, "--epochs", "1"), 2, "it is a folder", "file name");
    }

    [Fact]
    public void A_folder_that_refuses_files_is_rejected_before_training()
    {
        // /proc exists but no one, not even root, can create a file in it.
        var run = CliRun.Of("--plot", "/proc/loss.html");

        AssertOneLineError(run, 2, "--plot: Cannot write '/proc/loss.html': the system refused to create a file there in the folder '/proc'", "can be written");
        Assert.DoesNotContain(".tmp", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void A_diverging_run_leaves_an_earlier_save_file_untouched()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Write("model.json", "earlier model");

        var run = CliRun.Of("--lr", "1024", "--epochs", "50", "--save", model);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("earlier model", File.ReadAllText(model));
        Assert.Equal(["model.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    internal static void AssertOneLineError(CliRun run, int exitCode, string problem, string fix)
    {
        Assert.Equal(exitCode, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(problem, line);
        Assert.Contains(fix, line);
        Assert.DoesNotContain("   at ", run.Stderr);
    }
}
