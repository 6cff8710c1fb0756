using System.Runtime.CompilerServices;

namespace Backprop.Engine;

/// <summary>
/// Passes the error back through one layer on one tile: <c>dZ_prev = (dZ·Wᵀ) ⊙ relu'(Z_prev)</c>.
/// </summary>
/// <remarks>
/// In the tile's feature-by-feature layout this is <c>dZ_prevᵀ = (W·dZᵀ) ⊙ mask</c>: a
/// <see cref="RowProductKernel"/> with <c>M = W</c>, and <c>mask = (A_prev &gt; 0 ? 1 : 0)</c>;
/// <c>A_prev = relu(Z_prev)</c> is positive exactly where <c>Z_prev</c> is, so the activations stand in for the
/// pre-activations. The mask multiplies, as <c>da.PointwiseMultiply(relu_derivative(z))</c> does (so an
/// infinite <c>da</c> under a zero mask gives NaN there too). Each result overwrites the activation it was
/// masked by: after <c>dW = A_prevᵀ·dZ</c> has been taken, <c>A_prev</c> is needed for nothing else.
/// </remarks>
internal static class BackwardKernel
{
    /// <param name="delta">dZᵀ of this layer: n_out rows of samples.</param>
    /// <param name="weights">W: n_in × n_out.</param>
    /// <param name="activationsInDeltasOut">A_prevᵀ on entry, dZ_prevᵀ on return: n_in rows, as many samples as <paramref name="delta"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<V, S>(FeatureRows delta, StridedMatrix weights, FeatureRows activationsInDeltasOut)
        where V : struct
        where S : ISimd<V> =>
        RowProductKernel.Multiply<V, S, ReluMask<V, S>>(weights, delta, activationsInDeltasOut, default);

    /// <summary>The scalar reference for <see cref="Run{V, S}"/>: <c>W·dZᵀ</c> in plain loops, then masked by <c>relu'(A_prev)</c>.</summary>
    /// <param name="delta">dZᵀ of this layer: n_out rows of samples.</param>
    /// <param name="weights">W: n_in × n_out.</param>
    /// <param name="activationsInDeltasOut">A_prevᵀ on entry, dZ_prevᵀ on return.</param>
    internal static void Reference(FeatureRows delta, StridedMatrix weights, FeatureRows activationsInDeltasOut)
    {
        var count = activationsInDeltasOut.Count;
        var length = activationsInDeltasOut.Length;
        var product = new FeatureRows(new double[count * length], count, length, length);
        RowProductKernel.Reference(weights, delta, product);
        for (var k = 0; k < count; k++)
        {
            var dz = activationsInDeltasOut.Row(k);
            var da = product.Row(k);
            for (var r = 0; r < length; r++)
            {
                dz[r] = da[r] * (dz[r] > 0 ? 1.0 : 0.0);
            }
        }
    }

    // dz = da ⊙ relu'(a), over the activation a it replaces.
    private readonly struct ReluMask<V, S> : IRowEpilogue<V>
        where V : struct
        where S : ISimd<V>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Finish(int row, V sum, ref double destination, nuint offset) =>
            S.Store(S.Multiply(sum, S.ReluDerivative(S.Load(ref destination, offset))), ref destination, offset);
    }
}
