using Backprop.Files;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Playground;

/// <summary>The data a playground run trains on, and its first network.</summary>
/// <param name="Network">The network with its first weights, drawn from the seed.</param>
/// <param name="X">The inputs, one sample per row (standardized for a CSV).</param>
/// <param name="Y">The targets, one row per sample (standardized for a CSV).</param>
/// <param name="FeatureNames">The names of X's columns.</param>
/// <param name="TargetName">The name of y's column.</param>
/// <param name="Columns">For a CSV, every column of the file (the target picker's choices); empty otherwise.</param>
/// <param name="Function">For a 1-D function, the function itself, to draw as a curve; null otherwise.</param>
public sealed record TrainingData(
    Network Network,
    Matrix<double> X,
    Matrix<double> Y,
    IReadOnlyList<string> FeatureNames,
    string TargetName,
    IReadOnlyList<string> Columns,
    Func<double, double>? Function)
{
    /// <summary>The points of a 1-D function: 25 inputs from −3 to 3, as lesson 3 fits sin x.</summary>
    public const int FunctionPoints = 25;

    /// <summary>The smallest input of a 1-D function.</summary>
    public const double FunctionFrom = -3;

    /// <summary>The largest input of a 1-D function.</summary>
    public const double FunctionTo = 3;

    /// <summary>The file name of the bike-rental data set, as its messages name it.</summary>
    public const string BikesFileName = "bike_rentals.csv";

    /// <summary>The original's number of samples.</summary>
    public const int RandomSamples = 10;

    /// <summary>Units per layer, input first: <c>3-2-2-1</c> for the original.</summary>
    public string Shape => string.Join('-', Network.LayerSizes);

    /// <summary>
    /// Builds the data and the first network of <paramref name="settings"/>. For the bikes, <paramref name="bikesCsv"/>
    /// is the text of <c>data/bike_rentals.csv</c> (the page fetches it, a test reads it).
    /// </summary>
    /// <exception cref="InvalidInputException">The settings or the CSV are invalid: the message is the library's, one line, naming the problem and the fix.</exception>
    public static TrainingData Build(PlaygroundSettings settings, string? bikesCsv = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Data switch
        {
            DataSource.Random => Random(settings),
            DataSource.Sine => Curve(settings, "sin x", Math.Sin),
            DataSource.Absolute => Curve(settings, "|x|", Math.Abs),
            DataSource.Step => Curve(settings, "step(x)", x => x > 0 ? 1.0 : 0.0),
            DataSource.Bikes => Csv(settings, BikesFileName, bikesCsv ?? throw new InvalidInputException("The bike-rental data is not loaded: reload the page.")),
            DataSource.Csv => Csv(settings, settings.CsvName ?? PastedName, settings.CsvText ?? throw new InvalidInputException("No CSV given: choose a file or paste its text.")),
            _ => throw new InvalidInputException($"Unknown data source {settings.Data}."),
        };
    }

    /// <summary>The name pasted CSV text goes by in messages.</summary>
    public const string PastedName = "pasted.csv";

    /// <summary>The inputs of a 1-D function: <c>x_i = -3 + 6 i / 24</c>.</summary>
    public static Matrix<double> FunctionInputs() =>
        Matrix<double>.Build.Dense(FunctionPoints, 1, (i, _) => FunctionFrom + ((FunctionTo - FunctionFrom) * i / (FunctionPoints - 1)));

    private static TrainingData Random(PlaygroundSettings settings)
    {
        var problem = RandomProblem.Draw(Layers(3, settings, 1), RandomSamples, settings.Seed, settings.Initialization);
        return new TrainingData(problem.Network, problem.X, problem.Y, ["x0", "x1", "x2"], "y", [], null);
    }

    private static TrainingData Curve(PlaygroundSettings settings, string name, Func<double, double> function)
    {
        var x = FunctionInputs();
        var network = Network.Create(Layers(1, settings, 1), new NumPyRandom(settings.Seed), settings.Initialization);
        return new TrainingData(network, x, x.Map(function), ["x"], name, [], function);
    }

    /// <summary>
    /// A CSV, read by the library's <see cref="CsvDataset"/> from a file of the given name, so that bad data gets the
    /// console program's message word for word. Features and target are standardized, each column with its own
    /// mean and deviation, as lesson 3 does (here over every row: the playground holds no test days out).
    /// </summary>
    private static TrainingData Csv(PlaygroundSettings settings, string fileName, string text) =>
        WithFile(fileName, System.Text.Encoding.UTF8.GetBytes(text), path =>
        {
            var (_, columns) = CsvDataset.LoadFeatures(path);
            var dataset = CsvDataset.Load(path, settings.Target ?? columns[^1]);
            var X = Standardization.Fit(dataset.Features).Apply(dataset.Features);
            var y = Standardization.Fit(dataset.Targets).Apply(dataset.Targets);
            var network = Network.Create(Layers(X.ColumnCount, settings, 1), new NumPyRandom(settings.Seed), settings.Initialization);
            return new TrainingData(network, X, y, dataset.FeatureNames, dataset.TargetNames[0], columns, null);
        });

    /// <summary>
    /// Reads an uploaded file's bytes as the console program reads a CSV file (so a file in a Windows code page, a
    /// zip or a CSV with semicolons gets its message), and returns its text.
    /// </summary>
    /// <param name="fileName">The file's name, as messages name it.</param>
    /// <param name="bytes">The file's content.</param>
    /// <exception cref="InvalidInputException">The file is not a CSV of numbers with a header row: the library's message.</exception>
    public static string ReadUpload(string fileName, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(bytes);
        return WithFile(fileName, bytes, path =>
        {
            CsvDataset.LoadFeatures(path);
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        });
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a file of this name holding <paramref name="bytes"/>, in a folder of its own
    /// that is deleted afterwards: the library reads files, and names them by their file name in its messages.
    /// </summary>
    private static T WithFile<T>(string fileName, byte[] bytes, Func<string, T> read)
    {
        var folder = Path.Combine(Path.GetTempPath(), "backprop-playground-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, SafeFileName(fileName));
            File.WriteAllBytes(path, bytes);
            return read(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The name without folders, and a usable one when it has none.</summary>
    private static string SafeFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        return name.Length == 0 || name is "." or ".." ? PastedName : name;
    }

    private static int[] Layers(int inputs, PlaygroundSettings settings, int outputs) =>
        [inputs, .. settings.HiddenLayers, outputs];
}
