namespace Backprop;

/// <summary>
/// Training stopped because the loss or a parameter stopped being a finite number: the steps were too big
/// and the weights blew up. The usual fix is a smaller learning rate.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a run that blew up at <paramref name="epoch"/>.</summary>
    public TrainingDivergedException(int epoch, double? lastFiniteLoss, double learningRate)
        : base(Describe(epoch, lastFiniteLoss, learningRate))
    {
        Epoch = epoch;
        LastFiniteLoss = lastFiniteLoss;
        LearningRate = learningRate;
    }

    /// <summary>The epoch whose loss (or update) was the first not to be finite.</summary>
    public int Epoch { get; }

    /// <summary>The loss of the epoch before, if there was one.</summary>
    public double? LastFiniteLoss { get; }

    /// <summary>The learning rate of the run.</summary>
    public double LearningRate { get; }

    private static string Describe(int epoch, double? lastFiniteLoss, double learningRate)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var last = lastFiniteLoss is double loss ? $" (last finite loss {loss.ToString("G6", culture)})" : string.Empty;
        return $"Training diverged at epoch {epoch}: the loss became NaN or infinite{last}. " +
               $"Try a smaller learning rate than {learningRate.ToString(culture)}, for example {(learningRate / 10).ToString(culture)}.";
    }
}
