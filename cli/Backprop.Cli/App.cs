using System.Globalization;
using System.Runtime.InteropServices;
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

    // About half a second of drawing: random data this large gets a progress line before it is drawn.
    private const long LargeDraw = 50_000_000;

    /// <summary>Runs as a process: on the real standard output and error, with SIGINT, SIGTERM, SIGHUP and SIGQUIT leaving no temporary file behind.</summary>
    public static int RunConsole(IReadOnlyList<string> args)
    {
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => AtomicFile.Abandon());
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => AtomicFile.Abandon());
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => AtomicFile.Abandon());
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, _ => AtomicFile.Abandon());
        using var stdout = ConsoleStreams.Open(1);
        using var stderr = ConsoleStreams.Open(2);
        return Run(args, stdout, stderr);
    }

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var results = new ResultWriter(stdout);
        var messages = new MessageWriter(stderr);
        Options? options = null;
        var epochsDone = 0;
        try
        {
            options = OptionParser.Parse(args);
            if (options.Help)
            {
                results.Write(HelpText.Text);
                return Success;
            }

            if (options.PredictFile is not null)
            {
                Predict(options, results, messages);
                return Success;
            }

            Train(options, results, messages, () => epochsDone++);
            return Success;
        }
        catch (Exception error) when (error is UsageException or InvalidInputException or StandardOutputException)
        {
            return Fail(messages, error.Message, BadInput);
        }
        catch (TrainingDivergedException error)
        {
            return Fail(messages, error.Message, Diverged);
        }
        catch (Exception error) when (error is OutOfMemoryException or OverflowException)
        {
            // OverflowException: a size calculation too big for its type, which is the same problem.
            return Fail(messages, NotEnoughMemory(options, epochsDone), BadInput);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Fail(messages, $"{error.Message} Check the file paths and their permissions.", BadInput);
        }
        catch (OperationCanceledException)
        {
            return 128 + 2; // stopped by a signal (reported as an interrupt, whichever it was) while a file was being written: nothing is left behind
        }
    }

    /// <summary>
    /// What to say when memory runs out. Before the first epoch it is the data and the network; after it, the
    /// list of losses, which grows by one per epoch.
    /// </summary>
    internal static string NotEnoughMemory(Options? options, int epochsDone) => options switch
    {
        { PredictFile: { } file } => $"Not enough memory to predict {Shown.Text(Path.GetFileName(file))}: split it into smaller files.",
        { Epochs: var epochs } when epochsDone > 0 => $"Not enough memory to keep the losses of {epochs} epochs: use fewer --epochs.",
        _ => "Not enough memory for this network and data: use fewer --samples or smaller --layers.",
    };

    private static void Train(Options options, TextWriter stdout, TextWriter stderr, Action epochDone)
    {
        // Fail now, not after a long run, if a file asked for cannot be written or would overwrite an input.
        if (options.PlotPath is not null && LossPlot.Unavailable is { } noCharts)
        {
            throw new UsageException(noCharts);
        }

        RequireWritable(options.SavePath, "--save");
        RequireWritable(options.PlotPath, "--plot");
        RequireDistinct(options);

        var progress = new ProgressReporter(stderr, options.Epochs, options.Progress);
        var (network, input, target, trainedOn, columns) = Setup(options, progress, stderr);
        var losses = Trainer.Train(network, input, target, options.Epochs, options.LearningRate, method: FastEngine.Default, onEpoch: (epoch, loss) =>
        {
            epochDone();
            if (epoch % options.PrintEvery == 0)
            {
                stdout.WriteLine(LossLine.Format(epoch, loss));
            }

            progress.EpochDone(epoch, loss);
        });

        // The files first: nothing after training may lose a finished model.
        if (options.SavePath is not null)
        {
            Save(network, options.SavePath, trainedOn, columns);
        }

        if (options.PlotPath is not null)
        {
            var data = options.DataFile is null ? $"seed {trainedOn!.Seed}" : Path.GetFileName(options.DataFile);
            LossPlot.Write(losses, network.LayerSizes, data, options.LearningRate, options.PlotPath);
        }

        DeadUnitWarning.WriteIfMostAreDead(network, input, options, stderr);
    }

    private static void Save(Network network, string path, RandomData? trainedOn, ModelColumns? columns)
    {
        try
        {
            ModelFile.Save(network, path, trainedOn, columns);
        }
        catch (InvalidInputException error)
        {
            throw new InvalidInputException($"--save: {error.Message}", error);
        }
    }

    /// <summary>
    /// The original's order of draws from the generator: the weights first (drawn even when a saved model
    /// replaces them, so the data stays the same), then X, then y. Random data resumed from a model file takes the
    /// model's seed and samples, unless --seed or --samples say otherwise. A CSV's columns are found by the names a
    /// loaded model was trained on, in any order (by position, with a warning, for a model file without names).
    /// Nothing large is allocated before the run's size is compared with the memory there is.
    /// </summary>
    private static (Network Network, Matrix<double> Input, Matrix<double> Target, RandomData? TrainedOn, ModelColumns? Columns) Setup(
        Options options, ProgressReporter progress, TextWriter stderr)
    {
        var saved = options.LoadPath is null ? null : ModelFile.LoadWithData(options.LoadPath);
        var loaded = saved?.Network;
        var layers = loaded?.LayerSizes ?? options.Layers;
        if (options.DataFile is null)
        {
            var data = new RandomData(
                options.Seed ?? saved?.TrainedOn?.Seed ?? Options.DefaultSeed,
                options.Samples ?? saved?.TrainedOn?.Samples ?? Options.DefaultSamples);
            // W1, W2, …, then X and y: announced only when it is long and can be drawn at all.
            var shapes = Enumerable.Range(0, layers.Count - 1).Select(i => (Rows: (long)layers[i], Columns: (long)layers[i + 1]))
                .Append((data.Samples, layers[0])).Append((data.Samples, layers[^1])).ToArray();
            var numbers = shapes.Sum(shape => shape.Rows * shape.Columns);
            var drawable = shapes.All(shape => InputRules.MatrixSizeProblem(shape.Rows, shape.Columns) is null);
            if (drawable)
            {
                MemoryCheck.RequireRoom(data.Samples, layers, MemoryCheck.Available()); // a shape too large for an array is refused by the draw, with its own message
            }

            if (numbers >= LargeDraw && drawable)
            {
                progress.Announce($"drawing {numbers} random numbers (the weights, then {data.Samples} samples)");
            }

            var problem = RandomProblem.Draw(layers, data.Samples, data.Seed, options.Initialization);
            return (loaded ?? problem.Network, problem.X, problem.Y, data, null);
        }

        var random = new NumPyRandom(options.Seed ?? Options.DefaultSeed);
        var network = loaded ?? Network.Create(layers, random, options.Initialization);
        if (saved?.Columns is { } columns)
        {
            var (features, targets) = CsvDataset.LoadMatching(options.DataFile, columns, options.Target!);
            return (network, features, targets!, null, columns);
        }

        if (saved is { TrainedOn: null })
        {
            WarnByPosition(options.LoadPath!, options.DataFile, stderr);
        }

        var dataset = CsvDataset.Load(options.DataFile, options.Target!, lines => progress.Note($"read {lines} lines of {Shown.Text(Path.GetFileName(options.DataFile))}"));
        RequireFits(dataset, layers, options.DataFile, fromModel: loaded is not null);
        return (network, dataset.Features, dataset.Targets, null, new ModelColumns(dataset.FeatureNames, dataset.TargetNames[0]));
    }

    /// <summary>
    /// The one line for a model file that says neither what CSV columns nor what random data it was trained on: saved
    /// before model files kept column names, or by the library without them. (A model trained on random data has no
    /// column names to keep: its columns are positions.)
    /// </summary>
    private static void WarnByPosition(string model, string data, TextWriter stderr) =>
        stderr.WriteLine(
            $"warning: {Shown.Text(Path.GetFileName(model))} does not name the columns it was trained on (an older file, or one saved without them): the feature columns of {Shown.Text(Path.GetFileName(data))} are taken by position, in file order. Save it again to keep the names.");

    private static void Predict(Options options, TextWriter stdout, TextWriter stderr)
    {
        var saved = ModelFile.LoadWithData(options.LoadPath!);
        var network = saved.Network;
        var file = options.PredictFile!;
        Matrix<double> input;
        Matrix<double>? target = null;
        if (saved.Columns is { } columns)
        {
            (input, target) = CsvDataset.LoadMatching(file, columns, options.Target);
        }
        else if (options.Target is null)
        {
            var (features, names) = CsvDataset.LoadFeatures(file);
            RequireFits(features.ColumnCount, names, network.LayerSizes, file, fromModel: true);
            input = features;
        }
        else
        {
            var data = CsvDataset.Load(file, options.Target);
            RequireFits(data, network.LayerSizes, file, fromModel: true);
            input = data.Features;
            target = data.Targets;
        }

        if (saved is { Columns: null, TrainedOn: null })
        {
            WarnByPosition(options.LoadPath!, file, stderr);
        }

        var prediction = network.Predict(input);
        RequireFinitePredictions(prediction, file);
        var mse = target is null ? (double?)null : Loss.Mse(target, prediction);
        if (mse is double value && !double.IsFinite(value))
        {
            throw new InvalidInputException(
                $"{Shown.Text(Path.GetFileName(file))}: the squared errors are too large to add up (the MSE is {value.ToString(CultureInfo.InvariantCulture)}): scale the target column.");
        }

        var outputs = prediction.ColumnCount;
        stdout.WriteLine(outputs == 1 ? "prediction" : string.Join(',', Enumerable.Range(1, outputs).Select(i => $"prediction{i}")));
        foreach (var row in prediction.EnumerateRows())
        {
            stdout.WriteLine(string.Join(',', row.Select(value => value.ToString("R", CultureInfo.InvariantCulture))));
        }

        if (mse is not null)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MSE: {mse:R}"));
        }
    }

    /// <summary>Values too large for the model's weights give an infinite or NaN prediction: name the first such row instead of printing it.</summary>
    private static void RequireFinitePredictions(Matrix<double> prediction, string file)
    {
        if (prediction.Enumerate().All(double.IsFinite))
        {
            return;  // the usual case: one pass, no row copies
        }

        for (var row = 0; row < prediction.RowCount; row++)
        {
            var value = prediction.Row(row).FirstOrDefault(v => !double.IsFinite(v), 0.0);
            if (!double.IsFinite(value))
            {
                throw new InvalidInputException(
                    $"{Shown.Text(Path.GetFileName(file))} data row {row + 1}: the prediction is {value.ToString(CultureInfo.InvariantCulture)}, not a finite number, because the values in that row are too large for the model. Scale them as the training data was scaled.");
            }
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
            var name = Shown.Text(Path.GetFileName(file));
            throw new InvalidInputException(fromModel
                ? $"{name} has one target column but the model has {layers[^1]} outputs: use a model trained with one output."
                : $"{name} has one target column but the last layer has {layers[^1]} units: end --layers with 1.");
        }
    }

    private static void RequireFits(int featureCount, IReadOnlyList<string> names, IReadOnlyList<int> layers, string file, bool fromModel)
    {
        if (featureCount == layers[0])
        {
            return;
        }

        var problem = $"{Shown.Text(Path.GetFileName(file))} has {Shown.Count(featureCount, "feature column")} ({Shown.List(names)}) but ";
        throw new InvalidInputException(fromModel
            ? problem + $"the model expects {Shown.Count(layers[0], "feature")}: give a file with exactly those feature columns (name the target with --target, it is left out)."
            : problem + $"the first layer has {Shown.Count(layers[0], "unit")}: use --layers {string.Join(',', new[] { featureCount }.Concat(layers.Skip(1)))}.");
    }

    /// <summary>
    /// Refuses to write an output over an input or over another output: nothing the user gave is ever lost. Two
    /// names are the same file when they reach the same file on disk, whatever the spelling (<c>./m.json</c>, a full
    /// path, a symbolic or hard link). Two outputs may both be a device such as <c>/dev/null</c>, and --save may
    /// name the --load file: resuming replaces the model with its continuation, as asked.
    /// </summary>
    private static void RequireDistinct(Options options)
    {
        var inputs = new[] { ("--data", options.DataFile), ("--load", options.LoadPath), ("--predict", options.PredictFile) };
        var outputs = new[] { ("--save", options.SavePath), ("--plot", options.PlotPath) };
        foreach (var (outputName, output) in outputs.Where(o => o.Item2 is not null))
        {
            foreach (var (otherName, other) in inputs.Concat(outputs).Where(o => o.Item2 is not null && o.Item1 != outputName))
            {
                var bothDevices = outputs.Any(o => o.Item1 == otherName) && FileStatus.Of(output!).Kind == FileKind.Special;
                var resumed = (outputName, otherName) is ("--save", "--load");
                if (!bothDevices && !resumed && FileStatus.SameFile(output!, other!))
                {
                    throw new InvalidInputException(
                        $"{outputName} and {otherName} name the same file '{Shown.Text(output!)}': writing it would destroy the other. Choose another file name.");
                }
            }
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
        stderr.WriteLine($"error: {Shown.Line(message)}");
        return exitCode;
    }
}
