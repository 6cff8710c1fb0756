namespace Backprop.Tests.Cli;

/// <summary>The built console program as a user runs it: a real process, its real stdout, stderr and exit code.</summary>
public class ProcessTests
{
    [Fact]
    public void The_main_job_prints_only_the_ten_lines_and_exits_0()
    {
        var (exitCode, stdout, stderr) = Run();

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Join('\n', NumPyFixtures.Strings(NumPyFixtures.TrainingCase("original").GetProperty("printed"))) + "\n", stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void A_bad_option_exits_2_with_one_line_and_no_stack_trace()
    {
        var (exitCode, stdout, stderr) = Run("--lr", "zero");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("error: --lr 'zero' is not a number: use digits with a dot for decimals, for example --lr 0.01.\n", stderr);
    }

    [Fact]
    public void Prints_a_dot_under_a_German_locale()
    {
        var (exitCode, stdout, _) = Run(new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" }, "--epochs", "1");

        Assert.Equal(0, exitCode);
        Assert.Equal("Epoch 0, Loss: 0.0736\n", stdout);
    }

    private static CliRun Run(params string[] args) => BuiltProgram.Dotnet.Run(args);

    private static CliRun Run(Dictionary<string, string> environment, params string[] args) =>
        BuiltProgram.Dotnet.Run(args, new RunSettings { Environment = environment });
}
