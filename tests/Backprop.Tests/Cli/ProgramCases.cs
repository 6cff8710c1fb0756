using System.Text;

namespace Backprop.Tests.Cli;

/// <summary>
/// One run of the built program for a row of the README: the README's own example where it gives one, in a fresh
/// folder holding <see cref="Files"/>, with what it must print.
/// </summary>
/// <param name="Row">The row's first cell in README.md (the problem, or the option), which names the case.</param>
/// <param name="Args">The program's arguments; file names are relative to the case's folder.</param>
/// <param name="ExitCode">The exit code it must give.</param>
/// <param name="Expected">Text its stderr (exit code not 0) or stdout (0) must contain; for an error or warning, also found in the README row's message.</param>
internal sealed record ProgramCase(string Row, string[] Args, int ExitCode, string Expected)
{
    /// <summary>Files to make in the folder first: name and content.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>Folders to make in the folder first.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    /// <summary>A character device to make in the folder (name, major, minor), where <c>mknod</c> is allowed.</summary>
    public (string Name, int Major, int Minor)? Device { get; init; }

    /// <summary>Variables for the program's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The reader of stdout goes away at once.</summary>
    public bool CloseStdout { get; init; }

    /// <summary>A file the run must leave in the folder.</summary>
    public string? Creates { get; init; }

    /// <summary>Whether the native executable gives this result too (false only for a chart).</summary>
    public bool Native { get; init; } = true;

    /// <summary>Sets up a fresh folder and runs <paramref name="program"/> there.</summary>
    public CliRun RunIn(TemporaryFolder folder, BuiltProgram program)
    {
        foreach (var name in Folders)
        {
            Directory.CreateDirectory(folder.File(name));
        }

        foreach (var (name, content) in Files)
        {
            File.WriteAllBytes(folder.File(name), content);
        }

        if (Device is var (device, major, minor))
        {
            Skip.IfNot(Devices.TryMake(folder.File(device), 'c', major, minor), "making a device node (mknod) needs root");
        }

        return program.Run(Args, new RunSettings { WorkingDirectory = folder.Path, Environment = Environment, CloseStdout = CloseStdout });
    }

    /// <summary>
    /// Checks the run: the exit code, and the expected text; an error or warning is exactly one line, without a stack
    /// trace. Progress lines, which a slow machine may print in any run longer than two seconds, are left out, except
    /// for <c>--no-progress</c>, whose stderr must be empty.
    /// </summary>
    public void Check(CliRun run, TemporaryFolder folder)
    {
        Assert.True(ExitCode == run.ExitCode, $"{Row}: exit code {run.ExitCode}, not {ExitCode}\nstdout: {run.Stdout}\nstderr: {run.Stderr}");
        var quiet = Args.Contains("--no-progress");
        var messages = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => quiet || !line.StartsWith("progress: ", StringComparison.Ordinal)).ToArray();
        if (ExitCode == 0 && !IsWarning)
        {
            Assert.Contains(Expected, run.Stdout);
            Assert.Empty(messages);
        }
        else
        {
            var line = Assert.Single(messages);
            Assert.StartsWith(IsWarning ? "warning: " : "error: ", line);
            Assert.Contains(Expected, line);
        }

        if (Creates is not null)
        {
            Assert.True(File.Exists(folder.File(Creates)), $"{Row}: {Creates} was not written");
        }
    }

    /// <summary>Whether the README row is a warning (exit 0, one line on stderr), not an error.</summary>
    public bool IsWarning => Expected.StartsWith("warning: ", StringComparison.Ordinal);

    public override string ToString() => Row;
}

/// <summary>The README's option table and error table, each row as a run of the built program.</summary>
internal static class ProgramCases
{
    private const string Model = "{\"layers\":[3,1],\"weights\":[[[0.5],[-0.25],[1]]],\"biases\":[[0.125]],\"columns\":{\"features\":[\"a\",\"b\",\"c\"],\"target\":\"y\"}}";
    private const string OldModel = "{\"layers\":[3,1],\"weights\":[[[0.5],[-0.25],[1]]],\"biases\":[[0.125]]}";
    private const string Data = "a,b,c,y\n0.1,0.2,0.3,1\n0.4,0.5,0.6,0\n";
    private const string MemoryLimit = "10000000"; // 256 MiB for the GC: DOTNET_GCHeapHardLimit, in hex without 0x (the native runtime ignores a value with 0x)

    /// <summary>Every row of the README's option table (its first cell), as a run that uses that option.</summary>
    public static IReadOnlyList<ProgramCase> Options { get; } =
    [
        new("`--seed N`", ["--seed", "5", "--epochs", "1"], 0, "Epoch 0, Loss: "),
        new("`--layers 3,2,2,1`", ["--layers", "3,4,1", "--epochs", "1"], 0, "Epoch 0, Loss: "),
        new("`--lr X`", ["--lr", "0.1", "--epochs", "101"], 0, "Epoch 100, Loss: "),
        new("`--epochs N`", ["--epochs", "1"], 0, "Epoch 0, Loss: 0.0736\n"),
        new("`--print-every N`", ["--print-every", "1", "--epochs", "2"], 0, "Epoch 0, Loss: 0.0736\nEpoch 1, Loss: "),
        new("`--samples N`", ["--samples", "20", "--epochs", "1"], 0, "Epoch 0, Loss: "),
        new("`--init randn\\|he`", ["--init", "he", "--epochs", "1"], 0, "Epoch 0, Loss: "),
        new("`--data FILE.csv --target COLUMN`", ["--data", "data.csv", "--target", "y", "--epochs", "1"], 0, "Epoch 0, Loss: ") { Files = Text(("data.csv", Data)) },
        new("`--save model.json`", ["--epochs", "1", "--save", "model.json"], 0, "Epoch 0, Loss: ") { Creates = "model.json" },
        new("`--load model.json`", ["--load", "model.json", "--epochs", "1"], 0, "Epoch 0, Loss: ") { Files = Text(("model.json", Model)) },
        new("`--load model.json --predict FILE.csv [--target COLUMN]`", ["--load", "model.json", "--predict", "x.csv"], 0, "prediction\n0.5\n") { Files = Text(("model.json", Model), ("x.csv", "c,a,b\n0.375,0,0\n")) },
        new("`--plot loss.html`", ["--epochs", "10", "--plot", "loss.html"], 0, "Epoch 0, Loss: ") { Creates = "loss.html", Native = false },
        new("`--no-progress`", ["--samples", "25000000", "--layers", "1,1", "--epochs", "0", "--no-progress"], 0, string.Empty),
        new("`-h`, `--help`", ["--help"], 0, "Exit codes: 0 done, 2 bad arguments or data, 3 training diverged."),
    ];

    /// <summary>Every row of the README's table of error messages (its first cell), as a run that meets it.</summary>
    public static IReadOnlyList<ProgramCase> Errors { get; } =
    [
        new("unknown option", ["--frobnicate"], 2, "Unknown option '--frobnicate'. Run with --help to see the options."),
        new("option without its value", ["--epochs"], 2, "--epochs needs a value, for example --epochs 1000."),
        new("an empty file name", ["--save", ""], 2, "--save needs a file name, for example --save model.json."),
        new("option given twice", ["--seed", "1", "--seed", "2"], 2, "--seed is given twice: give it once."),
        new("an argument after `--`", ["--", "x.csv"], 2, "Unexpected argument 'x.csv' after --: this program takes options only. Run with --help to see them."),
        new("bad seed", ["--seed", "abc"], 2, "--seed 'abc' is not a valid seed: use a whole number from 0 to 4294967295."),
        new("bad number", ["--lr", "fast"], 2, "--lr 'fast' is not a number: use digits with a dot for decimals, for example --lr 0.01."),
        new("learning rate ≤ 0, NaN or ∞", ["--lr", "0"], 2, "--lr is 0: the learning rate must be a finite number above 0, for example 0.01."),
        new("negative epochs, print-every or samples ≤ 0", ["--epochs", "-5"], 2, "--epochs is -5: it must be 0 or more."),
        new("a count too big", ["--epochs", "99999999999"], 2, "--epochs is 99999999999: it must be at most 2147483647."),
        new("fewer than two layers", ["--layers", "3"], 2, "--layers '3' has fewer than two layers: list inputs and outputs at least, for example 3,2,2,1."),
        new("a zero-width layer", ["--layers", "3,0,1"], 2, "--layers '3,0,1': layer 2 has 0 units; every layer needs at least 1."),
        new("unknown init", ["--init", "xavier"], 2, "--init 'xavier' is not known: use randn (the original) or he."),
        new("`--data` without `--target` (and the reverse)", ["--data", "data.csv"], 2, "--data needs --target COLUMN: name the column that holds y."),
        new("missing CSV", ["--data", "x.csv", "--target", "y"], 2, "The data file 'x.csv' does not exist: check the path."),
        new("empty CSV / header only", ["--data", "data.csv", "--target", "y"], 2, "data.csv is empty: it needs a header row and at least one row of numbers.") { Files = Text(("data.csv", string.Empty)) },
        new("no such target column", ["--data", "data.csv", "--target", "y"], 2, "data.csv has no column named 'y' (its columns are a, b, c): pass one of these as the target.") { Files = Text(("data.csv", "a,b,c\n1,2,3\n")) },
        new("duplicate or empty header name", ["--data", "data.csv", "--target", "y"], 2, "data.csv header names 'a' twice (columns 1 and 2): every column needs its own name.") { Files = Text(("data.csv", "a,a,y\n1,2,3\n")) },
        new("empty cell", ["--data", "data.csv", "--target", "y"], 2, "data.csv line 3, column 'b' is empty: fill in a number or remove the row.") { Files = Text(("data.csv", "a,b,y\n1,2,3\n1,,3\n")) },
        new("text in a cell", ["--data", "data.csv", "--target", "y"], 2, "data.csv line 3, column 'b' holds 'five', which is not a number: use digits with a dot for decimals, like 0.5.") { Files = Text(("data.csv", "a,b,y\n1,2,3\n1,five,3\n")) },
        new("NaN or ∞ in a cell (also `nan`, `inf`, `-inf`)", ["--data", "data.csv", "--target", "y"], 2, "data.csv line 2, column 'b' holds 'NaN': every value must be a finite number; replace or remove it.") { Files = Text(("data.csv", "a,b,y\n1,NaN,3\n")) },
        new("ragged row", ["--data", "data.csv", "--target", "y"], 2, "data.csv line 3 has 2 values but the header has 3 columns: every row needs one value per column.") { Files = Text(("data.csv", "a,b,y\n1,2,3\n1,2\n")) },
        new("unclosed quote (also in the header)", ["--data", "data.csv", "--target", "y"], 2, "data.csv line 3 opens a quoted value that is never closed: add the missing \" or remove the stray one.") { Files = Text(("data.csv", "a,b,y\n1,2,3\n1,\"2,3\n")) },
        new("features ≠ first layer", ["--data", "data.csv", "--target", "y"], 2, "data.csv has 4 feature columns (a, b, c, d) but the first layer has 3 units: use --layers 4,2,2,1.") { Files = Text(("data.csv", "a,b,c,d,y\n1,2,3,4,5\n")) },
        new("training diverges (exit 3)", ["--lr", "1024"], 3, "Training diverged at epoch 47: "),
        new("the first loss is already not finite (exit 3)", ["--data", "data.csv", "--target", "y"], 3, "The loss of epoch 0, before any update, is infinite: X, y or the starting weights hold values too large to square. Scale the data") { Files = Text(("data.csv", "a,b,c,y\n1e200,1e200,1e200,1e200\n")) },
        new("CSV separated by `;` or tabs", ["--data", "data.csv", "--target", "y"], 2, "data.csv separates its columns with ';': save it with commas between columns and a dot for decimals (0.5, not 0,5).") { Files = Text(("data.csv", "a;b;y\n1;2;3\n")) },
        new("not UTF-8 text", ["--data", "data.csv", "--target", "y"], 2, "data.csv is not UTF-8 text (it may be in a Windows code page such as cp1252): save it as CSV in UTF-8.") { Files = new Dictionary<string, byte[]> { ["data.csv"] = [.. "a,caf"u8, 0xE9, .. ",y\n1,2,3\n"u8] } },
        new("a line longer than 4,194,304 characters", ["--data", "z.csv", "--target", "y"], 2, "z.csv line 1 is longer than 4194304 characters: a line holds one sample, so this is not a data file. Check the path.") { Files = new Dictionary<string, byte[]> { ["z.csv"] = Enumerable.Repeat((byte)'a', (4 << 20) + 10).ToArray() } },
        new("a folder, a loop of links or an unreadable file as data", ["--data", "x", "--target", "y"], 2, "The data file 'x' is a folder: give the path of a CSV file.") { Folders = ["x"] },
        new("sizes too big to hold", ["--samples", "2000000000"], 2, "Cannot draw a 2000000000×3 matrix: "),
        new("sizes too big to hold", ["--samples", "20000000", "--layers", "1,1"], 2, "Not enough memory for this network and data (") { Environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = MemoryLimit } },
        new("sizes too big to hold", ["--load", "m.json"], 2, "Not enough memory for this network and data (") { Files = Text(("m.json", "{\"layers\":[1,1],\"weights\":[[[0.5]]],\"biases\":[[0]],\"trainedOn\":{\"seed\":0,\"samples\":2000000000}}")), Environment = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = MemoryLimit } },
        new("an output over an input", ["--data", "data.csv", "--target", "y", "--save", "data.csv"], 2, "--save and --data name the same file 'data.csv': writing it would destroy the other. Choose another file name.") { Files = Text(("data.csv", Data)) },
        new("unwritable `--save`/`--plot`", ["--save", "/no/such/dir/m.json"], 2, "--save: Cannot write '/no/such/dir/m.json': the folder '/no/such/dir' does not exist. Create it or choose another."),
        new("a file name too long for the file system", ["--save", new string('ü', 130) + ".json"], 2, "the file name is 265 bytes long in UTF-8, and the system allows at most 255. Choose a shorter name."),
        new("a full disk", ["--epochs", "1", "--save", "full"], 2, "the disk is full. Free some space, or write it to another disk.") { Device = ("full", 1, 7) },
        new("standard output closed, full, or a closed pipe (`\\| head -1`)", [], 2, "Cannot write to standard output: the program reading it has stopped (broken pipe).") { CloseStdout = true },
        new("missing model", ["--load", "m.json"], 2, "The model file 'm.json' does not exist: check the path, or train and --save one first."),
        new("broken model file", ["--load", "m.json"], 2, "Cannot load m.json: it is not complete, valid JSON (") { Files = Text(("m.json", "{\"layers\":[3,2")) },
        new("`--predict` misuse", ["--predict", "x.csv"], 2, "--predict needs --load model.json: the model that makes the predictions."),
        new("a column the model was trained on is missing", ["--load", "m.json", "--predict", "x.csv"], 2, "x.csv has no column named 'c', which the model was trained on (its features are a, b, c): add it.") { Files = Text(("m.json", Model), ("x.csv", "a,b\n1,2\n")) },
        new("a column the model was not trained on", ["--load", "m.json", "--predict", "x.csv"], 2, "x.csv has a column 'd' that the model was not trained on (its features are a, b, c): remove it.") { Files = Text(("m.json", Model), ("x.csv", "a,b,c,d\n1,2,3,4\n")) },
        new("a model file from before column names were kept", ["--load", "m.json", "--predict", "x.csv"], 0, "warning: m.json does not name the columns it was trained on (an older file, or one saved without them): the feature columns of x.csv are taken by position, in file order.") { Files = Text(("m.json", OldModel), ("x.csv", "a,b,c\n1,2,3\n")) },
        new("prediction file with other columns (older model files)", ["--load", "m.json", "--predict", "x.csv"], 2, "x.csv has 2 feature columns (a, b) but the model expects 3 features: give a file with exactly those feature columns (name the target with --target, it is left out).") { Files = Text(("m.json", OldModel), ("x.csv", "a,b\n1,2\n")) },
        new("a prediction that is not finite", ["--load", "m.json", "--predict", "big.csv"], 2, "big.csv data row 2: the prediction is Infinity, not a finite number, because the values in that row are too large for the model. Scale them as the training data was scaled.") { Files = Text(("m.json", Model), ("big.csv", "a,b,c\n1,1,1\n1.7e308,0,1.7e308\n")) },
    ];

    /// <summary>The names of <see cref="Options"/> and <see cref="Errors"/> for a theory: the cases themselves are found by name (several rows have more than one case, numbered).</summary>
    public static TheoryData<string> Names(IReadOnlyList<ProgramCase> cases)
    {
        var names = new TheoryData<string>();
        foreach (var name in cases.Select(Name))
        {
            names.Add(name);
        }

        return names;
    }

    /// <summary>The case named <paramref name="name"/> by <see cref="Names"/>.</summary>
    public static ProgramCase Find(string name) => Options.Concat(Errors).Single(c => Name(c) == name);

    private static string Name(ProgramCase @case)
    {
        var all = Options.Contains(@case) ? Options : Errors;
        var same = all.Where(c => c.Row == @case.Row).ToList();
        return same.Count == 1 ? @case.Row : $"{@case.Row} #{same.IndexOf(@case) + 1}";
    }

    private static Dictionary<string, byte[]> Text(params (string Name, string Content)[] files) =>
        files.ToDictionary(file => file.Name, file => Encoding.UTF8.GetBytes(file.Content));
}
