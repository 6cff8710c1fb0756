using System.Globalization;

namespace Backprop.Playground;

/// <summary>
/// The playground's whole state as a URL query string, and back: a teacher shares the link, and the page rebuilds the
/// same network at the same epoch by replaying the run from its seed (training is deterministic).
/// </summary>
/// <example><c>?data=random&amp;layers=2,2&amp;init=randn&amp;seed=0&amp;lr=0.01,0.1@150&amp;epoch=300</c>: the original,
/// trained 150 epochs at 0.01 and 150 more at 0.1.</example>
public static class PlaygroundLink
{
    /// <summary>The longest CSV text a link carries; a longer one is left out, and the page says so.</summary>
    public const int MaxCsvInLink = 6000;

    /// <summary>The most epochs a link replays.</summary>
    public const int MaxEpoch = 1_000_000;

    private static readonly (DataSource Source, string Name)[] DataNames =
    [
        (DataSource.Random, "random"), (DataSource.Sine, "sin"), (DataSource.Absolute, "abs"),
        (DataSource.Step, "step"), (DataSource.Bikes, "bikes"), (DataSource.Csv, "csv"),
    ];

    /// <summary>The name of a data source in links and in the Data picker's values.</summary>
    public static string NameOf(DataSource source) => DataNames.First(entry => entry.Source == source).Name;

    /// <summary>The query string, starting with <c>?</c>, that rebuilds <paramref name="settings"/>.</summary>
    public static string ToQuery(PlaygroundSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parts = new List<(string, string)>
        {
            ("data", NameOf(settings.Data)),
            ("layers", string.Join(',', settings.HiddenLayers)),
            ("init", settings.Initialization == Initialization.He ? "he" : "randn"),
            ("seed", settings.Seed.ToString(CultureInfo.InvariantCulture)),
            ("lr", string.Join(',', settings.LearningRates.Select(change =>
                change.FromEpoch == 0 ? Number(change.LearningRate) : $"{Number(change.LearningRate)}@{change.FromEpoch}"))),
            ("speed", settings.EpochsPerSecond.ToString(CultureInfo.InvariantCulture)),
            ("epoch", settings.Epoch.ToString(CultureInfo.InvariantCulture)),
            ("sample", settings.Sample.ToString(CultureInfo.InvariantCulture)),
        };
        if (settings.Target is not null)
        {
            parts.Add(("target", settings.Target));
        }

        if (settings.Data == DataSource.Csv && settings.CsvText is { Length: <= MaxCsvInLink })
        {
            parts.Add(("csvname", settings.CsvName ?? TrainingData.PastedName));
            parts.Add(("csv", settings.CsvText));
        }

        if (settings.Parameter is not null)
        {
            parts.Add(("param", settings.Parameter));
        }

        return "?" + string.Join('&', parts.Select(part => $"{part.Item1}={Uri.EscapeDataString(part.Item2)}"));
    }

    /// <summary>
    /// Reads a query string (with or without its <c>?</c>). Values that cannot be read keep their defaults, and each
    /// gets a line in the problems, naming it and the fix.
    /// </summary>
    public static (PlaygroundSettings Settings, IReadOnlyList<string> Problems) Parse(string? query)
    {
        var settings = new PlaygroundSettings();
        var problems = new List<string>();
        foreach (var (key, value) in Pairs(query ?? ""))
        {
            switch (key)
            {
                case "data":
                    var source = DataNames.FirstOrDefault(entry => entry.Name == value);
                    if (source.Name is null)
                    {
                        problems.Add($"The link's data '{value}' is unknown: use one of {string.Join(", ", DataNames.Select(entry => entry.Name))}.");
                    }
                    else
                    {
                        settings = settings with { Data = source.Source };
                    }

                    break;
                case "layers":
                    var (layers, problem) = ParseLayers(value);
                    if (problem is null)
                    {
                        settings = settings with { HiddenLayers = layers! };
                    }
                    else
                    {
                        problems.Add(problem);
                    }

                    break;
                case "init":
                    if (value is "randn" or "he")
                    {
                        settings = settings with { Initialization = value == "he" ? Initialization.He : Initialization.Randn };
                    }
                    else
                    {
                        problems.Add($"The link's initialization '{value}' is unknown: use randn or he.");
                    }

                    break;
                case "seed":
                    if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) && seed <= uint.MaxValue)
                    {
                        settings = settings with { Seed = seed };
                    }
                    else
                    {
                        problems.Add($"The link's seed '{value}' is not a whole number from 0 to 4294967295.");
                    }

                    break;
                case "lr":
                    var rates = ParseLearningRates(value);
                    if (rates is null)
                    {
                        problems.Add($"The link's learning rates '{value}' cannot be read: write them as 0.01 or 0.01,0.1@150 (rate@first epoch).");
                    }
                    else
                    {
                        settings = settings with { LearningRates = rates };
                    }

                    break;
                case "speed":
                    settings = WholeNumber(value, 1, 100_000, "speed (epochs per second)", problems) is int speed ? settings with { EpochsPerSecond = speed } : settings;
                    break;
                case "epoch":
                    settings = WholeNumber(value, 0, MaxEpoch, "epoch", problems) is int epoch ? settings with { Epoch = epoch } : settings;
                    break;
                case "sample":
                    settings = WholeNumber(value, 0, int.MaxValue, "sample", problems) is int sample ? settings with { Sample = sample } : settings;
                    break;
                case "target" or "csvname" or "csv" or "param":
                    // Texts, taken as they are (a CSV is checked when the data is loaded).
                    settings = key switch
                    {
                        "target" => settings with { Target = value },
                        "csvname" => settings with { CsvName = value },
                        "csv" => settings with { CsvText = value },
                        _ => settings with { Parameter = value },
                    };
                    break;
                default:
                    break; // other parameters belong to the site
            }
        }

        return (settings, problems);
    }

    /// <summary>
    /// Reads the Layers box: units per hidden layer, separated by commas (<c>2,2</c> for the original 3-2-2-1; empty
    /// for no hidden layer). Returns the layers, or a one-line problem.
    /// </summary>
    public static (IReadOnlyList<int>? Layers, string? Problem) ParseLayers(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return ([], null);
        }

        var parts = trimmed.Split(',', StringSplitOptions.TrimEntries);
        var layers = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var units) || units < 1 || units > PlaygroundSettings.MaxUnits)
            {
                return (null, $"Layers '{trimmed}': '{part}' is not a number of units from 1 to {PlaygroundSettings.MaxUnits}. Write the hidden layers' units separated by commas, like 2,2.");
            }

            layers.Add(units);
        }

        return layers.Count > PlaygroundSettings.MaxHiddenLayers
            ? (null, $"Layers '{trimmed}' has {layers.Count} hidden layers: the playground draws at most {PlaygroundSettings.MaxHiddenLayers}.")
            : (layers, null);
    }

    /// <summary>A number as the link and the exported program write it: the shortest text that reads back to the same double.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static List<LearningRateChange>? ParseLearningRates(string value)
    {
        var changes = new List<LearningRateChange>();
        foreach (var part in value.Split(','))
        {
            var at = part.Split('@');
            if (at.Length > 2
                || !double.TryParse(at[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
                || !double.IsFinite(rate) || rate <= 0)
            {
                return null;
            }

            var from = 0;
            if (at.Length == 2 && (!int.TryParse(at[1], NumberStyles.None, CultureInfo.InvariantCulture, out from) || from <= (changes.Count == 0 ? -1 : changes[^1].FromEpoch)))
            {
                return null;
            }

            if ((changes.Count == 0) != (from == 0))
            {
                return null; // the first rate starts at epoch 0, and only the first
            }

            changes.Add(new LearningRateChange(from, rate));
        }

        return changes;
    }

    private static int? WholeNumber(string value, int smallest, int largest, string name, List<string> problems)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= smallest && number <= largest)
        {
            return number;
        }

        problems.Add($"The link's {name} '{value}' is not a whole number from {smallest} to {largest}.");
        return null;
    }

    private static IEnumerable<(string Key, string Value)> Pairs(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            yield return (Unescape(key), Unescape(value));
        }
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
