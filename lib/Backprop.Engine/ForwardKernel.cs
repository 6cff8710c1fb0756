using System.Runtime.CompilerServices;

namespace Backprop.Engine;

/// <summary>
/// One layer of the forward pass on one tile: <c>Z = A·W + b</c>, then <c>A' = relu(Z)</c> on hidden layers.
/// </summary>
/// <remarks>
/// Tiles are stored feature by feature, so this is <c>Zᵀ = Wᵀ·Aᵀ</c>: a <see cref="RowProductKernel"/> with
/// <c>M = Wᵀ</c>. The bias is added after the sum, as <c>(A·W) + b</c> adds it, and ReLU is applied as the
/// result is stored.
/// </remarks>
internal static class ForwardKernel
{
    /// <param name="input">Aᵀ: n_in rows of samples.</param>
    /// <param name="weights">W: n_in × n_out.</param>
    /// <param name="bias">b, one value per output.</param>
    /// <param name="output">Zᵀ, or relu(Zᵀ) on a hidden layer: n_out rows, as many samples as <paramref name="input"/>.</param>
    /// <param name="relu">Whether this is a hidden layer (ReLU) or the linear output layer.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<V, S>(FeatureRows input, StridedMatrix weights, ReadOnlySpan<double> bias, FeatureRows output, bool relu)
        where V : struct
        where S : ISimd<V>
    {
        RowProductKernel.Multiply<V, S, AddBias<V, S>>(weights.Transposed, input, output, new(bias, relu));
    }

    /// <summary>The scalar reference for <see cref="Run{V, S}"/>: <c>Zᵀ = Wᵀ·Aᵀ</c> in plain loops, then <c>+ b</c> and ReLU.</summary>
    /// <param name="input">Aᵀ: n_in rows of samples.</param>
    /// <param name="weights">W: n_in × n_out.</param>
    /// <param name="bias">b, one value per output.</param>
    /// <param name="output">Zᵀ, or relu(Zᵀ) on a hidden layer.</param>
    /// <param name="relu">Whether this is a hidden layer (ReLU) or the linear output layer.</param>
    internal static void Reference(FeatureRows input, StridedMatrix weights, ReadOnlySpan<double> bias, FeatureRows output, bool relu)
    {
        RowProductKernel.Reference(weights.Transposed, input, output);
        for (var j = 0; j < output.Count; j++)
        {
            foreach (ref var z in output.Row(j))
            {
                z += bias[j];
                z = relu ? Math.Max(0.0, z) : z;
            }
        }
    }

    // z = sum + b[j], and a = relu(z) on a hidden layer.
    private readonly ref struct AddBias<V, S>(ReadOnlySpan<double> bias, bool relu) : IRowEpilogue<V>
        where V : struct
        where S : ISimd<V>
    {
        private readonly ReadOnlySpan<double> _bias = bias;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Finish(int row, V sum, ref double destination, nuint offset)
        {
            var z = S.Add(sum, S.Create(_bias[row]));
            S.Store(relu ? S.Relu(z) : z, ref destination, offset);
        }
    }
}
