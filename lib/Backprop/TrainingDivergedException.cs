using System.Globalization;

namespace Backprop;

/// <summary>
/// Training stopped because the loss or a parameter stopped being a finite number: the steps were too big
/// and the weights blew up (the usual fix is a smaller learning rate), or, at epoch 0, the data or the starting
/// weights already hold numbers too large to square.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a run whose loss at <paramref name="epoch"/> was <paramref name="loss"/>, not a finite number.</summary>
    /// <param name="epoch">The epoch whose loss was the first not to be finite.</param>
    /// <param name="losses">The finite losses of the run so far, first epoch first (copied).</param>
    /// <param name="learningRate">The run's learning rate.</param>
    /// <param name="loss">The loss that was not finite.</param>
    internal TrainingDivergedException(int epoch, IReadOnlyList<double> losses, double learningRate, double loss)
        : this(epoch, losses, learningRate, LossStopped(epoch, losses, loss))
    {
    }

    /// <summary>Creates the exception for a run whose update at <paramref name="epoch"/> made <paramref name="parameter"/> not finite, while the loss still was.</summary>
    /// <param name="epoch">The epoch whose update made the parameter not finite.</param>
    /// <param name="losses">The finite losses of the run so far, this epoch's included (copied).</param>
    /// <param name="learningRate">The run's learning rate.</param>
    /// <param name="parameter">The first parameter that stopped being finite, as <c>W2[0,1]</c>.</param>
    /// <param name="value">Its value: NaN or an infinity.</param>
    internal TrainingDivergedException(int epoch, IReadOnlyList<double> losses, double learningRate, string parameter, double value)
        : this(epoch, losses, learningRate, $"its update made {parameter} {Finite.Describe(value)}, while the loss was still finite")
    {
    }

    /// <summary>Creates the exception for a run that stopped at <paramref name="epoch"/> for the reason <paramref name="what"/>.</summary>
    /// <param name="epoch">The epoch whose loss (or update) was the first not to be finite.</param>
    /// <param name="losses">The finite losses of the run so far (copied).</param>
    /// <param name="learningRate">The run's learning rate.</param>
    /// <param name="what">What stopped being finite, as a clause: <c>the loss became NaN</c>.</param>
    internal TrainingDivergedException(int epoch, IReadOnlyList<double> losses, double learningRate, string what)
        : base(Describe(epoch, losses, learningRate, what))
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
    internal double LearningRate { get; }

    private static string LossStopped(int epoch, IReadOnlyList<double> losses, double loss) =>
        losses.Count == 0
            ? $"The loss of epoch {epoch}, before any update, is {Finite.Describe(loss)}"
            : $"the loss became {Finite.Describe(loss)}";

    private static string Describe(int epoch, IReadOnlyList<double> losses, double learningRate, string what)
    {
        var culture = CultureInfo.InvariantCulture;
        if (losses.Count == 0)
        {
            // No update has happened yet: the learning rate cannot be the cause.
            return $"{what}: X, y or the starting weights hold values too large to square. " +
                   "Scale the data (for example to mean 0 and spread 1) or start from smaller weights.";
        }

        // A tenth of the rate, to 15 significant digits: 1.1 / 10 is 0.11000000000000001 in binary, and reads as 0.11.
        var smaller = (learningRate / 10).ToString("G15", culture);
        var last = losses[^1].ToString("G6", culture);
        return $"Training diverged at epoch {epoch}: {what} (last finite loss {last}). " +
               $"Try a smaller learning rate than {learningRate.ToString(culture)}, for example {smaller}.";
    }
}
