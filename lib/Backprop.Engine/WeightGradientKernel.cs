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
/// two contiguous rows, so the samples run along SIMD lanes and each lane keeps its own partial sum. Each
/// block's loop runs over the tile's samples only (20 vectors on the engine's 160-sample tile at 512 bits), so
/// what a block costs besides its multiply-adds (its setup, and adding its sums into the lane sums) is paid once
/// per block: the larger the block, the less of it per multiply-add. With 32 vector registers
/// (<see cref="RowProductKernel.WideBlocks"/>) a block holds 4 inputs × 6 outputs: 24 independent sums, 4
/// vectors of inputs and 1 of an output, 10 loads per 24 multiply-adds. With 16 (x64 without AVX-512) it holds
/// 3 inputs × 4 outputs: 12 sums, 7 loads per 12 multiply-adds; the 24-sum block would not fit and the JIT
/// would spill sums to the stack. The outputs are the outer loop: a block's rows of <c>dZ</c> stay in L1 while
/// every row of <c>A_prev</c> passes them, and <c>db</c>'s sums are taken from those rows while they are there.
/// Outputs go in bands of 6 while at least 5 are left, the rest in bands of 4 by 3 × 4 blocks (as do layers with
/// fewer than 4 inputs): a 4 × 6 block computes all 24 sums however few it stores. A block with fewer inputs or
/// outputs than its size (at the end of a band, or of the layer) repeats its first for the missing ones and
/// does not store their sums. Every sum is the same whichever block computes it (each lane adds its samples in
/// order), so the two block sizes give the same bits. At the end of the tile the sums are added, lane by lane, to the chunk's lane sums
/// (<c>V</c> doubles per weight); the lanes are added together once per chunk (<see cref="LaneSumKernel"/>),
/// not once per tile. Every addition happens in an order fixed by the batch partition, never by which thread ran
/// which chunk.
/// </remarks>
internal static class WeightGradientKernel
{
    /// <param name="activations">A_prevᵀ: n_in rows of samples.</param>
    /// <param name="delta">dZᵀ: n_out rows, as many samples as <paramref name="activations"/> (a multiple of the sample granule).</param>
    /// <param name="weightLanes">dW's lane sums, added to: <c>V</c> doubles per weight, weights column-major like W.</param>
    /// <param name="biasLanes">db's lane sums, added to: <c>V</c> doubles per output.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate<V, S>(FeatureRows activations, FeatureRows delta, Span<double> weightLanes, Span<double> biasLanes)
        where V : struct
        where S : ISimd<V> =>
        Accumulate<V, S>(activations, delta, weightLanes, biasLanes, RowProductKernel.WideBlocks);

    /// <summary><see cref="Accumulate{V, S}(FeatureRows, FeatureRows, Span{double}, Span{double})"/> with the block size chosen by the caller (the tests run both).</summary>
    /// <param name="activations">A_prevᵀ: n_in rows of samples.</param>
    /// <param name="delta">dZᵀ: n_out rows, as many samples as <paramref name="activations"/> (a multiple of the sample granule).</param>
    /// <param name="weightLanes">dW's lane sums, added to.</param>
    /// <param name="biasLanes">db's lane sums, added to.</param>
    /// <param name="wideBlocks">4 inputs × 6 outputs per block where they fill it (32 vector registers), else 3 × 4 only (16).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate<V, S>(FeatureRows activations, FeatureRows delta, Span<double> weightLanes, Span<double> biasLanes, bool wideBlocks)
        where V : struct
        where S : ISimd<V>
    {
        var width = S.Count;
        int inputs = activations.Count, outputs = delta.Count;
        Debug.Assert(activations.Length == delta.Length && delta.Length % RowProductKernel.Strip<V, S>() == 0);
        Debug.Assert(weightLanes.Length >= inputs * outputs * width && biasLanes.Length >= outputs * width);

        ref var g = ref MemoryMarshal.GetReference(weightLanes);
        ref var bias = ref MemoryMarshal.GetReference(biasLanes);

        // Bands of outputs: 6 wide (4 × 6 blocks) or 4 wide (3 × 4 blocks), as the remarks say.
        var wideBands = wideBlocks && inputs > 3;
        for (var j = 0; j < outputs;)
        {
            var wide = wideBands && outputs - j > 4;
            var jCount = Math.Min(wide ? 6 : 4, outputs - j);
            for (var k = 0; k < inputs; k += wide ? 4 : 3)
            {
                // Column j of dW holds the gradients of the weights into output j: dW[k, j] at j·inputs + k.
                ref var lanes = ref Unsafe.Add(ref g, ((j * inputs) + k) * width);
                if (wide)
                {
                    Block4x6<V, S>(activations, k, Math.Min(4, inputs - k), delta, j, jCount, ref lanes, inputs * width);
                }
                else
                {
                    Block3x4<V, S>(activations, k, Math.Min(3, inputs - k), delta, j, jCount, ref lanes, inputs * width);
                }
            }

            // db[j..j+jCount] += the band's rows of dZ summed, while they are still in L1.
            for (var o = j; o < j + jCount; o++)
            {
                AddTo<V, S>(ref Unsafe.Add(ref bias, o * width), Sum<V, S>(ref delta[o, 0], delta.Length));
            }

            j += jCount;
        }
    }

    /// <summary>
    /// The scalar reference for <see cref="Accumulate{V, S}(FeatureRows, FeatureRows, Span{double}, Span{double})"/>
    /// followed by <see cref="LaneSumKernel"/>: <c>dW[k, j] += Σᵣ A_prevᵀ[k, r] · dZᵀ[j, r]</c> and
    /// <c>db[j] += Σᵣ dZᵀ[j, r]</c> on the gradient itself, one sum at a time, sample after sample. The kernel adds
    /// the samples lane by lane and then the lanes, so the two agree to rounding, not to the bit.
    /// </summary>
    /// <param name="activations">A_prevᵀ: n_in rows of samples.</param>
    /// <param name="delta">dZᵀ: n_out rows, as many samples as <paramref name="activations"/>.</param>
    /// <param name="dW">dW, added to: n_in × n_out, column-major like W.</param>
    /// <param name="db">db, added to: one value per output.</param>
    internal static void Reference(FeatureRows activations, FeatureRows delta, Span<double> dW, Span<double> db)
    {
        for (var j = 0; j < delta.Count; j++)
        {
            var dz = delta.Row(j);
            foreach (var value in dz)
            {
                db[j] += value;
            }

            for (var k = 0; k < activations.Count; k++)
            {
                var a = activations.Row(k);
                var sum = dW[(j * activations.Count) + k];
                for (var r = 0; r < dz.Length; r++)
                {
                    sum = Math.FusedMultiplyAdd(a[r], dz[r], sum);
                }

                dW[(j * activations.Count) + k] = sum;
            }
        }
    }

    // dW[k..k+kCount, j..j+jCount] += Σᵣ A_prevᵀ[k.., r] · dZᵀ[j.., r], lane by lane, for up to 4 inputs × 6
    // outputs: sum s_ab is dW[k + a, j + b]. Missing inputs or outputs repeat the first one and are not stored:
    // 24 independent sums either way. laneStride is the distance from dW[k, j]'s lanes to dW[k, j + 1]'s. The six
    // outputs' multiply-adds are written out one by one, not looped, so that each sum is a local the JIT keeps in a
    // register (the duplicates check lists these alike runs, and this block beside Block3x4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x6<V, S>(FeatureRows activations, int k, int kCount, FeatureRows delta, int j, int jCount, ref double lanes, int laneStride)
        where V : struct
        where S : ISimd<V>
    {
        var width = (nuint)S.Count;
        ref var a0 = ref activations[k, 0];
        ref var a1 = ref activations[k + Math.Min(1, kCount - 1), 0];
        ref var a2 = ref activations[k + Math.Min(2, kCount - 1), 0];
        ref var a3 = ref activations[k + Math.Min(3, kCount - 1), 0];
        ref var d0 = ref delta[j, 0];
        ref var d1 = ref delta[j + Math.Min(1, jCount - 1), 0];
        ref var d2 = ref delta[j + Math.Min(2, jCount - 1), 0];
        ref var d3 = ref delta[j + Math.Min(3, jCount - 1), 0];
        ref var d4 = ref delta[j + Math.Min(4, jCount - 1), 0];
        ref var d5 = ref delta[j + Math.Min(5, jCount - 1), 0];
        V s00 = S.Zero, s01 = S.Zero, s02 = S.Zero, s03 = S.Zero, s04 = S.Zero, s05 = S.Zero;
        V s10 = S.Zero, s11 = S.Zero, s12 = S.Zero, s13 = S.Zero, s14 = S.Zero, s15 = S.Zero;
        V s20 = S.Zero, s21 = S.Zero, s22 = S.Zero, s23 = S.Zero, s24 = S.Zero, s25 = S.Zero;
        V s30 = S.Zero, s31 = S.Zero, s32 = S.Zero, s33 = S.Zero, s34 = S.Zero, s35 = S.Zero;
        for (nuint r = 0; r < (nuint)delta.Length; r += width)
        {
            var x0 = S.Load(ref a0, r);
            var x1 = S.Load(ref a1, r);
            var x2 = S.Load(ref a2, r);
            var x3 = S.Load(ref a3, r);
            var e = S.Load(ref d0, r);
            s00 = S.MultiplyAdd(x0, e, s00);
            s10 = S.MultiplyAdd(x1, e, s10);
            s20 = S.MultiplyAdd(x2, e, s20);
            s30 = S.MultiplyAdd(x3, e, s30);
            e = S.Load(ref d1, r);
            s01 = S.MultiplyAdd(x0, e, s01);
            s11 = S.MultiplyAdd(x1, e, s11);
            s21 = S.MultiplyAdd(x2, e, s21);
            s31 = S.MultiplyAdd(x3, e, s31);
            e = S.Load(ref d2, r);
            s02 = S.MultiplyAdd(x0, e, s02);
            s12 = S.MultiplyAdd(x1, e, s12);
            s22 = S.MultiplyAdd(x2, e, s22);
            s32 = S.MultiplyAdd(x3, e, s32);
            e = S.Load(ref d3, r);
            s03 = S.MultiplyAdd(x0, e, s03);
            s13 = S.MultiplyAdd(x1, e, s13);
            s23 = S.MultiplyAdd(x2, e, s23);
            s33 = S.MultiplyAdd(x3, e, s33);
            e = S.Load(ref d4, r);
            s04 = S.MultiplyAdd(x0, e, s04);
            s14 = S.MultiplyAdd(x1, e, s14);
            s24 = S.MultiplyAdd(x2, e, s24);
            s34 = S.MultiplyAdd(x3, e, s34);
            e = S.Load(ref d5, r);
            s05 = S.MultiplyAdd(x0, e, s05);
            s15 = S.MultiplyAdd(x1, e, s15);
            s25 = S.MultiplyAdd(x2, e, s25);
            s35 = S.MultiplyAdd(x3, e, s35);
        }

        AddTo<V, S>(ref lanes, kCount, s00, s10, s20, s30);
        if (jCount > 1)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, laneStride), kCount, s01, s11, s21, s31);
        }

        if (jCount > 2)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, 2 * laneStride), kCount, s02, s12, s22, s32);
        }

        if (jCount > 3)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, 3 * laneStride), kCount, s03, s13, s23, s33);
        }

        if (jCount > 4)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, 4 * laneStride), kCount, s04, s14, s24, s34);
        }

        if (jCount > 5)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, 5 * laneStride), kCount, s05, s15, s25, s35);
        }
    }

    // The same for up to 3 inputs × 4 outputs: 12 independent sums, which with 3 vectors of inputs and 1 of an
    // output fit in 16 registers. Block4x6 written again on purpose, as RowProductKernel's two blocks are (the
    // duplicates check lists these pairs, and these blocks beside RowProductKernel's): the sums must be separate
    // locals to stay in registers. Unlike the row product's, each term here multiplies two vectors of samples
    // (no broadcast coefficient), and the sums go into lane sums, not through an epilogue.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block3x4<V, S>(FeatureRows activations, int k, int kCount, FeatureRows delta, int j, int jCount, ref double lanes, int laneStride)
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

    // Σᵣ x[r] per lane, in 4 vector sums (samples: a multiple of 4 vectors).
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

    // lanes[0..count·V) += (s0, s1, s2, s3)[..count]: up to four.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<V, S>(ref double lanes, int count, V s0, V s1, V s2, V s3)
        where V : struct
        where S : ISimd<V>
    {
        AddTo<V, S>(ref lanes, count, s0, s1, s2);
        if (count > 3)
        {
            AddTo<V, S>(ref Unsafe.Add(ref lanes, 3 * S.Count), s3);
        }
    }
}
