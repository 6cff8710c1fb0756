using System.Globalization;
using Backprop.Engine;
using Backprop.Files;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Cli;

/// <summary>
/// The console program: parse the options, set up the network and data as the original notebook does,
/// train, print the loss lines, and write any files asked for. Every failure becomes one line on stderr.
/// </summary>
internal static class App
{
    public const int Success = 0;
    public const int BadInput = 2;
    public const int Diverged = 3;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var options = OptionParser.Parse(args);
            if (options.Help)
            {
                stdout.Write(HelpText.Text);
                return Success;
            }

            if (options.PredictFile is not null)
            {
                Predict(options, stdout, stderr);
                return Success;
            }

            Train(options, stdout, stderr);
            return Success;
        }
        catch (UsageException error)
        {
            return Fail(stderr, error.Message, BadInput);
        }
        catch (InvalidInputException error)
        {
            return Fail(stderr, error.Message, BadInput);
        }
        catch (TrainingDivergedException error)
        {
            return Fail(stderr, error.Message, Diverged);
        }
        catch (OutOfMemoryException)
        {
            return Fail(stderr, "Not enough memory for this network and data: use fewer --samples or smaller --layers.", BadInput);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, $"{error.Message} Check the file paths and their permissions.", BadInput);
        }
    }

    private static void Train(Options options, TextWriter stdout, TextWriter stderr)
    {
        // Fail now, not after a long run, if a file asked for cannot be written or would overwrite an input.
        RequireWritable(options.SavePath, "--save");
        RequireWritable(options.PlotPath, "--plot");
        RequireDistinct(options);

        var (network, input, target) = Setup(options);
        var progress = new ProgressReporter(stderr, options.Epochs, options.Progress);
        var losses = Trainer.Train(network, input, target, options.Epochs, options.LearningRate, method: FastEngine.Default, onEpoch: (epoch, loss) =>
        {
            if (epoch % options.PrintEvery == 0)
            {
                stdout.WriteLine(LossLine.Format(epoch, loss));
            }

            progress.EpochDone(epoch, loss);
        });

        WarnAboutDeadUnits(network, input, options, stderr);
        if (options.SavePath is not null)
        {
            ModelFile.Save(network, options.SavePath);
        }

        if (options.PlotPath is not null)
        {
            LossPlot.Write(losses, network.LayerSizes, options, options.PlotPath);
        }
    }

    /// <summary>
    /// The original's order of draws from the generator: the weights first (drawn even when a saved model
    /// replaces them, so the data stays the same), then X, then y.
    /// </summary>
    private static (Network Network, Matrix<double> Input, Matrix<double> Target) Setup(Options options)
    {
        var random = new NumPyRandom(options.Seed);
        var loaded = options.LoadPath is null ? null : ModelFile.Load(options.LoadPath);
        var layers = loaded?.LayerSizes ?? options.Layers;
        var network = Network.Create(layers, random, options.Initialization);
        if (loaded is not null)
        {
            network = loaded;
        }

        if (options.DataFile is null)
        {
            var input = random.Rand(options.Samples, layers[0]);
            var target = random.Rand(options.Samples, layers[^1]);
            return (network, input, target);
        }

        var data = CsvDataset.Load(options.DataFile, options.Target!);
        RequireFits(data, layers, options.DataFile, fromModel: loaded is not null);
        return (network, data.Features, data.Targets);
    }

    private static void Predict(Options options, TextWriter stdout, TextWriter stderr)
    {
        var network = ModelFile.Load(options.LoadPath!);
        Matrix<double> input;
        Matrix<double>? target = null;
        if (options.Target is null)
        {
            var (features, names) = CsvDataset.LoadFeatures(options.PredictFile!);
            RequireFits(features.ColumnCount, names, network.LayerSizes, options.PredictFile!, fromModel: true);
            input = features;
        }
        else
        {
            var data = CsvDataset.Load(options.PredictFile!, options.Target);
            RequireFits(data, network.LayerSizes, options.PredictFile!, fromModel: true);
            input = data.Features;
            target = data.Targets;
        }

        var prediction = network.Predict(input);
        var outputs = prediction.ColumnCount;
        stdout.WriteLine(outputs == 1 ? "prediction" : string.Join(',', Enumerable.Range(1, outputs).Select(i => $"prediction{i}")));
        foreach (var row in prediction.EnumerateRows())
        {
            stdout.WriteLine(string.Join(',', row.Select(value => value.ToString("R", CultureInfo.InvariantCulture))));
        }

        if (target is not null)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MSE: {Loss.Mse(target, prediction):R}"));
        }
    }

    /// <summary>
    /// Checks that a CSV's columns fit the network. The fix offered depends on where the layers came from:
    /// --layers can be changed, a loaded model's layers cannot.
    /// </summary>
    private static void RequireFits(Dataset data, IReadOnlyList<int> layers, string file, bool fromModel)
    {
        RequireFits(data.Features.ColumnCount, data.FeatureNames, layers, file, fromModel);
        if (layers[^1] != 1)
        {
            throw new InvalidInputException(fromModel
                ? $"{Path.GetFileName(file)} has one target column but the model has {layers[^1]} outputs: use a model trained with one output."
                : $"{Path.GetFileName(file)} has one target column but the last layer has {layers[^1]} units: end --layers with 1.");
        }
    }

    private static void RequireFits(int featureCount, IReadOnlyList<string> names, IReadOnlyList<int> layers, string file, bool fromModel)
    {
        if (featureCount == layers[0])
        {
            return;
        }

        var problem = $"{Path.GetFileName(file)} has {featureCount} feature columns ({string.Join(", ", names)}) but ";
        throw new InvalidInputException(fromModel
            ? problem + $"the model expects {layers[0]} features: give a file with exactly those feature columns (name the target with --target, it is left out)."
            : problem + $"the first layer has {layers[0]} units: use --layers {string.Join(',', new[] { featureCount }.Concat(layers.Skip(1)))}.");
    }

    /// <summary>Refuses to write an output over an input or over another output: nothing the user gave is ever lost.</summary>
    private static void RequireDistinct(Options options)
    {
        var inputs = new[] { ("--data", options.DataFile), ("--predict", options.PredictFile) };
        var outputs = new[] { ("--save", options.SavePath), ("--plot", options.PlotPath) };
        foreach (var (outputName, output) in outputs.Where(o => o.Item2 is not null))
        {
            foreach (var (otherName, other) in inputs.Concat(outputs).Where(o => o.Item2 is not null && o.Item1 != outputName))
            {
                if (SamePath(output!, other!))
                {
                    throw new InvalidInputException(
                        $"{outputName} and {otherName} name the same file '{output}': writing it would destroy the other. Choose another file name.");
                }
            }
        }
    }

    private static bool SamePath(string first, string second) =>
        string.Equals(Path.GetFullPath(first), Path.GetFullPath(second), StringComparison.Ordinal);

    /// <summary>
    /// A hidden ReLU that outputs 0 for every sample passes back no gradient and stops learning. When most of
    /// them are dead the network can only fit a constant, so say so.
    /// </summary>
    private static void WarnAboutDeadUnits(Network network, Matrix<double> input, Options options, TextWriter stderr)
    {
        var hidden = ReluActivity.HiddenUnitCount(network);
        var dead = ReluActivity.DeadUnits(network.Forward(input));
        if (hidden > 0 && dead.Count * 2 > hidden)
        {
            var names = string.Join(", ", dead.Select(d => $"layer {d.Layer + 1} unit {d.Unit + 1}"));
            stderr.WriteLine(
                $"warning: {dead.Count} of {hidden} hidden ReLU units output 0 for every sample ({names}), so they no longer learn. " +
                (options.Initialization == Initialization.Randn && options.LoadPath is null
                    ? "Try a smaller learning rate, --init he, or another --seed."
                    : "Try a smaller learning rate or another --seed."));
        }
    }

    private static void RequireWritable(string? path, string option)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            AtomicFile.RequireWritable(path);
        }
        catch (InvalidInputException error)
        {
            throw new InvalidInputException($"{option}: {error.Message}", error);
        }
    }

    private static int Fail(TextWriter stderr, string message, int exitCode)
    {
        stderr.WriteLine($"error: {message}");
        return exitCode;
    }
}
