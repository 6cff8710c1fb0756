using System.Diagnostics;
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
/// block holds 3 inputs × 4 outputs (12 independent sums for 7 loads per vector of samples); the last blocks of a
/// layer whose sizes are not multiples of 3 and 4 use the same block for fewer. At the end of the tile the sums
/// are added, lane by lane, to the chunk's lane sums (<c>V</c> doubles per weight); the lanes are added
/// together once per chunk (<see cref="LaneSumKernel"/>), not once per tile. Every addition happens in an
/// order fixed by the batch partition, never by which thread ran which chunk.
/// </remarks>
internal static class WeightGradientKernel
{
    /// <param name="activations">A_prevᵀ: n_in rows of samples.</param>
    /// <param name="delta">dZᵀ: n_out rows, as many samples as <paramref name="activations"/> (a multiple of 4 vectors).</param>
    /// <param name="weightLanes">dW's lane sums, added to: <c>V</c> doubles per weight, weights column-major like W.</param>
    /// <param name="biasLanes">db's lane sums, added to: <c>V</c> doubles per output.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate<V, S>(FeatureRows activations, FeatureRows delta, Span<double> weightLanes, Span<double> biasLanes)
        where V : struct
        where S : ISimd<V>
    {
        var width = S.Count;
        int inputs = activations.Count, outputs = delta.Count;
        Debug.Assert(activations.Length == delta.Length && delta.Length % RowProductKernel.Strip<V, S>() == 0);
        Debug.Assert(weightLanes.Length >= inputs * outputs * width && biasLanes.Length >= outputs * width);

        ref var g = ref MemoryMarshal.GetReference(weightLanes);
        for (var j = 0; j < outputs; j += 4)
        {
            for (var k = 0; k < inputs; k += 3)
            {
                Block<V, S>(activations, k, Math.Min(3, inputs - k), delta, j, Math.Min(4, outputs - j), ref Unsafe.Add(ref g, ((j * inputs) + k) * width), inputs * width);
            }
        }

        ref var bias = ref MemoryMarshal.GetReference(biasLanes);
        for (var j = 0; j < outputs; j++)
        {
            AddTo<V, S>(ref Unsafe.Add(ref bias, j * width), Sum<V, S>(ref delta[j, 0], delta.Length));
        }
    }

    // dW[k..k+kCount, j..j+jCount] += Σᵣ A_prevᵀ[k.., r] · dZᵀ[j.., r], lane by lane, for up to 3 inputs × 4
    // outputs. Missing inputs or outputs repeat the first one and are not stored: 12 independent sums either way.
    // laneStride is the distance from dW[k, j]'s lanes to dW[k, j + 1]'s.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<V, S>(FeatureRows activations, int k, int kCount, FeatureRows delta, int j, int jCount, ref double lanes, int laneStride)
        where V : struct
        where S : ISimd<V>
    {
        var width = (nuint)S.Count;
        ref var a0 = ref activations[k, 0];
        ref var a1 = ref activations[k + Math.Min(1, kCount - 1), 0];
        ref var a2 = ref activations[k + Math.Min(2, kCount - 1), 0];
        ref var d0 = ref delta[j, 0];
        ref var d1 = ref delta[j + Math.Min(1, jCount - 1), 0];
        ref var d2 = ref delta[j + Math.Min(2, jCount - 1), 0];
        ref var d3 = ref delta[j + Math.Min(3, jCount - 1), 0];
        V s00 = S.Zero, s01 = S.Zero, s02 = S.Zero, s03 = S.Zero;
        V s10 = S.Zero, s11 = S.Zero, s12 = S.Zero, s13 = S.Zero;
        V s20 = S.Zero, s21 = S.Zero, s22 = S.Zero, s23 = S.Zero;
        for (nuint r = 0; r < (nuint)delta.Length; r += width)
        {
            var x0 = S.Load(ref a0, r);
            var x1 = S.Load(ref a1, r);
            var x2 = S.Load(ref a2, r);
            var e = S.Load(ref d0, r);
            s00 = S.MultiplyAdd(x0, e, s00);
            s10 = S.MultiplyAdd(x1, e, s10);
            s20 = S.MultiplyAdd(x2, e, s20);
            e = S.Load(ref d1, r);
            s01 = S.MultiplyAdd(x0, e, s01);
            s11 = S.MultiplyAdd(x1, e, s11);
            s21 = S.MultiplyAdd(x2, e, s21);
            e = S.Load(ref d2, r);
            s02 = S.MultiplyAdd(x0, e, s02);
            s12 = S.MultiplyAdd(x1, e, s12);
            s22 = S.MultiplyAdd(x2, e, s22);
            e = S.Load(ref d3, r);
            s03 = S.MultiplyAdd(x0, e, s03);
            s13 = S.MultiplyAdd(x1, e, s13);
            s23 = S.MultiplyAdd(x2, e, s23);
        }

        // Column j of dW holds the gradients of the weights into output j: dW[k, j] at j·inputs + k.
        AddTo<V, S>(ref lanes, kCount, s00, s10, s20);
        if (jCount > 1)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, laneStride), kCount, s01, s11, s21);
        }

        if (jCount > 2)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, 2 * laneStride), kCount, s02, s12, s22);
        }

        if (jCount > 3)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, 3 * laneStride), kCount, s03, s13, s23);
        }
    }

    // Σᵣ x[r] per lane, in 4 vector sums.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static V Sum<V, S>(ref double x, int samples)
        where V : struct
        where S : ISimd<V>
    {
        var width = (nuint)S.Count;
        V s0 = S.Zero, s1 = S.Zero, s2 = S.Zero, s3 = S.Zero;
        for (nuint r = 0; r < (nuint)samples; r += 4 * width)
        {
            s0 = S.Add(s0, S.Load(ref x, r));
            s1 = S.Add(s1, S.Load(ref x, r + width));
            s2 = S.Add(s2, S.Load(ref x, r + (2 * width)));
            s3 = S.Add(s3, S.Load(ref x, r + (3 * width)));
        }

        return S.Add(S.Add(s0, s1), S.Add(s2, s3));
    }

    // lanes[0..V) += s
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<V, S>(ref double lanes, V s)
        where V : struct
        where S : ISimd<V> =>
        S.Store(S.Add(S.Load(ref lanes, 0), s), ref lanes, 0);

    // lanes[0..count·V) += (s0, s1, s2)[..count]: up to three consecutive weights of one column of dW.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<V, S>(ref double lanes, int count, V s0, V s1, V s2)
        where V : struct
        where S : ISimd<V>
    {
        var width = (nuint)S.Count;
        AddTo<V, S>(ref lanes, s0);
        if (count > 1)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, width), s1);
        }

        if (count > 2)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, 2 * width), s2);
        }
    }
}
