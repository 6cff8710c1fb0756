using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.Engine;

/// <summary>
/// Passes the error back through one layer on one tile: <c>dZ_prev = (dZ·Wᵀ) ⊙ relu'(Z_prev)</c>.
/// </summary>
/// <remarks>
/// In the tile's feature-by-feature layout this is <c>dZ_prevᵀ[k, r] = (Σⱼ W[k, j] · dZᵀ[j, r]) · mask[k, r]</c>,
/// with <c>mask = (A_prev &gt; 0 ? 1 : 0)</c>; <c>A_prev = relu(Z_prev)</c> is positive exactly where
/// <c>Z_prev</c> is, so the activations stand in for the pre-activations. The mask multiplies, as
/// <c>da.PointwiseMultiply(relu_derivative(z))</c> does (so an infinite <c>da</c> under a zero mask gives NaN
/// there too). Each result overwrites the activation it was masked by: after <c>dW = A_prevᵀ·dZ</c> has been
/// taken, <c>A_prev</c> is needed for nothing else. Register block: 3 rows of <c>dZ_prevᵀ</c> × 4 vectors of
/// samples, as in <see cref="ForwardKernel"/>.
/// </remarks>
internal static class BackwardKernel
{
    /// <param name="delta">dZᵀ of this layer: <paramref name="outputs"/> rows, <paramref name="deltaStride"/> apart.</param>
    /// <param name="deltaStride">Distance between two rows of dZᵀ.</param>
    /// <param name="outputs">n_out: rows of dZᵀ.</param>
    /// <param name="weights">W (inputs × outputs) in column-major order: <c>W[k, j]</c> at <c>j·inputs + k</c>.</param>
    /// <param name="activationsInDeltasOut">A_prevᵀ on entry, dZ_prevᵀ on return: <paramref name="inputs"/> rows, <paramref name="stride"/> apart.</param>
    /// <param name="stride">Distance between two rows of A_prevᵀ.</param>
    /// <param name="inputs">n_in: rows of A_prevᵀ.</param>
    /// <param name="samples">Samples in the tile, a multiple of <see cref="BatchPartition.SampleGranule"/>.</param>
    public static void Run(
        ReadOnlySpan<double> delta, int deltaStride, int outputs,
        ReadOnlySpan<double> weights,
        Span<double> activationsInDeltasOut, int stride, int inputs,
        int samples)
    {
        Debug.Assert(samples % BatchPartition.SampleGranule == 0);
        Debug.Assert(delta.Length >= ((outputs - 1) * deltaStride) + samples);
        Debug.Assert(activationsInDeltasOut.Length >= ((inputs - 1) * stride) + samples);
        Debug.Assert(weights.Length >= inputs * outputs);

        ref var d = ref MemoryMarshal.GetReference(delta);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var a = ref MemoryMarshal.GetReference(activationsInDeltasOut);
        for (var r = 0; r < samples; r += BatchPartition.SampleGranule)
        {
            var k = 0;
            for (; k + 3 <= inputs; k += 3)
            {
                ThreeInputs(ref Unsafe.Add(ref d, r), deltaStride, outputs, ref Unsafe.Add(ref w, k), inputs, ref Unsafe.Add(ref a, (k * stride) + r), stride);
            }

            for (; k < inputs; k++)
            {
                OneInput(ref Unsafe.Add(ref d, r), deltaStride, outputs, ref Unsafe.Add(ref w, k), inputs, ref Unsafe.Add(ref a, (k * stride) + r));
            }
        }
    }

    // dZ_prevᵀ[k..k+2, r..r+4V) = (Σⱼ W[k..k+2, j] · dZᵀ[j, r..r+4V)) ⊙ mask.
    private static void ThreeInputs(ref double delta, int deltaStride, int outputs, ref double weights, int inputs, ref double activations, int stride)
    {
        var width = (nuint)Vector<double>.Count;
        Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector<double> s20 = default, s21 = default, s22 = default, s23 = default;
        ref var row = ref delta;
        ref var column = ref weights;
        for (var j = 0; j < outputs; j++)
        {
            var c0 = new Vector<double>(column);
            var c1 = new Vector<double>(Unsafe.Add(ref column, 1));
            var c2 = new Vector<double>(Unsafe.Add(ref column, 2));
            var x = Vector.LoadUnsafe(ref row);
            s00 = Vector.FusedMultiplyAdd(x, c0, s00);
            s10 = Vector.FusedMultiplyAdd(x, c1, s10);
            s20 = Vector.FusedMultiplyAdd(x, c2, s20);
            x = Vector.LoadUnsafe(ref row, width);
            s01 = Vector.FusedMultiplyAdd(x, c0, s01);
            s11 = Vector.FusedMultiplyAdd(x, c1, s11);
            s21 = Vector.FusedMultiplyAdd(x, c2, s21);
            x = Vector.LoadUnsafe(ref row, 2 * width);
            s02 = Vector.FusedMultiplyAdd(x, c0, s02);
            s12 = Vector.FusedMultiplyAdd(x, c1, s12);
            s22 = Vector.FusedMultiplyAdd(x, c2, s22);
            x = Vector.LoadUnsafe(ref row, 3 * width);
            s03 = Vector.FusedMultiplyAdd(x, c0, s03);
            s13 = Vector.FusedMultiplyAdd(x, c1, s13);
            s23 = Vector.FusedMultiplyAdd(x, c2, s23);
            row = ref Unsafe.Add(ref row, deltaStride);
            column = ref Unsafe.Add(ref column, inputs);
        }

        Mask(ref activations, s00, s01, s02, s03);
        Mask(ref Unsafe.Add(ref activations, stride), s10, s11, s12, s13);
        Mask(ref Unsafe.Add(ref activations, 2 * stride), s20, s21, s22, s23);
    }

    // dZ_prevᵀ[k, r..r+4V) = (Σⱼ W[k, j] · dZᵀ[j, r..r+4V)) ⊙ mask. Even and odd j are summed apart (8 sums),
    // so that the FMA latency is hidden even with a single row.
    private static void OneInput(ref double delta, int deltaStride, int outputs, ref double weights, int inputs, ref double activations)
    {
        var width = (nuint)Vector<double>.Count;
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector<double> t0 = default, t1 = default, t2 = default, t3 = default;
        ref var row = ref delta;
        var j = 0;
        for (; j + 2 <= outputs; j += 2)
        {
            var c = new Vector<double>(Unsafe.Add(ref weights, j * inputs));
            s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), c, s0);
            s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, width), c, s1);
            s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 2 * width), c, s2);
            s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 3 * width), c, s3);
            row = ref Unsafe.Add(ref row, deltaStride);
            var d = new Vector<double>(Unsafe.Add(ref weights, (j + 1) * inputs));
            t0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), d, t0);
            t1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, width), d, t1);
            t2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 2 * width), d, t2);
            t3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 3 * width), d, t3);
            row = ref Unsafe.Add(ref row, deltaStride);
        }

        if (j < outputs)
        {
            var c = new Vector<double>(Unsafe.Add(ref weights, j * inputs));
            s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), c, s0);
            s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, width), c, s1);
            s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 2 * width), c, s2);
            s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 3 * width), c, s3);
        }

        Mask(ref activations, s0 + t0, s1 + t1, s2 + t2, s3 + t3);
    }

    // a[0 .. 4V) = da ⊙ (a > 0 ? 1 : 0), read and written in place.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mask(ref double activations, Vector<double> da0, Vector<double> da1, Vector<double> da2, Vector<double> da3)
    {
        var width = (nuint)Vector<double>.Count;
        (da0 * ReluDerivative(Vector.LoadUnsafe(ref activations))).StoreUnsafe(ref activations);
        (da1 * ReluDerivative(Vector.LoadUnsafe(ref activations, width))).StoreUnsafe(ref activations, width);
        (da2 * ReluDerivative(Vector.LoadUnsafe(ref activations, 2 * width))).StoreUnsafe(ref activations, 2 * width);
        (da3 * ReluDerivative(Vector.LoadUnsafe(ref activations, 3 * width))).StoreUnsafe(ref activations, 3 * width);
    }

    // relu'(z) = (z > 0 ? 1 : 0), read off a = relu(z).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ReluDerivative(Vector<double> a) =>
        Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);
}
