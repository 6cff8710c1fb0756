namespace Backprop.Cli;

/// <summary>Everything the command line can say. The defaults are the original notebook's.</summary>
internal sealed record Options
{
    /// <summary>The original's seed, when neither --seed nor a loaded model gives one.</summary>
    public const long DefaultSeed = 0;

    /// <summary>The original's number of samples, when neither --samples nor a loaded model gives one.</summary>
    public const int DefaultSamples = 10;

    /// <summary>--seed, or null when it is not given.</summary>
    public long? Seed { get; init; }

    public IReadOnlyList<int> Layers { get; init; } = [3, 2, 2, 1];

    public double LearningRate { get; init; } = 0.01;

    public int Epochs { get; init; } = 1000;

    public int PrintEvery { get; init; } = 100;

    /// <summary>--samples, or null when it is not given.</summary>
    public int? Samples { get; init; }

    public Backprop.Initialization Initialization { get; init; } = Backprop.Initialization.Randn;

    public string? DataFile { get; init; }

    public string? Target { get; init; }

    public string? SavePath { get; init; }

    public string? LoadPath { get; init; }

    public string? PredictFile { get; init; }

    public string? PlotPath { get; init; }

    public bool Progress { get; init; } = true;

    public bool Help { get; init; }
}
