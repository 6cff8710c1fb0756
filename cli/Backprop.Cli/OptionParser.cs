using System.Globalization;

namespace Backprop.Cli;

/// <summary>Turns the command line into <see cref="Options"/>, or a <see cref="UsageException"/> that says what is wrong.</summary>
internal static class OptionParser
{
    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        var seen = new HashSet<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            if (!seen.Add(name))
            {
                throw new UsageException($"{name} is given twice: give it once.");
            }

            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{name} needs a value, for example {Example(name)}.");
                }

                return args[++i];
            }

            options = name switch
            {
                "--help" or "-h" => options with { Help = true },
                "--seed" => options with { Seed = ParseSeed(Value()) },
                "--layers" => options with { Layers = ParseLayers(Value()) },
                "--lr" => options with { LearningRate = ParseLearningRate(Value()) },
                "--epochs" => options with { Epochs = ParseInteger(name, Value(), minimum: 0, "0 or more") },
                "--print-every" => options with { PrintEvery = ParseInteger(name, Value(), minimum: 1, "1 or more") },
                "--samples" => options with { Samples = ParseInteger(name, Value(), minimum: 1, "1 or more") },
                "--init" => options with { Initialization = ParseInitialization(Value()) },
                "--data" => options with { DataFile = Value() },
                "--target" => options with { Target = Value() },
                "--save" => options with { SavePath = Value() },
                "--load" => options with { LoadPath = Value() },
                "--predict" => options with { PredictFile = Value() },
                "--plot" => options with { PlotPath = Value() },
                "--no-progress" => options with { Progress = false },
                _ => throw new UsageException($"Unknown option '{args[i]}'. Run with --help to see the options."),
            };

            if (inlineValue is not null && name is "--help" or "-h" or "--no-progress")
            {
                throw new UsageException($"{name} takes no value.");
            }
        }

        return Check(options, seen);
    }

    private static Options Check(Options options, HashSet<string> seen)
    {
        if (options.Help)
        {
            return options;
        }

        if (options.DataFile is not null && options.Target is null)
        {
            throw new UsageException("--data needs --target COLUMN: name the column that holds y.");
        }

        if (options.Target is not null && options.DataFile is null && options.PredictFile is null)
        {
            throw new UsageException("--target needs --data FILE.csv (or --predict FILE.csv): it names a column of that file.");
        }

        if (options.DataFile is not null && seen.Contains("--samples"))
        {
            throw new UsageException("--samples makes random data, --data reads a file: give one of them.");
        }

        if (options.PredictFile is not null)
        {
            if (options.LoadPath is null)
            {
                throw new UsageException("--predict needs --load model.json: the model that makes the predictions.");
            }

            var training = new[] { "--data", "--samples", "--epochs", "--lr", "--seed", "--init", "--print-every", "--save", "--plot", "--layers" }
                .Where(seen.Contains).ToArray();
            if (training.Length > 0)
            {
                throw new UsageException($"--predict only predicts; {string.Join(", ", training)} belong to training: run them separately.");
            }
        }

        if (options.LoadPath is not null && seen.Contains("--layers"))
        {
            throw new UsageException("--load brings the model's own layers: leave out --layers.");
        }

        if (options.LoadPath is not null && seen.Contains("--init"))
        {
            throw new UsageException("--load starts from the saved weights: leave out --init.");
        }

        return options;
    }

    private static (string Name, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }

    private static long ParseSeed(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) && seed <= uint.MaxValue
            ? seed
            : throw new UsageException($"--seed '{text}' is not a valid seed: use a whole number from 0 to 4294967295.");

    private static int ParseInteger(string name, string text, int minimum, string range)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"{name} '{text}' is not a whole number: use {range}, for example {Example(name)}.");
        }

        return value >= minimum ? value : throw new UsageException($"{name} is {value}: it must be {range}.");
    }

    private static double ParseLearningRate(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"--lr '{text}' is not a number: use digits with a dot for decimals, for example --lr 0.01.");
        }

        return double.IsFinite(value) && value > 0
            ? value
            : throw new UsageException($"--lr is {text}: the learning rate must be a finite number above 0, for example 0.01.");
    }

    private static IReadOnlyList<int> ParseLayers(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out sizes[i]))
            {
                throw new UsageException($"--layers '{text}': '{parts[i]}' is not a whole number. List units per layer, for example 3,2,2,1.");
            }

            if (sizes[i] < 1)
            {
                throw new UsageException($"--layers '{text}': layer {i + 1} has {sizes[i]} units; every layer needs at least 1.");
            }
        }

        return sizes.Length >= 2
            ? sizes
            : throw new UsageException($"--layers '{text}' has fewer than two layers: list inputs and outputs at least, for example 3,2,2,1.");
    }

    private static Backprop.Initialization ParseInitialization(string text) => text switch
    {
        "randn" => Backprop.Initialization.Randn,
        "he" => Backprop.Initialization.He,
        _ => throw new UsageException($"--init '{text}' is not known: use randn (the original) or he."),
    };

    private static string Example(string name) => name switch
    {
        "--seed" => "--seed 0",
        "--layers" => "--layers 3,2,2,1",
        "--lr" => "--lr 0.01",
        "--epochs" => "--epochs 1000",
        "--print-every" => "--print-every 100",
        "--samples" => "--samples 10",
        "--init" => "--init he",
        "--data" => "--data data.csv",
        "--target" => "--target y",
        "--save" => "--save model.json",
        "--load" => "--load model.json",
        "--predict" => "--predict data.csv",
        "--plot" => "--plot loss.html",
        _ => name,
    };
}
