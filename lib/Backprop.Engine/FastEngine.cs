using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// The fast training engine: the readable epoch (<see cref="Network.Forward"/>, <see cref="Network.Backward"/>,
/// <see cref="Network.Update"/>) on SIMD kernels, up to <see cref="Environment.ProcessorCount"/> threads, and
/// buffers allocated once per run. Name it at the call site:
/// <code>Trainer.Train(network, X, y, epochs, lr, onEpoch, method: FastEngine.Default);</code>
/// </summary>
/// <remarks>
/// The losses equal the readable version's to about 1e-14 relative: the kernels add the sums in another order,
/// and use fused multiply-adds (one rounding where MathNet's product rounds twice). Results do not depend on the
/// number of threads. Changes made to the network inside <c>onEpoch</c> are not seen by the engine, which trains
/// its own copy of the parameters and writes them into the network before each report and at the end.
/// </remarks>
public sealed class FastEngine : ITrainingMethod
{
    /// <summary>Creates an engine.</summary>
    /// <param name="maxThreads">Most threads to use, the caller's included; the results are the same for any value.</param>
    public FastEngine(int maxThreads = int.MaxValue)
    {
        if (maxThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, "Use at least one thread.");
        }

        MaxThreads = maxThreads;
    }

    /// <summary>The engine on every core.</summary>
    public static FastEngine Default { get; } = new();

    /// <summary>Most threads a run uses, the caller's included.</summary>
    public int MaxThreads { get; }

    /// <inheritdoc/>
    public ITrainingSession Start(Network network, Matrix<double> input, Matrix<double> target, double learningRate) =>
        new TrainingSession(network, input, target, learningRate, MaxThreads);
}
