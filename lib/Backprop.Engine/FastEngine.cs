using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// The fast training engine: the readable epoch (<see cref="Network.Forward"/>, <see cref="Network.Backward"/>,
/// <see cref="Network.Update"/>) on SIMD kernels, up to <c>min(</c><see cref="Environment.ProcessorCount"/>,
/// <see cref="MaxThreads"/><c>)</c> threads, and buffers allocated once per run. Name it at the call site:
/// <code>Trainer.Train(network, X, y, epochs, lr, onEpoch, method: FastEngine.Default);</code>
/// </summary>
/// <remarks>
/// The losses equal the readable version's to about 1e-14 relative: the kernels add the sums in another order,
/// and use fused multiply-adds (one rounding where MathNet's product rounds twice). For a given
/// <see cref="Width"/>, results do not depend on the number of threads; two widths add the sums in different
/// orders, so they agree only to rounding. Changes made to the network inside <c>onEpoch</c> are not seen by the
/// engine, which trains its own copy of the parameters and writes them into the network before each report and
/// at the end.
/// </remarks>
public sealed class FastEngine : ITrainingMethod
{
    /// <summary>Creates an engine.</summary>
    /// <param name="maxThreads">Most threads to use, the caller's included; the results are the same for any value.</param>
    /// <param name="width">The SIMD width of the kernels; <see cref="VectorWidth.Widest"/> picks the CPU's widest.</param>
    public FastEngine(int maxThreads = int.MaxValue, VectorWidth width = VectorWidth.Widest)
    {
        if (maxThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, "Use at least one thread.");
        }

        if (!Enum.IsDefined(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "Use VectorWidth.Widest, Bits128, Bits256 or Bits512.");
        }

        MaxThreads = maxThreads;
        Width = width;
    }

    /// <summary>The engine on every core, with the widest vectors the CPU has.</summary>
    public static FastEngine Default { get; } = new();

    /// <summary>Most threads a run uses, the caller's included.</summary>
    public int MaxThreads { get; }

    /// <summary>The SIMD width asked for (<see cref="VectorWidth.Widest"/> is resolved when a run starts).</summary>
    public VectorWidth Width { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidInputException">The network and data need a buffer longer than a .NET array can be.</exception>
    public ITrainingSession Start(Network network, Matrix<double> input, Matrix<double> target, double learningRate)
    {
        try
        {
            return Resolve(Width) switch
            {
                VectorWidth.Bits512 => new TrainingSession<Vector512<double>, Simd512>(network, input, target, learningRate, MaxThreads),
                VectorWidth.Bits256 => new TrainingSession<Vector256<double>, Simd256>(network, input, target, learningRate, MaxThreads),
                _ => new TrainingSession<Vector128<double>, Simd128>(network, input, target, learningRate, MaxThreads),
            };
        }
        catch (OverflowException)
        {
            throw TooLarge(network.LayerSizes, input.RowCount);
        }
    }

    /// <summary>
    /// The hidden ReLU units that fire for no sample of <paramref name="input"/> with the network's current
    /// parameters, as (layer, unit), both 0-based, sorted by layer then unit: what
    /// <c>ReluActivity.DeadUnits(network.Forward(input))</c> returns, computed by the engine's forward kernels.
    /// </summary>
    /// <remarks>
    /// Runs on the calling thread with <see cref="Width"/>'s vectors, one tile of samples at a time, through the
    /// hidden layers only and no deeper or further into the samples than the units that have not fired yet need:
    /// a network with no dead units is decided by its first tile.
    /// A unit fires where <c>z &gt; 0</c>; the engine rounds <c>z</c> as training does (see the class remarks), so
    /// a unit whose largest <c>z</c> is within rounding of 0 could be judged differently from the readable pass.
    /// A network without hidden layers has no dead units.
    /// </remarks>
    /// <param name="network">The network, read as it is now.</param>
    /// <param name="input">X: one sample per row, one column per input unit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="InvalidInputException">X is empty, holds a NaN or infinity, or does not have one column per input unit; or the network and data need a buffer longer than a .NET array can be.</exception>
    public IReadOnlyList<(int Layer, int Unit)> DeadUnits(Network network, Matrix<double> input)
    {
        Checks.RequireInput(network, input);
        try
        {
            return DeadUnitScan.Run(network, input, Width);
        }
        catch (OverflowException)
        {
            throw TooLarge(network.LayerSizes, input.RowCount);
        }
    }

    /// <summary><see cref="VectorWidth.Widest"/> made concrete for this CPU; any other width as it is.</summary>
    internal static VectorWidth Resolve(VectorWidth width) => width switch
    {
        VectorWidth.Widest when Vector512.IsHardwareAccelerated => VectorWidth.Bits512,
        VectorWidth.Widest when Vector256.IsHardwareAccelerated => VectorWidth.Bits256,
        VectorWidth.Widest => VectorWidth.Bits128,
        _ => width,
    };

    /// <summary>The one message for a run whose buffer sizes do not fit in an int.</summary>
    internal static InvalidInputException TooLarge(IReadOnlyList<int> layerSizes, int samples) =>
        new($"{samples} {(samples == 1 ? "sample" : "samples")} through layers {string.Join(',', layerSizes)} need buffers larger than .NET arrays allow: use fewer samples or smaller layers.");
}
