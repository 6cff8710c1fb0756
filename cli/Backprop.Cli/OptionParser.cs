using System.Globalization;
using Backprop.Files;

namespace Backprop.Cli;

/// <summary>Turns the command line into <see cref="Options"/>, or a <see cref="UsageException"/> that says what is wrong.</summary>
/// <remarks>
/// The rules for the numbers are the library's (<see cref="InputRules"/>), stated here about the option. Every number
/// is read the same way: spaces around it and a leading sign are allowed, and a dot is the decimal separator.
/// <c>--</c> ends the options, and <c>-h</c> or <c>--help</c> anywhere before it shows the help, whatever else is given.
/// </remarks>
internal static class OptionParser
{
    private const NumberStyles WholeNumber = NumberStyles.Integer;
    private const NumberStyles Decimal = NumberStyles.Float;

    public static Options Parse(IReadOnlyList<string> args)
    {
        var end = args.ToList().IndexOf("--");
        var options = args.Take(end < 0 ? args.Count : end).Any(arg => arg is "-h" or "--help")
            ? new Options { Help = true }
            : new Options();
        if (options.Help)
        {
            return options;
        }

        if (end >= 0 && end + 1 < args.Count)
        {
            throw new UsageException($"Unexpected argument '{Shown.Text(args[end + 1])}' after --: this program takes options only. Run with --help to see them.");
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < (end < 0 ? args.Count : end); i++)
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

            string FileName()
            {
                var value = Value();
                return value.Length > 0 ? value : throw new UsageException($"{name} needs a file name, for example {Example(name)}.");
            }

            options = name switch
            {
                "--help" or "-h" => options with { Help = true },
                "--seed" => options with { Seed = ParseSeed(Value()) },
                "--layers" => options with { Layers = ParseLayers(Value()) },
                "--lr" => options with { LearningRate = ParseLearningRate(Value()) },
                "--epochs" => options with { Epochs = ParseCount(name, Value(), minimum: 0) },
                "--print-every" => options with { PrintEvery = ParseCount(name, Value(), minimum: 1) },
                "--samples" => options with { Samples = ParseCount(name, Value(), minimum: 1) },
                "--init" => options with { Initialization = ParseInitialization(Value()) },
                "--data" => options with { DataFile = FileName() },
                "--target" => options with { Target = ParseTarget(Value()) },
                "--save" => options with { SavePath = FileName() },
                "--load" => options with { LoadPath = FileName() },
                "--predict" => options with { PredictFile = FileName() },
                "--plot" => options with { PlotPath = FileName() },
                "--no-progress" => options with { Progress = false },
                _ => throw new UsageException($"Unknown option '{Shown.Text(args[i])}'. Run with --help to see the options."),
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

    private static long ParseSeed(string text)
    {
        // Text that is not a whole number, or one too big for a long, is outside the seed range like any other.
        var seed = long.TryParse(text, WholeNumber, CultureInfo.InvariantCulture, out var value) ? value : -1;
        return InputRules.SeedProblem(seed) is { } problem ? throw new UsageException($"--seed '{Shown.Text(text)}' {problem}.") : seed;
    }

    private static int ParseCount(string name, string text, int minimum)
    {
        if (!long.TryParse(text, WholeNumber, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"{name} '{Shown.Text(text)}' is not a whole number: use {minimum} or more, for example {Example(name)}.");
        }

        if (InputRules.CountProblem(value, minimum) is { } problem)
        {
            throw new UsageException($"{name} is {value}: it {problem}.");
        }

        return value <= int.MaxValue ? (int)value : throw new UsageException($"{name} is {value}: it must be at most {int.MaxValue}.");
    }

    private static double ParseLearningRate(string text)
    {
        if (!double.TryParse(text, Decimal, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"--lr '{Shown.Text(text)}' is not a number: use digits with a dot for decimals, for example --lr 0.01.");
        }

        return InputRules.LearningRateProblem(value) is { } problem
            ? throw new UsageException($"--lr is {Shown.Text(text.Trim())}: the learning rate {problem}.")
            : value;
    }

    private static IReadOnlyList<int> ParseLayers(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], WholeNumber, CultureInfo.InvariantCulture, out sizes[i]))
            {
                throw new UsageException($"--layers '{Shown.Text(text)}': '{Shown.Text(parts[i])}' is not a whole number. List units per layer, for example 3,2,2,1.");
            }
        }

        return InputRules.LayerSizesProblem(sizes) is { } problem
            ? throw new UsageException($"--layers '{Shown.Text(text)}'{problem}.")
            : sizes;
    }

    private static string ParseTarget(string text) =>
        text.Trim().Length > 0 ? text : throw new UsageException("--target needs a column name, for example --target y.");

    private static Backprop.Initialization ParseInitialization(string text) => text switch
    {
        "randn" => Backprop.Initialization.Randn,
        "he" => Backprop.Initialization.He,
        _ => throw new UsageException($"--init '{Shown.Text(text)}' is not known: use randn (the original) or he."),
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
