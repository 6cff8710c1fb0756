using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.Engine;

/// <summary>
/// Adds one tile's share of a layer's gradient: <c>dW += A_prevᵀ·dZ</c> and <c>db += Σ_rows dZ</c>, kept as one
/// partial sum per SIMD lane.
/// </summary>
/// <remarks>
/// In the tile's feature-by-feature layout <c>dW[k, j] = Σᵣ A_prevᵀ[k, r] · dZᵀ[j, r]</c> is a dot product of
/// two contiguous rows, so the samples run along SIMD lanes and each lane keeps its own partial sum. A register
/// block holds 3 inputs × 4 outputs (12 independent sums for 7 loads per vector of samples). At the end of the
/// tile the block's vectors are added, lane by lane, to the chunk's lane sums (<c>V</c> doubles per weight);
/// the lanes are added together once per chunk (<see cref="LaneSumKernel"/>), not once per tile. Every
/// addition happens in an order fixed by the batch partition, never by which thread ran which chunk.
/// </remarks>
internal static class WeightGradientKernel
{
    /// <param name="activations">A_prevᵀ: <paramref name="inputs"/> rows, <paramref name="activationStride"/> apart.</param>
    /// <param name="activationStride">Distance between two rows of A_prevᵀ.</param>
    /// <param name="inputs">n_in: rows of A_prevᵀ.</param>
    /// <param name="delta">dZᵀ: <paramref name="outputs"/> rows, <paramref name="deltaStride"/> apart.</param>
    /// <param name="deltaStride">Distance between two rows of dZᵀ.</param>
    /// <param name="outputs">n_out: rows of dZᵀ.</param>
    /// <param name="weightLanes">dW's lane sums, added to: <c>V</c> doubles per weight, weights column-major like W.</param>
    /// <param name="biasLanes">db's lane sums, added to: <c>V</c> doubles per output.</param>
    /// <param name="samples">Samples in the tile, a multiple of <see cref="BatchPartition.SampleGranule"/>.</param>
    public static void Accumulate(
        ReadOnlySpan<double> activations, int activationStride, int inputs,
        ReadOnlySpan<double> delta, int deltaStride, int outputs,
        Span<double> weightLanes, Span<double> biasLanes, int samples)
    {
        var width = Vector<double>.Count;
        Debug.Assert(samples % BatchPartition.SampleGranule == 0);
        Debug.Assert(activations.Length >= ((inputs - 1) * activationStride) + samples);
        Debug.Assert(delta.Length >= ((outputs - 1) * deltaStride) + samples);
        Debug.Assert(weightLanes.Length >= inputs * outputs * width && biasLanes.Length >= outputs * width);

        ref var a = ref MemoryMarshal.GetReference(activations);
        ref var d = ref MemoryMarshal.GetReference(delta);
        ref var g = ref MemoryMarshal.GetReference(weightLanes);
        var j = 0;
        for (; j + 4 <= outputs; j += 4)
        {
            var k = 0;
            for (; k + 3 <= inputs; k += 3)
            {
                ThreeByFour(ref Unsafe.Add(ref a, k * activationStride), activationStride, ref Unsafe.Add(ref d, j * deltaStride), deltaStride, ref Unsafe.Add(ref g, ((j * inputs) + k) * width), inputs * width, samples);
            }

            for (; k < inputs; k++)
            {
                OneByFour(ref Unsafe.Add(ref a, k * activationStride), ref Unsafe.Add(ref d, j * deltaStride), deltaStride, ref Unsafe.Add(ref g, ((j * inputs) + k) * width), inputs * width, samples);
            }
        }

        for (; j < outputs; j++)
        {
            for (var k = 0; k < inputs; k++)
            {
                AddTo(ref Unsafe.Add(ref g, ((j * inputs) + k) * width), Dot(ref Unsafe.Add(ref a, k * activationStride), ref Unsafe.Add(ref d, j * deltaStride), samples));
            }
        }

        ref var bias = ref MemoryMarshal.GetReference(biasLanes);
        for (j = 0; j < outputs; j++)
        {
            AddTo(ref Unsafe.Add(ref bias, j * width), Sum(ref Unsafe.Add(ref d, j * deltaStride), samples));
        }
    }

    // dW[k..k+2, j..j+3] += Σᵣ A_prevᵀ[k..k+2, r] · dZᵀ[j..j+3, r], lane by lane.
    private static void ThreeByFour(ref double activations, int activationStride, ref double delta, int deltaStride, ref double lanes, int laneStride, int samples)
    {
        var width = (nuint)Vector<double>.Count;
        ref var a0 = ref activations;
        ref var a1 = ref Unsafe.Add(ref a0, activationStride);
        ref var a2 = ref Unsafe.Add(ref a1, activationStride);
        ref var d0 = ref delta;
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
        AddTo(ref lanes, s00, s10, s20);
        AddTo(ref Unsafe.Add(ref lanes, laneStride), s01, s11, s21);
        AddTo(ref Unsafe.Add(ref lanes, 2 * laneStride), s02, s12, s22);
        AddTo(ref Unsafe.Add(ref lanes, 3 * laneStride), s03, s13, s23);
    }

    // dW[k, j..j+3] += Σᵣ A_prevᵀ[k, r] · dZᵀ[j..j+3, r], lane by lane; even and odd vectors summed apart (8 sums).
    private static void OneByFour(ref double activations, ref double delta, int deltaStride, ref double lanes, int laneStride, int samples)
    {
        var width = (nuint)Vector<double>.Count;
        ref var d0 = ref delta;
        ref var d1 = ref Unsafe.Add(ref d0, deltaStride);
        ref var d2 = ref Unsafe.Add(ref d1, deltaStride);
        ref var d3 = ref Unsafe.Add(ref d2, deltaStride);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector<double> t0 = default, t1 = default, t2 = default, t3 = default;
        for (nuint r = 0; r < (nuint)samples; r += 2 * width)
        {
            var x = Vector.LoadUnsafe(ref activations, r);
            var y = Vector.LoadUnsafe(ref activations, r + width);
            s0 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref d0, r), s0);
            t0 = Vector.FusedMultiplyAdd(y, Vector.LoadUnsafe(ref d0, r + width), t0);
            s1 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref d1, r), s1);
            t1 = Vector.FusedMultiplyAdd(y, Vector.LoadUnsafe(ref d1, r + width), t1);
            s2 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref d2, r), s2);
            t2 = Vector.FusedMultiplyAdd(y, Vector.LoadUnsafe(ref d2, r + width), t2);
            s3 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref d3, r), s3);
            t3 = Vector.FusedMultiplyAdd(y, Vector.LoadUnsafe(ref d3, r + width), t3);
        }

        AddTo(ref lanes, s0 + t0);
        AddTo(ref Unsafe.Add(ref lanes, laneStride), s1 + t1);
        AddTo(ref Unsafe.Add(ref lanes, 2 * laneStride), s2 + t2);
        AddTo(ref Unsafe.Add(ref lanes, 3 * laneStride), s3 + t3);
    }

    // Σᵣ x[r] · y[r] per lane, in 4 vector sums.
    private static Vector<double> Dot(ref double x, ref double y, int samples)
    {
        var width = (nuint)Vector<double>.Count;
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (nuint r = 0; r < (nuint)samples; r += 4 * width)
        {
            s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, r), Vector.LoadUnsafe(ref y, r), s0);
            s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, r + width), Vector.LoadUnsafe(ref y, r + width), s1);
            s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, r + (2 * width)), Vector.LoadUnsafe(ref y, r + (2 * width)), s2);
            s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref x, r + (3 * width)), Vector.LoadUnsafe(ref y, r + (3 * width)), s3);
        }

        return (s0 + s1) + (s2 + s3);
    }

    // Σᵣ x[r] per lane, in 4 vector sums.
    private static Vector<double> Sum(ref double x, int samples)
    {
        var width = (nuint)Vector<double>.Count;
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (nuint r = 0; r < (nuint)samples; r += 4 * width)
        {
            s0 += Vector.LoadUnsafe(ref x, r);
            s1 += Vector.LoadUnsafe(ref x, r + width);
            s2 += Vector.LoadUnsafe(ref x, r + (2 * width));
            s3 += Vector.LoadUnsafe(ref x, r + (3 * width));
        }

        return (s0 + s1) + (s2 + s3);
    }

    // lanes[0..V) += s
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(ref double lanes, Vector<double> s) =>
        (Vector.LoadUnsafe(ref lanes) + s).StoreUnsafe(ref lanes);

    // lanes[0..3V) += (s0, s1, s2): three consecutive weights of one column of dW.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(ref double lanes, Vector<double> s0, Vector<double> s1, Vector<double> s2)
    {
        var width = (nuint)Vector<double>.Count;
        (Vector.LoadUnsafe(ref lanes) + s0).StoreUnsafe(ref lanes);
        (Vector.LoadUnsafe(ref lanes, width) + s1).StoreUnsafe(ref lanes, width);
        (Vector.LoadUnsafe(ref lanes, 2 * width) + s2).StoreUnsafe(ref lanes, 2 * width);
    }
}
