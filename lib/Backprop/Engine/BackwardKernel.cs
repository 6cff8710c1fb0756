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
/// taken, <c>A_prev</c> is needed for nothing else. Register block: 4 rows of <c>dZ_prevᵀ</c> × 2 vectors of samples.
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

        var k = 0;
        for (; k + 4 <= inputs; k += 4)
        {
            FourInputs(delta, deltaStride, outputs, weights, activationsInDeltasOut, stride, inputs, k, samples);
        }

        for (; k < inputs; k++)
        {
            OneInput(delta, deltaStride, outputs, weights, activationsInDeltasOut, stride, inputs, k, samples);
        }
    }

    // dZ_prevᵀ[k..k+3, r..r+2V) = (Σⱼ W[k..k+3, j] · dZᵀ[j, r..r+2V)) ⊙ mask.
    private static void FourInputs(
        ReadOnlySpan<double> delta, int deltaStride, int outputs,
        ReadOnlySpan<double> weights,
        Span<double> activationsInDeltasOut, int stride, int inputs, int k, int samples)
    {
        var width = Vector<double>.Count;
        ref var d = ref MemoryMarshal.GetReference(delta);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var a = ref MemoryMarshal.GetReference(activationsInDeltasOut);
        for (var r = 0; r < samples; r += 2 * width)
        {
            Vector<double> s00 = default, s01 = default, s10 = default, s11 = default;
            Vector<double> s20 = default, s21 = default, s30 = default, s31 = default;
            for (var j = 0; j < outputs; j++)
            {
                var row = (nuint)((j * deltaStride) + r);
                var x0 = Vector.LoadUnsafe(ref d, row);
                var x1 = Vector.LoadUnsafe(ref d, row + (nuint)width);
                var column = (j * inputs) + k;
                var c0 = new Vector<double>(Unsafe.Add(ref w, column));
                s00 = Vector.FusedMultiplyAdd(x0, c0, s00);
                s01 = Vector.FusedMultiplyAdd(x1, c0, s01);
                var c1 = new Vector<double>(Unsafe.Add(ref w, column + 1));
                s10 = Vector.FusedMultiplyAdd(x0, c1, s10);
                s11 = Vector.FusedMultiplyAdd(x1, c1, s11);
                var c2 = new Vector<double>(Unsafe.Add(ref w, column + 2));
                s20 = Vector.FusedMultiplyAdd(x0, c2, s20);
                s21 = Vector.FusedMultiplyAdd(x1, c2, s21);
                var c3 = new Vector<double>(Unsafe.Add(ref w, column + 3));
                s30 = Vector.FusedMultiplyAdd(x0, c3, s30);
                s31 = Vector.FusedMultiplyAdd(x1, c3, s31);
            }

            Mask(ref a, (k * stride) + r, s00, s01);
            Mask(ref a, ((k + 1) * stride) + r, s10, s11);
            Mask(ref a, ((k + 2) * stride) + r, s20, s21);
            Mask(ref a, ((k + 3) * stride) + r, s30, s31);
        }
    }

    // dZ_prevᵀ[k, r..r+4V) = (Σⱼ W[k, j] · dZᵀ[j, r..r+4V)) ⊙ mask.
    private static void OneInput(
        ReadOnlySpan<double> delta, int deltaStride, int outputs,
        ReadOnlySpan<double> weights,
        Span<double> activationsInDeltasOut, int stride, int inputs, int k, int samples)
    {
        var width = Vector<double>.Count;
        ref var d = ref MemoryMarshal.GetReference(delta);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var a = ref MemoryMarshal.GetReference(activationsInDeltasOut);
        for (var r = 0; r < samples; r += 4 * width)
        {
            Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var j = 0; j < outputs; j++)
            {
                var row = (nuint)((j * deltaStride) + r);
                var c = new Vector<double>(Unsafe.Add(ref w, (j * inputs) + k));
                s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref d, row), c, s0);
                s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref d, row + (nuint)width), c, s1);
                s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref d, row + (nuint)(2 * width)), c, s2);
                s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref d, row + (nuint)(3 * width)), c, s3);
            }

            var at = (k * stride) + r;
            Mask(ref a, at, s0, s1);
            Mask(ref a, at + (2 * width), s2, s3);
        }
    }

    // a[at .. at+2V) = da ⊙ (a > 0 ? 1 : 0), read and written in place.
    private static void Mask(ref double activations, int at, Vector<double> da0, Vector<double> da1)
    {
        var second = (nuint)(at + Vector<double>.Count);
        var a0 = Vector.LoadUnsafe(ref activations, (nuint)at);
        var a1 = Vector.LoadUnsafe(ref activations, second);
        var m0 = Vector.ConditionalSelect(Vector.GreaterThan(a0, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);
        var m1 = Vector.ConditionalSelect(Vector.GreaterThan(a1, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);
        (da0 * m0).StoreUnsafe(ref activations, (nuint)at);
        (da1 * m1).StoreUnsafe(ref activations, second);
    }
}
