using System.Globalization;
using System.Text;

namespace Backprop.Playground;

/// <summary>
/// A playground run as a .NET file-based app: saved as <c>playground.cs</c> in the repository's root and run there with
/// <c>dotnet run playground.cs</c>, it rebuilds the data and the network with the library and prints the same
/// <c>Epoch N, Loss: x.xxxx</c> lines as the playground's loss log.
/// </summary>
public static class CSharpExport
{
    /// <summary>The file name the program expects to be saved as.</summary>
    public const string FileName = "playground.cs";

    /// <summary>
    /// The program for <paramref name="settings"/>, trained for <see cref="PlaygroundSettings.Epoch"/> epochs. For a CSV,
    /// <see cref="PlaygroundSettings.Target"/> names the target column (a run sets it when it starts).
    /// </summary>
    public static string Program(PlaygroundSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var csv = settings.Data is DataSource.Bikes or DataSource.Csv;
        var layers = settings.HiddenLayers;
        var code = new StringBuilder();
        code.AppendLine($"// The backprop playground's run as a program: {Describe(settings)}.");
        code.AppendLine("// Save it in the repository's root and run it there: dotnet run playground.cs");
        code.AppendLine("#:project lib/Backprop/Backprop.csproj");
        if (csv)
        {
            code.AppendLine("#:project lib/Backprop.Files/Backprop.Files.csproj");
        }

        code.AppendLine();
        code.AppendLine("using Backprop;");
        if (csv)
        {
            code.AppendLine("using Backprop.Files;");
        }

        code.AppendLine("using MathNet.Numerics.LinearAlgebra;");
        code.AppendLine();
        var init = settings.Initialization == Initialization.He ? "Initialization.He" : "Initialization.Randn";
        var seed = settings.Seed.ToString(CultureInfo.InvariantCulture);
        var hidden = string.Concat(layers.Select(units => $", {units}"));
        switch (settings.Data)
        {
            case DataSource.Random:
                code.AppendLine($"// The original's draw order: the weights, then X = rand({TrainingData.RandomSamples}, 3), then y = rand({TrainingData.RandomSamples}, 1).");
                code.AppendLine($"var problem = RandomProblem.Draw([3{hidden}, 1], samples: {TrainingData.RandomSamples}, seed: {seed}, {init});");
                code.AppendLine("var (network, X, y) = (problem.Network, problem.X, problem.Y);");
                break;
            case DataSource.Sine or DataSource.Absolute or DataSource.Step:
                var function = settings.Data switch
                {
                    DataSource.Sine => "Math.Sin",
                    DataSource.Absolute => "Math.Abs",
                    _ => "x => x > 0 ? 1.0 : 0.0",
                };
                code.AppendLine($"// {TrainingData.FunctionPoints} inputs from {TrainingData.FunctionFrom} to {TrainingData.FunctionTo}, and the function to fit.");
                code.AppendLine($"var X = Matrix<double>.Build.Dense({TrainingData.FunctionPoints}, 1, (i, _) => {Number(TrainingData.FunctionFrom)} + ({Number(TrainingData.FunctionTo - TrainingData.FunctionFrom)} * i / {TrainingData.FunctionPoints - 1}));");
                code.AppendLine($"var y = X.Map({function});");
                code.AppendLine($"var network = Network.Create([1{hidden}, 1], new NumPyRandom({seed}), {init});");
                break;
            default:
                if (settings.Data == DataSource.Bikes)
                {
                    code.AppendLine($"var data = CsvDataset.Load(\"data/{TrainingData.BikesFileName}\", targetColumn: {Literal(settings.Target ?? "rentals")});");
                }
                else
                {
                    code.AppendLine($"var csv = {RawString(settings.CsvText ?? "")};");
                    code.AppendLine($"var data = CsvDataset.Read(new StringReader(csv), targetColumn: {Literal(settings.Target ?? "")}, sourceName: {Literal(settings.CsvName ?? TrainingData.PastedName)});");
                }

                code.AppendLine("// Features and target standardized, each column with its own mean and standard deviation, as lesson 3 does.");
                code.AppendLine("var X = Standardization.Fit(data.Features).Apply(data.Features);");
                code.AppendLine("var y = Standardization.Fit(data.Targets).Apply(data.Targets);");
                code.AppendLine($"var network = Network.Create([X.ColumnCount{hidden}, 1], new NumPyRandom({seed}), {init});");
                break;
        }

        code.AppendLine();
        code.AppendLine($"// Full-batch gradient descent, printing every {PlaygroundRun.PrintEvery}th epoch's loss; each learning rate from its first epoch on.");
        code.AppendLine($"(int From, double LearningRate)[] rates = [{string.Join(", ", settings.LearningRates.Select(change => $"({change.FromEpoch}, {Number(change.LearningRate)})"))}];");
        code.AppendLine($"var epochs = {settings.Epoch.ToString(CultureInfo.InvariantCulture)};");
        code.AppendLine("var losses = new List<double>();");
        code.AppendLine("for (var i = 0; i < rates.Length; i++)");
        code.AppendLine("{");
        code.AppendLine("    var (from, learningRate) = rates[i];");
        code.AppendLine("    var until = Math.Min(epochs, i + 1 < rates.Length ? rates[i + 1].From : epochs);");
        code.AppendLine("    if (until <= from)");
        code.AppendLine("    {");
        code.AppendLine("        break;");
        code.AppendLine("    }");
        code.AppendLine();
        code.AppendLine("    try");
        code.AppendLine("    {");
        code.AppendLine("        Trainer.Train(network, X, y, until - from, learningRate, onEpoch: (epoch, loss) =>");
        code.AppendLine("        {");
        code.AppendLine("            losses.Add(loss);");
        code.AppendLine($"            if ((from + epoch) % {PlaygroundRun.PrintEvery} == 0)");
        code.AppendLine("            {");
        code.AppendLine("                Console.WriteLine(LossLine.Format(from + epoch, loss));");
        code.AppendLine("            }");
        code.AppendLine("        });");
        code.AppendLine("    }");
        code.AppendLine("    catch (TrainingDivergedException diverged)");
        code.AppendLine("    {");
        code.AppendLine("        // Each Train call counts its epochs from 0: the message names the run's epoch.");
        code.AppendLine("        Console.Error.WriteLine(diverged.After(losses.Take(from).ToList()).Message);");
        code.AppendLine("        return 1;");
        code.AppendLine("    }");
        code.AppendLine("}");
        code.AppendLine();
        code.AppendLine("return 0;");
        return code.ToString();
    }

    private static string Describe(PlaygroundSettings settings) =>
        $"data {PlaygroundLink.NameOf(settings.Data)}, hidden layers {(settings.HiddenLayers.Count == 0 ? "none" : string.Join(',', settings.HiddenLayers))}, " +
        $"{(settings.Initialization == Initialization.He ? "He" : "randn")} initialization, seed {settings.Seed}, {settings.Epoch} epochs";

    /// <summary>A double literal that reads back to the same value (<c>0.01</c>, <c>1.0</c>, <c>1E-05</c>).</summary>
    private static string Number(double value)
    {
        var text = PlaygroundLink.Number(value);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A C# string literal.</summary>
    private static string Literal(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    /// <summary>A C# raw string literal holding <paramref name="text"/> exactly, with more quotes than any run in the text.</summary>
    private static string RawString(string text)
    {
        var longestRun = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '"' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        var quotes = new string('"', Math.Max(3, longestRun + 1));
        return text.Contains('\r', StringComparison.Ordinal) || !text.Contains('\n', StringComparison.Ordinal) ? Literal(text) : $"{quotes}\n{text}\n{quotes}";
    }
}
