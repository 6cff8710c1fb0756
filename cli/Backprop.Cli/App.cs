using System.Globalization;
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
    }

    private static void Train(Options options, TextWriter stdout, TextWriter stderr)
    {
        // Fail now, not after a long run, if a file asked for cannot be written.
        RequireWritable(options.SavePath, "--save");
        RequireWritable(options.PlotPath, "--plot");

        var (network, input, target) = Setup(options);
        var progress = new ProgressReporter(stderr, options.Epochs, options.Progress);
        var losses = Trainer.Train(network, input, target, options.Epochs, options.LearningRate, (epoch, loss) =>
        {
            if (epoch % options.PrintEvery == 0)
            {
                stdout.WriteLine(LossLine.Format(epoch, loss));
            }

            progress.EpochDone(epoch, loss);
        });

        WarnAboutDeadUnits(network, input, stderr);
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
        RequireFits(data, layers, options.DataFile);
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
            RequireFits(features.ColumnCount, names, network.LayerSizes, options.PredictFile!);
            input = features;
        }
        else
        {
            var data = CsvDataset.Load(options.PredictFile!, options.Target);
            RequireFits(data, network.LayerSizes, options.PredictFile!);
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

    private static void RequireFits(Dataset data, IReadOnlyList<int> layers, string file)
    {
        RequireFits(data.Features.ColumnCount, data.FeatureNames, layers, file);
        if (layers[^1] != 1)
        {
            throw new InvalidInputException(
                $"{Path.GetFileName(file)} has one target column but the last layer has {layers[^1]} units: end --layers with 1.");
        }
    }

    private static void RequireFits(int featureCount, IReadOnlyList<string> names, IReadOnlyList<int> layers, string file)
    {
        if (featureCount != layers[0])
        {
            var suggestion = string.Join(',', new[] { featureCount }.Concat(layers.Skip(1)));
            throw new InvalidInputException(
                $"{Path.GetFileName(file)} has {featureCount} feature columns ({string.Join(", ", names)}) but the first layer has {layers[0]} units: " +
                $"use --layers {suggestion}.");
        }
    }

    /// <summary>
    /// A hidden ReLU that outputs 0 for every sample passes back no gradient and stops learning. When most of
    /// them are dead the network can only fit a constant, so say so.
    /// </summary>
    private static void WarnAboutDeadUnits(Network network, Matrix<double> input, TextWriter stderr)
    {
        var hidden = ReluActivity.HiddenUnitCount(network);
        var dead = ReluActivity.DeadUnits(network.Forward(input));
        if (hidden > 0 && dead.Count * 2 > hidden)
        {
            var names = string.Join(", ", dead.Select(d => $"layer {d.Layer + 1} unit {d.Unit + 1}"));
            stderr.WriteLine(
                $"warning: {dead.Count} of {hidden} hidden ReLU units output 0 for every sample ({names}), so they no longer learn. " +
                "Try a smaller learning rate, --init he, or another --seed.");
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
