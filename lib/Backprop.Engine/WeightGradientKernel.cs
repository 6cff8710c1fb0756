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
/// block holds 3 inputs × 4 outputs (12 independent sums for 7 loads per vector of samples); leftover inputs
/// take 1 × 4 (8 sums), leftover outputs one dot product at a time (4 sums). At the end of the tile the sums
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
        var laneStride = inputs * width; // from dW[k, j] to dW[k, j + 1]
        var j = 0;
        for (; j + 4 <= outputs; j += 4)
        {
            var k = 0;
            for (; k + 3 <= inputs; k += 3)
            {
                ThreeByFour<V, S>(activations, k, delta, j, ref Unsafe.Add(ref g, ((j * inputs) + k) * width), laneStride);
            }

            for (; k < inputs; k++)
            {
                OneByFour<V, S>(activations, k, delta, j, ref Unsafe.Add(ref g, ((j * inputs) + k) * width), laneStride);
            }
        }

        for (; j < outputs; j++)
        {
            for (var k = 0; k < inputs; k++)
            {
                AddTo<V, S>(ref Unsafe.Add(ref g, ((j * inputs) + k) * width), Dot<V, S>(ref activations[k, 0], ref delta[j, 0], delta.Length));
            }
        }

        ref var bias = ref MemoryMarshal.GetReference(biasLanes);
        for (j = 0; j < outputs; j++)
        {
            AddTo<V, S>(ref Unsafe.Add(ref bias, j * width), Sum<V, S>(ref delta[j, 0], delta.Length));
        }
    }

    // dW[k..k+2, j..j+3] += Σᵣ A_prevᵀ[k..k+2, r] · dZᵀ[j..j+3, r], lane by lane.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ThreeByFour<V, S>(FeatureRows activations, int k, FeatureRows delta, int j, ref double lanes, int laneStride)
        where V : struct
        where S : ISimd<V>
    {
        var width = (nuint)S.Count;
        ref var a0 = ref activations[k, 0];
        ref var a1 = ref activations[k + 1, 0];
        ref var a2 = ref activations[k + 2, 0];
        ref var d0 = ref delta[j, 0];
        ref var d1 = ref delta[j + 1, 0];
        ref var d2 = ref delta[j + 2, 0];
        ref var d3 = ref delta[j + 3, 0];
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
        AddTo<V, S>(ref lanes, s00, s10, s20);
        AddTo<V, S>(ref Unsafe.Add(ref lanes, laneStride), s01, s11, s21);
        AddTo<V, S>(ref Unsafe.Add(ref lanes, 2 * laneStride), s02, s12, s22);
        AddTo<V, S>(ref Unsafe.Add(ref lanes, 3 * laneStride), s03, s13, s23);
    }

    // dW[k, j..j+3] += Σᵣ A_prevᵀ[k, r] · dZᵀ[j..j+3, r], lane by lane; even and odd vectors summed apart (8 sums).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneByFour<V, S>(FeatureRows activations, int k, FeatureRows delta, int j, ref double lanes, int laneStride)
        where V : struct
        where S : ISimd<V>
    {
        var width = (nuint)S.Count;
        ref var a = ref activations[k, 0];
        ref var d0 = ref delta[j, 0];
        ref var d1 = ref delta[j + 1, 0];
        ref var d2 = ref delta[j + 2, 0];
        ref var d3 = ref delta[j + 3, 0];
        V s0 = S.Zero, s1 = S.Zero, s2 = S.Zero, s3 = S.Zero;
        V t0 = S.Zero, t1 = S.Zero, t2 = S.Zero, t3 = S.Zero;
        for (nuint r = 0; r < (nuint)delta.Length; r += 2 * width)
        {
            var x = S.Load(ref a, r);
            var y = S.Load(ref a, r + width);
            s0 = S.MultiplyAdd(x, S.Load(ref d0, r), s0);
            t0 = S.MultiplyAdd(y, S.Load(ref d0, r + width), t0);
            s1 = S.MultiplyAdd(x, S.Load(ref d1, r), s1);
            t1 = S.MultiplyAdd(y, S.Load(ref d1, r + width), t1);
            s2 = S.MultiplyAdd(x, S.Load(ref d2, r), s2);
            t2 = S.MultiplyAdd(y, S.Load(ref d2, r + width), t2);
            s3 = S.MultiplyAdd(x, S.Load(ref d3, r), s3);
            t3 = S.MultiplyAdd(y, S.Load(ref d3, r + width), t3);
        }

        AddTo<V, S>(ref lanes, S.Add(s0, t0));
        AddTo<V, S>(ref Unsafe.Add(ref lanes, laneStride), S.Add(s1, t1));
        AddTo<V, S>(ref Unsafe.Add(ref lanes, 2 * laneStride), S.Add(s2, t2));
        AddTo<V, S>(ref Unsafe.Add(ref lanes, 3 * laneStride), S.Add(s3, t3));
    }

    // Σᵣ x[r] · y[r] per lane, in 4 vector sums.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static V Dot<V, S>(ref double x, ref double y, int samples)
        where V : struct
        where S : ISimd<V>
    {
        var width = (nuint)S.Count;
        V s0 = S.Zero, s1 = S.Zero, s2 = S.Zero, s3 = S.Zero;
        for (nuint r = 0; r < (nuint)samples; r += 4 * width)
        {
            s0 = S.MultiplyAdd(S.Load(ref x, r), S.Load(ref y, r), s0);
            s1 = S.MultiplyAdd(S.Load(ref x, r + width), S.Load(ref y, r + width), s1);
            s2 = S.MultiplyAdd(S.Load(ref x, r + (2 * width)), S.Load(ref y, r + (2 * width)), s2);
            s3 = S.MultiplyAdd(S.Load(ref x, r + (3 * width)), S.Load(ref y, r + (3 * width)), s3);
        }

        return S.Add(S.Add(s0, s1), S.Add(s2, s3));
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

    // lanes[0..3V) += (s0, s1, s2): three consecutive weights of one column of dW.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<V, S>(ref double lanes, V s0, V s1, V s2)
        where V : struct
        where S : ISimd<V>
    {
        var width = (nuint)S.Count;
        AddTo<V, S>(ref lanes, s0);
        AddTo<V, S>(ref Unsafe.Add(ref lanes, width), s1);
        AddTo<V, S>(ref Unsafe.Add(ref lanes, 2 * width), s2);
    }
}
