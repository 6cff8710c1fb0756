using System.Text.Json;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// The original notebook's run in NumPy, recorded by <c>tests/Backprop.Tests/Fixtures/make_fixtures.py</c>
/// (case "original"): what it printed, the loss of every epoch, the inputs, and the parameters before and after.
/// </summary>
internal sealed class NumPyFixture
{
    private NumPyFixture(JsonElement original)
    {
        Printed = original.GetProperty("printed").EnumerateArray().Select(line => line.GetString()!).ToArray();
        Losses = original.GetProperty("losses").EnumerateArray().Select(loss => loss.GetDouble()).ToArray();
        InitialWeights = Matrices(original.GetProperty("initial_weights"));
        FinalWeights = Matrices(original.GetProperty("final_weights"));
        FinalBiases = original.GetProperty("final_biases").EnumerateArray()
            .Select(bias => bias.EnumerateArray().Select(b => b.GetDouble()).ToArray())
            .ToArray();
        X = Rows(original.GetProperty("X"));
    }

    public static NumPyFixture Original { get; } = Load();

    /// <summary>The ten lines <c>Epoch 0, Loss: 0.0736</c> … <c>Epoch 900, Loss: 0.0158</c>.</summary>
    public IReadOnlyList<string> Printed { get; }

    /// <summary>The loss of each of the 1000 epochs.</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary><c>W1, W2, W3</c> after the 1000 epochs, each as rows.</summary>
    public IReadOnlyList<double[][]> FinalWeights { get; }

    /// <summary><c>b1, b2, b3</c> after the 1000 epochs.</summary>
    public IReadOnlyList<double[]> FinalBiases { get; }

    /// <summary>The inputs, one row per sample.</summary>
    public double[][] X { get; }

    /// <summary><c>W1, W2, W3</c> before training, each as rows.</summary>
    public IReadOnlyList<double[][]> InitialWeights { get; }

    /// <summary>A list of matrices, each a list of rows.</summary>
    public static double[][][] Matrices(JsonElement matrices) => matrices.EnumerateArray().Select(Rows).ToArray();

    /// <summary>One matrix, as its rows.</summary>
    public static double[][] Rows(JsonElement matrix) =>
        matrix.EnumerateArray().Select(row => row.EnumerateArray().Select(w => w.GetDouble()).ToArray()).ToArray();

    private static NumPyFixture Load()
    {
        var path = Repository.PathOf("tests", "Backprop.Tests", "Fixtures", "training.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var original = document.RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "original");
        return new NumPyFixture(original.Clone());
    }
}
