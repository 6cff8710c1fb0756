using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Playground;

/// <summary>The four phases of a training epoch, in order.</summary>
public enum Phase
{
    /// <summary><c>z = a_prev @ W + b</c>, <c>a = relu(z)</c>, layer by layer, to the prediction.</summary>
    Forward,

    /// <summary><c>L = mean((y_pred - y)²)</c>.</summary>
    Loss,

    /// <summary><see cref="Network.Backward"/>: <c>dL_dW</c> and <c>dL_db</c> for every layer.</summary>
    Backward,

    /// <summary><c>W -= lr * dL_dW</c>, <c>b -= lr * dL_db</c>.</summary>
    Update,
}

/// <summary>One epoch taken phase by phase: what each phase taken so far computed.</summary>
public sealed class PhaseStep
{
    internal PhaseStep(int epoch, ForwardPass forward)
    {
        Epoch = epoch;
        Forward = forward;
        Next = Phase.Loss;
    }

    /// <summary>The epoch this step is (from 0).</summary>
    public int Epoch { get; }

    /// <summary>The phase the next click takes; past <see cref="Phase.Update"/> when the epoch is done.</summary>
    public Phase Next { get; internal set; }

    /// <summary>The last phase taken.</summary>
    public Phase Last => Next - 1;

    /// <summary>Whether the update has been applied, ending the epoch.</summary>
    public bool Done => Next > Phase.Update;

    /// <summary>The forward pass: every z and a, and the prediction.</summary>
    public ForwardPass Forward { get; }

    /// <summary>The loss, once the loss phase is taken.</summary>
    public double? Loss { get; internal set; }

    /// <summary><see cref="Network.Backward"/>'s gradients, once the backward phase is taken.</summary>
    public Gradients? Gradients { get; internal set; }

    /// <summary>The backward pass's intermediates (<c>dL_dy</c>, <c>dL_dz</c>, <c>dL_da</c>), once the backward phase is taken.</summary>
    public BackwardTrace? Trace { get; internal set; }

    /// <summary>The weights before the update, once the update is taken.</summary>
    public IReadOnlyList<Matrix<double>>? WeightsBefore { get; internal set; }

    /// <summary>The biases before the update, once the update is taken.</summary>
    public IReadOnlyList<Vector<double>>? BiasesBefore { get; internal set; }

    /// <summary>The learning rate the update used.</summary>
    public double? LearningRate { get; internal set; }
}
