namespace Backprop.Tests.Cli;

/// <summary>
/// The natively compiled console program (<c>dotnet publish cli/Backprop.Cli</c>, Native AOT) does what the
/// .NET build does: the same lines, the same files, the same errors; and it refuses --plot with one line.
/// </summary>
public sealed class NativeProgramTests(NativeProgramTests.Published program) : IClassFixture<NativeProgramTests.Published>
{
    [Fact]
    public void The_main_job_prints_the_ten_lines_and_nothing_else()
    {
        var run = program.Run();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Join('\n', NumPyFixtures.Strings(NumPyFixtures.TrainingCase("original").GetProperty("printed"))) + "\n", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Theory]
    [InlineData("--layers", "3,16,16,1", "--samples", "1000", "--epochs", "300", "--init", "he", "--print-every", "50")]
    [InlineData("--layers", "3,64,64,1", "--samples", "5000", "--epochs", "3", "--init", "he", "--print-every", "1", "--no-progress")]
    [InlineData("--lr", "zero")]
    [InlineData("--layers", "3,2,1", "--samples", "0")]
    public void Prints_what_the_dotnet_build_prints(params string[] args)
    {
        var native = program.Run(args);
        var managed = BuiltProgram.Dotnet.Run(args);

        Assert.Equal(managed.ExitCode, native.ExitCode);
        Assert.Equal(managed.Stdout, native.Stdout);
        Assert.Equal(WithoutProgress(managed.Stderr), WithoutProgress(native.Stderr));
    }

    // Progress lines come after two seconds of work: how many there are depends on the machine's load, not the build.
    private static string[] WithoutProgress(string stderr) =>
        stderr.Split('\n').Where(line => !line.StartsWith("progress: ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Trains_on_a_csv_file_saves_the_model_and_predicts_with_it()
    {
        using var folder = new TemporaryFolder();
        var data = folder.Write("rides.csv", "temperature,humidity,rides\n0.2,0.5,1.5\n0.8,0.1,2.5\n0.5,0.9,1.0\n0.1,0.3,0.7\n");
        var features = folder.Write("days.csv", "temperature,humidity\n0.3,0.4\n0.9,0.2\n");
        var train = new[] { "--data", data, "--target", "rides", "--layers", "2,4,1", "--epochs", "50", "--print-every", "10", "--init", "he" };

        var native = program.Run([.. train, "--save", folder.File("native.json")]);
        var managed = CliRun.Of([.. train, "--save", folder.File("managed.json")]);

        Assert.Equal(0, native.ExitCode);
        Assert.Equal(managed.Stdout, native.Stdout);
        Assert.Equal(File.ReadAllText(folder.File("managed.json")), File.ReadAllText(folder.File("native.json")));
        var predicted = program.Run("--load", folder.File("native.json"), "--predict", features);
        Assert.Equal(0, predicted.ExitCode);
        Assert.Equal(CliRun.Of("--load", folder.File("managed.json"), "--predict", features).Stdout, predicted.Stdout);
    }

    [Fact]
    public void Refuses_plot_with_one_line_that_names_the_fix_and_writes_nothing()
    {
        using var folder = new TemporaryFolder();

        var run = program.Run("--plot", folder.File("loss.html"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(
            "error: --plot: this native build (dotnet publish) cannot draw charts, because Plotly.NET needs the .NET runtime's JIT: run `dotnet run --project cli/Backprop.Cli -- --plot FILE` for the chart.\n",
            run.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    public static TheoryData<string> OptionRows => ProgramCases.Names(ProgramCases.Options);

    public static TheoryData<string> ErrorRows => ProgramCases.Names(ProgramCases.Errors);

    [SkippableTheory]
    [MemberData(nameof(OptionRows))]
    public void Every_option_works_in_the_native_executable(string row) => RunAndCheck(row);

    [SkippableTheory]
    [MemberData(nameof(ErrorRows))]
    public void Every_error_row_is_what_the_native_executable_says(string row) => RunAndCheck(row);

    private void RunAndCheck(string row)
    {
        var @case = ProgramCases.Find(row);
        Skip.IfNot(@case.Native, "the native executable refuses --plot (tested above)");
        using var folder = new TemporaryFolder();

        var run = @case.RunIn(folder, program.Program);

        @case.Check(run, folder);
    }

    /// <summary>The program published once for the whole class, from a <see cref="SourceCopy"/>.</summary>
    public sealed class Published : IDisposable
    {
        private readonly SourceCopy _sources = new();

        public Published()
        {
            var output = _sources.Output("out");
            var publish = new BuiltProgram("dotnet", []).Run(["publish", _sources.CliProject, "-o", output, "--nologo", "-v", "quiet"], new RunSettings());
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{publish.Stdout}\n{publish.Stderr}");
            Executable = Path.Combine(output, "Backprop.Cli");
            Assert.True(File.Exists(Executable), $"no native program at {Executable}");
            Assert.False(File.Exists(Path.Combine(output, "Backprop.Cli.dll")), "the publish should make a native program, not a .NET assembly");
            Program = BuiltProgram.Native(Executable);
        }

        /// <summary>The native program.</summary>
        public string Executable { get; }

        /// <summary>The native program, to run.</summary>
        internal BuiltProgram Program { get; }

        /// <summary>Runs the native program in the current folder.</summary>
        internal CliRun Run(params string[] args) => Program.Run(args);

        public void Dispose() => _sources.Dispose();
    }
}
