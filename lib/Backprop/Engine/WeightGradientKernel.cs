using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.Engine;

/// <summary>
/// Adds one tile's share of a layer's gradient: <c>dW += A_prevᵀ·dZ</c> and <c>db += Σ_rows dZ</c>.
/// </summary>
/// <remarks>
/// In the tile's feature-by-feature layout <c>dW[k, j] = Σᵣ A_prevᵀ[k, r] · dZᵀ[j, r]</c> is a dot product of
/// two contiguous rows, so the samples run along SIMD lanes: each lane keeps its own partial sum over the tile,
/// and the lanes are added once at the end of the tile. A register block holds 3 inputs × 4 outputs (12
/// independent sums for 7 loads per vector of samples). The tile's sums are then added to the chunk's running gradient, so the order of every
/// addition depends only on the batch partition, never on which thread ran which chunk.
/// </remarks>
internal static class WeightGradientKernel
{
    /// <param name="activations">A_prevᵀ: <paramref name="inputs"/> rows, <paramref name="activationStride"/> apart.</param>
    /// <param name="activationStride">Distance between two rows of A_prevᵀ.</param>
    /// <param name="inputs">n_in: rows of A_prevᵀ.</param>
    /// <param name="delta">dZᵀ: <paramref name="outputs"/> rows, <paramref name="deltaStride"/> apart.</param>
    /// <param name="deltaStride">Distance between two rows of dZᵀ.</param>
    /// <param name="outputs">n_out: rows of dZᵀ.</param>
    /// <param name="weightGradient">dW (inputs × outputs), column-major like W, added to.</param>
    /// <param name="biasGradient">db, one value per output, added to.</param>
    /// <param name="samples">Samples in the tile, a multiple of <see cref="BatchPartition.SampleGranule"/>.</param>
    public static void Accumulate(
        ReadOnlySpan<double> activations, int activationStride, int inputs,
        ReadOnlySpan<double> delta, int deltaStride, int outputs,
        Span<double> weightGradient, Span<double> biasGradient, int samples)
    {
        Debug.Assert(samples % BatchPartition.SampleGranule == 0);
        Debug.Assert(activations.Length >= ((inputs - 1) * activationStride) + samples);
        Debug.Assert(delta.Length >= ((outputs - 1) * deltaStride) + samples);
        Debug.Assert(weightGradient.Length >= inputs * outputs && biasGradient.Length >= outputs);

        var j = 0;
        for (; j + 4 <= outputs; j += 4)
        {
            var k = 0;
            for (; k + 3 <= inputs; k += 3)
            {
                ThreeByFour(activations, activationStride, delta, deltaStride, weightGradient, inputs, k, j, samples);
            }

            for (; k < inputs; k++)
            {
                OneByFour(activations, activationStride, delta, deltaStride, weightGradient, inputs, k, j, samples);
            }
        }

        for (; j < outputs; j++)
        {
            for (var k = 0; k < inputs; k++)
            {
                var sum = Dot(activations.Slice(k * activationStride, samples), delta.Slice(j * deltaStride, samples));
                weightGradient[(j * inputs) + k] += sum;
            }
        }

        for (j = 0; j < outputs; j++)
        {
            biasGradient[j] += Sum(delta.Slice(j * deltaStride, samples));
        }
    }

    // dW[k..k+2, j..j+3] += Σᵣ A_prevᵀ[k..k+2, r] · dZᵀ[j..j+3, r]
    private static void ThreeByFour(
        ReadOnlySpan<double> activations, int activationStride,
        ReadOnlySpan<double> delta, int deltaStride,
        Span<double> weightGradient, int inputs, int k, int j, int samples)
    {
        var width = (nuint)Vector<double>.Count;
        ref var a0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(activations), k * activationStride);
        ref var a1 = ref Unsafe.Add(ref a0, activationStride);
        ref var a2 = ref Unsafe.Add(ref a1, activationStride);
        ref var d0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(delta), j * deltaStride);
        ref var d1 = ref Unsafe.Add(ref d0, deltaStride);
        ref var d2 = ref Unsafe.Add(ref d1, deltaStride);
        ref var d3 = ref Unsafe.Add(ref d2, deltaStride);
        Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector<double> s20 = default, s21 = default, s22 = default, s23 = default;
        for (nuint r = 0; r < (nuint)samples; r += width)
        {
            var x0 = Vector.LoadUnsafe(ref a0, r);
            var x1 = Vector.LoadUnsafe(ref a1, r);
            var x2 = Vector.LoadUnsafe(ref a2, r);
            var e = Vector.LoadUnsafe(ref d0, r);
            s00 = Vector.FusedMultiplyAdd(x0, e, s00);
            s10 = Vector.FusedMultiplyAdd(x1, e, s10);
            s20 = Vector.FusedMultiplyAdd(x2, e, s20);
            e = Vector.LoadUnsafe(ref d1, r);
            s01 = Vector.FusedMultiplyAdd(x0, e, s01);
            s11 = Vector.FusedMultiplyAdd(x1, e, s11);
            s21 = Vector.FusedMultiplyAdd(x2, e, s21);
            e = Vector.LoadUnsafe(ref d2, r);
            s02 = Vector.FusedMultiplyAdd(x0, e, s02);
            s12 = Vector.FusedMultiplyAdd(x1, e, s12);
            s22 = Vector.FusedMultiplyAdd(x2, e, s22);
            e = Vector.LoadUnsafe(ref d3, r);
            s03 = Vector.FusedMultiplyAdd(x0, e, s03);
            s13 = Vector.FusedMultiplyAdd(x1, e, s13);
            s23 = Vector.FusedMultiplyAdd(x2, e, s23);
        }

        // Column j of dW holds the gradients of the weights into output j: dW[k, j] at j·inputs + k.
        ref var g = ref Unsafe.Add(ref MemoryMarshal.GetReference(weightGradient), (j * inputs) + k);
        AddSums(ref g, s00, s10, s20);
        AddSums(ref Unsafe.Add(ref g, inputs), s01, s11, s21);
        AddSums(ref Unsafe.Add(ref g, 2 * inputs), s02, s12, s22);
        AddSums(ref Unsafe.Add(ref g, 3 * inputs), s03, s13, s23);
    }

    // g[0..2] += the lane sums of three vector accumulators.
    private static void AddSums(ref double g, Vector<double> s0, Vector<double> s1, Vector<double> s2)
    {
        g += Vector.Sum(s0);
        Unsafe.Add(ref g, 1) += Vector.Sum(s1);
        Unsafe.Add(ref g, 2) += Vector.Sum(s2);
    }

    // dW[k, j..j+3] += Σᵣ A_prevᵀ[k, r] · dZᵀ[j..j+3, r], with even and odd vectors summed apart (8 sums).
    private static void OneByFour(
        ReadOnlySpan<double> activations, int activationStride,
        ReadOnlySpan<double> delta, int deltaStride,
        Span<double> weightGradient, int inputs, int k, int j, int samples)
    {
        var width = (nuint)Vector<double>.Count;
        ref var a = ref MemoryMarshal.GetReference(activations);
        ref var d = ref MemoryMarshal.GetReference(delta);
        var a0 = (nuint)(k * activationStride);
        var d0 = (nuint)(j * deltaStride);
        var d1 = d0 + (nuint)deltaStride;
        var d2 = d1 + (nuint)deltaStride;
        var d3 = d2 + (nuint)deltaStride;
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector<double> t0 = default, t1 = default, t2 = default, t3 = default;
        for (nuint r = 0; r < (nuint)samples; r += 2 * width)
        {
            var x = Vector.LoadUnsafe(ref a, a0 + r);
            var y = Vector.LoadUnsafe(ref a, a0 + r + width);
            s0 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref d, d0 + r), s0);
            t0 = Vector.FusedMultiplyAdd(y, Vector.LoadUnsafe(ref d, d0 + r + width), t0);
            s1 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref d, d1 + r), s1);
            t1 = Vector.FusedMultiplyAdd(y, Vector.LoadUnsafe(ref d, d1 + r + width), t1);
            s2 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref d, d2 + r), s2);
            t2 = Vector.FusedMultiplyAdd(y, Vector.LoadUnsafe(ref d, d2 + r + width), t2);
            s3 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref d, d3 + r), s3);
            t3 = Vector.FusedMultiplyAdd(y, Vector.LoadUnsafe(ref d, d3 + r + width), t3);
        }

        ref var g = ref MemoryMarshal.GetReference(weightGradient);
        var c0 = (j * inputs) + k;
        Unsafe.Add(ref g, c0) += Vector.Sum(s0 + t0);
        Unsafe.Add(ref g, c0 + inputs) += Vector.Sum(s1 + t1);
        Unsafe.Add(ref g, c0 + (2 * inputs)) += Vector.Sum(s2 + t2);
        Unsafe.Add(ref g, c0 + (3 * inputs)) += Vector.Sum(s3 + t3);
    }

    // Σᵣ x[r] · y[r], in 4 vector sums.
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var width = (nuint)Vector<double>.Count;
        ref var a = ref MemoryMarshal.GetReference(x);
        ref var b = ref MemoryMarshal.GetReference(y);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (nuint r = 0; r < (nuint)x.Length; r += 4 * width)
        {
            s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, r), Vector.LoadUnsafe(ref b, r), s0);
            s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, r + width), Vector.LoadUnsafe(ref b, r + width), s1);
            s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, r + (2 * width)), Vector.LoadUnsafe(ref b, r + (2 * width)), s2);
            s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, r + (3 * width)), Vector.LoadUnsafe(ref b, r + (3 * width)), s3);
        }

        return Vector.Sum((s0 + s1) + (s2 + s3));
    }

    // Σᵣ x[r], in 4 vector sums.
    private static double Sum(ReadOnlySpan<double> x)
    {
        var width = (nuint)Vector<double>.Count;
        ref var a = ref MemoryMarshal.GetReference(x);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (nuint r = 0; r < (nuint)x.Length; r += 4 * width)
        {
            s0 += Vector.LoadUnsafe(ref a, r);
            s1 += Vector.LoadUnsafe(ref a, r + width);
            s2 += Vector.LoadUnsafe(ref a, r + (2 * width));
            s3 += Vector.LoadUnsafe(ref a, r + (3 * width));
        }

        return Vector.Sum((s0 + s1) + (s2 + s3));
    }
}
