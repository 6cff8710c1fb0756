namespace Backprop.Cli;

/// <summary>Everything the command line can say. The defaults are the original notebook's.</summary>
internal sealed record Options
{
    public long Seed { get; init; }

    public IReadOnlyList<int> Layers { get; init; } = [3, 2, 2, 1];

    public double LearningRate { get; init; } = 0.01;

    public int Epochs { get; init; } = 1000;

    public int PrintEvery { get; init; } = 100;

    public int Samples { get; init; } = 10;

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
