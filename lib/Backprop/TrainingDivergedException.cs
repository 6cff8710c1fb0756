using System.Globalization;

namespace Backprop;

/// <summary>
/// Training stopped because the loss or a parameter stopped being a finite number: the steps were too big
/// and the weights blew up (the usual fix is a smaller learning rate), or, at epoch 0, the data or the starting
/// weights already hold numbers too large to square.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a run that blew up at <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The epoch whose loss, or whose update, was the first not to be finite.</param>
    /// <param name="losses">The finite losses of the run so far, first epoch first (copied).</param>
    /// <param name="learningRate">The run's learning rate.</param>
    public TrainingDivergedException(int epoch, IReadOnlyList<double> losses, double learningRate)
        : base(Describe(epoch, losses, learningRate))
    {
        Epoch = epoch;
        Losses = [.. losses];
        LearningRate = learningRate;
    }

    /// <summary>The epoch whose loss (or update) was the first not to be finite.</summary>
    public int Epoch { get; }

    /// <summary>The finite losses of every epoch before the run stopped, as <see cref="Trainer.Train(Backprop.Network, MathNet.Numerics.LinearAlgebra.Matrix{double}, MathNet.Numerics.LinearAlgebra.Matrix{double}, int, double, Action{int, double}?, ITrainingMethod?)"/> would have returned them.</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The last finite loss of the run, if there was one.</summary>
    public double? LastFiniteLoss => Losses.Count > 0 ? Losses[^1] : null;

    /// <summary>The learning rate of the run.</summary>
    public double LearningRate { get; }

    private static string Describe(int epoch, IReadOnlyList<double> losses, double learningRate)
    {
        var culture = CultureInfo.InvariantCulture;
        if (losses.Count == 0)
        {
            // No update has happened yet: the learning rate cannot be the cause.
            return "The loss of epoch 0, before any update, is NaN or infinite: X, y or the starting weights hold values " +
                   "too large to square. Scale the data (for example to mean 0 and spread 1) or start from smaller weights.";
        }

        var last = losses[^1].ToString("G6", culture);
        return $"Training diverged at epoch {epoch}: the loss became NaN or infinite (last finite loss {last}). " +
               $"Try a smaller learning rate than {learningRate.ToString(culture)}, for example {(learningRate / 10).ToString(culture)}.";
    }
}
