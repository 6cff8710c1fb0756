namespace Backprop.Playground;

/// <summary>Where the playground's training data comes from.</summary>
public enum DataSource
{
    /// <summary>The original notebook's random data: <c>X = rand(10, 3)</c>, <c>y = rand(10, 1)</c>, drawn after the weights.</summary>
    Random,

    /// <summary><c>y = sin x</c> at 25 points from −3 to 3 (lesson 3's curve).</summary>
    Sine,

    /// <summary><c>y = |x|</c> at 25 points from −3 to 3.</summary>
    Absolute,

    /// <summary>A step: <c>y = 1</c> where <c>x &gt; 0</c>, else 0, at 25 points from −3 to 3.</summary>
    Step,

    /// <summary>Lesson 3's bike-rental CSV, features and target standardized.</summary>
    Bikes,

    /// <summary>A CSV of the user's own (a file or pasted text), features and target standardized.</summary>
    Csv,
}

/// <summary>From <paramref name="FromEpoch"/> on, training uses <paramref name="LearningRate"/>.</summary>
/// <param name="FromEpoch">The first epoch (from 0) that uses this rate.</param>
/// <param name="LearningRate">lr: a finite number above 0.</param>
public sealed record LearningRateChange(int FromEpoch, double LearningRate);

/// <summary>
/// Everything that decides a playground run, so that a link (see <see cref="PlaygroundLink"/>) can rebuild it: the
/// data, the network's shape, its first weights, the learning rate of every epoch, and how far it has trained.
/// </summary>
public sealed record PlaygroundSettings
{
    /// <summary>The most hidden layers the page draws.</summary>
    public const int MaxHiddenLayers = 6;

    /// <summary>The most units per hidden layer the page draws.</summary>
    public const int MaxUnits = 16;

    /// <summary>The original's learning rate.</summary>
    public const double DefaultLearningRate = 0.01;

    /// <summary>Ten epochs per frame at 60 frames per second.</summary>
    public const int DefaultEpochsPerSecond = 600;

    /// <summary>The data to train on.</summary>
    public DataSource Data { get; init; } = DataSource.Random;

    /// <summary>Units per hidden layer: <c>[2, 2]</c> for the original 3-2-2-1 (inputs and outputs come from the data).</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [2, 2];

    /// <summary>How the first weights are drawn.</summary>
    public Initialization Initialization { get; init; } = Initialization.Randn;

    /// <summary>The NumPy seed of the first weights (and, for <see cref="DataSource.Random"/>, of the data).</summary>
    public long Seed { get; init; }

    /// <summary>The learning rate of every epoch: the first change starts at epoch 0, later ones where the user changed it.</summary>
    public IReadOnlyList<LearningRateChange> LearningRates { get; init; } = [new(0, DefaultLearningRate)];

    /// <summary>How many epochs Play trains per second.</summary>
    public int EpochsPerSecond { get; init; } = DefaultEpochsPerSecond;

    /// <summary>The target column of a CSV; null takes the CSV's last column (<c>rentals</c> for the bikes).</summary>
    public string? Target { get; init; }

    /// <summary>The file name of the user's own CSV, as its messages name it.</summary>
    public string? CsvName { get; init; }

    /// <summary>The text of the user's own CSV.</summary>
    public string? CsvText { get; init; }

    /// <summary>How many epochs have been trained.</summary>
    public int Epoch { get; init; }

    /// <summary>The sample (row of X, from 0) that the network picture shows.</summary>
    public int Sample { get; init; }

    /// <summary>The parameter whose gradient is traced path by path, as <c>W1[0,0]</c>, or null.</summary>
    public string? Parameter { get; init; }

    /// <summary>The learning rate in use now: the last change's.</summary>
    public double LearningRate => LearningRates[^1].LearningRate;

    /// <summary>The learning rate of <paramref name="epoch"/>.</summary>
    public double LearningRateAt(int epoch) => LearningRates.Last(change => change.FromEpoch <= epoch).LearningRate;

    /// <summary>
    /// These settings with <paramref name="learningRate"/> from <paramref name="epoch"/> on: earlier epochs keep their
    /// rates, so the run can be rebuilt; a change at the same epoch replaces the previous one.
    /// </summary>
    public PlaygroundSettings WithLearningRateFrom(int epoch, double learningRate)
    {
        var kept = LearningRates.Where(change => change.FromEpoch < epoch).ToList();
        if (kept.Count == 0 || kept[^1].LearningRate != learningRate)
        {
            kept.Add(new LearningRateChange(kept.Count == 0 ? 0 : epoch, learningRate));
        }

        return this with { LearningRates = kept };
    }

    /// <summary>The same network and data, untrained, with only the current learning rate.</summary>
    public PlaygroundSettings Restarted() => this with { Epoch = 0, LearningRates = [new(0, LearningRate)] };
}
