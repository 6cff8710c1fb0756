using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Engine;

/// <summary>
/// What a <see cref="RowProductKernel"/> does with each finished vector of sums: add a bias, apply ReLU, mask
/// by <c>relu'</c>… and store it. A register block may call a copy of it, so <see cref="Finish"/> must not change
/// the epilogue's fields (the ones here are readonly).
/// </summary>
/// <typeparam name="V">The vector type.</typeparam>
internal interface IRowEpilogue<V>
    where V : struct
{
    /// <summary>Finishes <paramref name="sum"/>, a vector of output row <paramref name="row"/>, and stores it at <c>destination[offset ..]</c>.</summary>
    void Finish(int row, V sum, ref double destination, nuint offset);
}

/// <summary>
/// <c>Out = M · In</c> on rows of samples, with an epilogue on every result: <c>Out[i, r] = finish(i, Σₜ M[i, t] · In[t, r])</c>.
/// The forward pass (<c>M = Wᵀ</c>, <see cref="ForwardKernel"/>) and the backward pass (<c>M = W</c>,
/// <see cref="BackwardKernel"/>) are both this product; only the epilogue differs.
/// </summary>
/// <remarks>
/// The samples run along SIMD lanes, so each coefficient <c>M[i, t]</c> is broadcast and multiplied into whole
/// vectors of samples. With 32 vector registers (<see cref="WideBlocks"/>) a register block holds 6 output rows ×
/// 4 vectors of samples: 24 independent sums for 6 broadcasts and 4 loads per term <c>t</c> (31 registers with
/// the broadcasts and the loaded vector). With 16 it holds 3 rows × 4 vectors: 12 sums for 3 broadcasts and 4
/// loads, which fill all 16. Either keeps both FMA units busy; the larger block needs 10 loads per 24
/// multiply-adds instead of 7 per 12. A block takes its rows through every strip of 4 vectors in turn (rows
/// outer, strips inner): its setup is paid once per block, not once per strip, which matters where the sums are
/// short (a layer with few inputs), and its rows of <c>M</c> stay in L1 while the input streams past. The rows
/// left over after the 6-row blocks are done with one more 6-row block if there are 4 or 5 of them, else with
/// 3-row blocks; a block with fewer rows than its size repeats its first row for the missing ones and does not
/// store them. Every sum is the same whichever block computes it (each adds its terms in order
/// <c>t</c> = 0, 1, …), so the blocks give the same bits. Every sum stays in a register until the epilogue,
/// which is inlined into the block. The 6-row block gets its own copy of the epilogue, so the JIT keeps what the
/// epilogue reads (the bias span, the ReLU flag) in registers instead of reloading it through a reference after
/// each of its 24 stores. The 3-row block, which runs where rows are few and the whole product small, takes the
/// epilogue, the matrix and the rows by reference: copying them for every call measured slower there (the seed
/// workload's epoch about 10% slower at times).
/// </remarks>
internal static class RowProductKernel
{
    /// <summary>
    /// Whether the JIT has 32 vector registers to keep a register block in (x64 with AVX-512, whose encoding
    /// reaches registers 16–31 at every width, and Arm64) rather than 16 (x64 without AVX-512). A constant to the
    /// JIT, so the test costs nothing.
    /// </summary>
    internal static bool WideBlocks => Avx512F.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>Samples per register block: 4 vectors.</summary>
    public static int Strip<V, S>()
        where V : struct
        where S : ISimd<V> => 4 * S.Count;

    /// <param name="m">M: <c>output.Count</c> × <c>input.Count</c>.</param>
    /// <param name="input">In: rows of samples; its length is a multiple of 4 vectors.</param>
    /// <param name="output">Out: as many samples as <paramref name="input"/>; may hold values the epilogue reads.</param>
    /// <param name="epilogue">What is done with each vector of sums.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<V, S, E>(StridedMatrix m, FeatureRows input, FeatureRows output, E epilogue)
        where V : struct
        where S : ISimd<V>
        where E : IRowEpilogue<V>, allows ref struct =>
        Multiply<V, S, E>(m, input, output, epilogue, WideBlocks);

    /// <summary><see cref="Multiply{V, S, E}(StridedMatrix, FeatureRows, FeatureRows, E)"/> with the block size chosen by the caller (the tests run both).</summary>
    /// <param name="m">M: <c>output.Count</c> × <c>input.Count</c>.</param>
    /// <param name="input">In: rows of samples; its length is a multiple of 4 vectors.</param>
    /// <param name="output">Out: as many samples as <paramref name="input"/>.</param>
    /// <param name="epilogue">What is done with each vector of sums.</param>
    /// <param name="wideBlocks">6-row blocks (32 vector registers) as well as 3-row ones (16).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<V, S, E>(StridedMatrix m, FeatureRows input, FeatureRows output, E epilogue, bool wideBlocks)
        where V : struct
        where S : ISimd<V>
        where E : IRowEpilogue<V>, allows ref struct
    {
        Debug.Assert(m.Rows == output.Count && m.Columns == input.Count);
        Debug.Assert(input.Length == output.Length && output.Length % Strip<V, S>() == 0);

        var i = 0;
        for (; wideBlocks && m.Rows - i > 3; i += 6)
        {
            Block6x4<V, S, E>(m, i, Math.Min(6, m.Rows - i), input, output, epilogue);
        }

        for (; i < m.Rows; i += 3)
        {
            Block3x4<V, S, E>(in m, i, Math.Min(3, m.Rows - i), in input, in output, ref epilogue);
        }
    }

    // Out[i..i+rows, r..r+4V) = finish(Σₜ M[i..i+rows, t] · In[t, r..r+4V)) for rows = 1 … 6, strip by strip
    // (r = 0, 4V, …): sum s_ab is row i + a, vector b of the strip. With fewer than 6 rows, the missing rows repeat
    // row i and are not stored: 24 independent sums either way. The block's rows of M are found once for all the
    // strips. Every sum is written out as a local of its own so that the JIT keeps it in a register (Block3x4 says
    // why it is written again).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block6x4<V, S, E>(StridedMatrix m, int i, int rows, FeatureRows input, FeatureRows output, E epilogue)
        where V : struct
        where S : ISimd<V>
        where E : IRowEpilogue<V>, allows ref struct
    {
        var width = (nuint)S.Count;

        // M[i + a, t] is at M[i, t] + step_a (step_a = a·RowStep, or row i's for a missing row).
        nint step1 = rows > 1 ? m.RowStep : 0;
        nint step2 = rows > 2 ? 2 * m.RowStep : 0;
        nint step3 = rows > 3 ? 3 * m.RowStep : 0;
        nint step4 = rows > 4 ? 4 * m.RowStep : 0;
        nint step5 = rows > 5 ? 5 * m.RowStep : 0;
        nint columnStep = m.ColumnStep, inputStride = input.Stride;
        int terms = m.Columns, strip = Strip<V, S>();
        ref var rowI = ref m[i, 0];
        for (var r = 0; r < output.Length; r += strip)
        {
            V s00 = S.Zero, s01 = S.Zero, s02 = S.Zero, s03 = S.Zero;
            V s10 = S.Zero, s11 = S.Zero, s12 = S.Zero, s13 = S.Zero;
            V s20 = S.Zero, s21 = S.Zero, s22 = S.Zero, s23 = S.Zero;
            V s30 = S.Zero, s31 = S.Zero, s32 = S.Zero, s33 = S.Zero;
            V s40 = S.Zero, s41 = S.Zero, s42 = S.Zero, s43 = S.Zero;
            V s50 = S.Zero, s51 = S.Zero, s52 = S.Zero, s53 = S.Zero;
            ref var x = ref input[0, r];
            ref var c = ref rowI;
            for (var t = 0; t < terms; t++)
            {
                var c0 = S.Create(c);
                var c1 = S.Create(Unsafe.Add(ref c, step1));
                var c2 = S.Create(Unsafe.Add(ref c, step2));
                var c3 = S.Create(Unsafe.Add(ref c, step3));
                var c4 = S.Create(Unsafe.Add(ref c, step4));
                var c5 = S.Create(Unsafe.Add(ref c, step5));
                var v = S.Load(ref x, 0);
                s00 = S.MultiplyAdd(v, c0, s00);
                s10 = S.MultiplyAdd(v, c1, s10);
                s20 = S.MultiplyAdd(v, c2, s20);
                s30 = S.MultiplyAdd(v, c3, s30);
                s40 = S.MultiplyAdd(v, c4, s40);
                s50 = S.MultiplyAdd(v, c5, s50);
                v = S.Load(ref x, width);
                s01 = S.MultiplyAdd(v, c0, s01);
                s11 = S.MultiplyAdd(v, c1, s11);
                s21 = S.MultiplyAdd(v, c2, s21);
                s31 = S.MultiplyAdd(v, c3, s31);
                s41 = S.MultiplyAdd(v, c4, s41);
                s51 = S.MultiplyAdd(v, c5, s51);
                v = S.Load(ref x, 2 * width);
                s02 = S.MultiplyAdd(v, c0, s02);
                s12 = S.MultiplyAdd(v, c1, s12);
                s22 = S.MultiplyAdd(v, c2, s22);
                s32 = S.MultiplyAdd(v, c3, s32);
                s42 = S.MultiplyAdd(v, c4, s42);
                s52 = S.MultiplyAdd(v, c5, s52);
                v = S.Load(ref x, 3 * width);
                s03 = S.MultiplyAdd(v, c0, s03);
                s13 = S.MultiplyAdd(v, c1, s13);
                s23 = S.MultiplyAdd(v, c2, s23);
                s33 = S.MultiplyAdd(v, c3, s33);
                s43 = S.MultiplyAdd(v, c4, s43);
                s53 = S.MultiplyAdd(v, c5, s53);
                x = ref Unsafe.Add(ref x, inputStride);
                c = ref Unsafe.Add(ref c, columnStep);
            }

            Finish<V, E>(ref epilogue, i, ref output[i, r], width, s00, s01, s02, s03);
            if (rows > 1)
            {
                Finish<V, E>(ref epilogue, i + 1, ref output[i + 1, r], width, s10, s11, s12, s13);
            }

            if (rows > 2)
            {
                Finish<V, E>(ref epilogue, i + 2, ref output[i + 2, r], width, s20, s21, s22, s23);
            }

            if (rows > 3)
            {
                Finish<V, E>(ref epilogue, i + 3, ref output[i + 3, r], width, s30, s31, s32, s33);
            }

            if (rows > 4)
            {
                Finish<V, E>(ref epilogue, i + 4, ref output[i + 4, r], width, s40, s41, s42, s43);
            }

            if (rows > 5)
            {
                Finish<V, E>(ref epilogue, i + 5, ref output[i + 5, r], width, s50, s51, s52, s53);
            }
        }
    }

    // The same for rows = 1, 2 or 3: 12 independent sums, which hide the FMA latency even for a single row.
    // Block6x4 written again on purpose (the duplicates check lists the pair): every sum must be a local of its own
    // for the JIT to keep it in a register (an array of sums, or a loop over rows, would live in memory), and
    // this size is the one that fits 16 vector registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block3x4<V, S, E>(in StridedMatrix m, int i, int rows, in FeatureRows input, in FeatureRows output, ref E epilogue)
        where V : struct
        where S : ISimd<V>
        where E : IRowEpilogue<V>, allows ref struct
    {
        var width = (nuint)S.Count;
        nint step1 = rows > 1 ? m.RowStep : 0;
        nint step2 = rows > 2 ? 2 * m.RowStep : 0;
        nint columnStep = m.ColumnStep, inputStride = input.Stride;
        int terms = m.Columns, strip = Strip<V, S>();
        ref var rowI = ref m[i, 0];
        for (var r = 0; r < output.Length; r += strip)
        {
            V s00 = S.Zero, s01 = S.Zero, s02 = S.Zero, s03 = S.Zero;
            V s10 = S.Zero, s11 = S.Zero, s12 = S.Zero, s13 = S.Zero;
            V s20 = S.Zero, s21 = S.Zero, s22 = S.Zero, s23 = S.Zero;
            ref var x = ref input[0, r];
            ref var c = ref rowI;
            for (var t = 0; t < terms; t++)
            {
                var c0 = S.Create(c);
                var c1 = S.Create(Unsafe.Add(ref c, step1));
                var c2 = S.Create(Unsafe.Add(ref c, step2));
                var v = S.Load(ref x, 0);
                s00 = S.MultiplyAdd(v, c0, s00);
                s10 = S.MultiplyAdd(v, c1, s10);
                s20 = S.MultiplyAdd(v, c2, s20);
                v = S.Load(ref x, width);
                s01 = S.MultiplyAdd(v, c0, s01);
                s11 = S.MultiplyAdd(v, c1, s11);
                s21 = S.MultiplyAdd(v, c2, s21);
                v = S.Load(ref x, 2 * width);
                s02 = S.MultiplyAdd(v, c0, s02);
                s12 = S.MultiplyAdd(v, c1, s12);
                s22 = S.MultiplyAdd(v, c2, s22);
                v = S.Load(ref x, 3 * width);
                s03 = S.MultiplyAdd(v, c0, s03);
                s13 = S.MultiplyAdd(v, c1, s13);
                s23 = S.MultiplyAdd(v, c2, s23);
                x = ref Unsafe.Add(ref x, inputStride);
                c = ref Unsafe.Add(ref c, columnStep);
            }

            Finish<V, E>(ref epilogue, i, ref output[i, r], width, s00, s01, s02, s03);
            if (rows > 1)
            {
                Finish<V, E>(ref epilogue, i + 1, ref output[i + 1, r], width, s10, s11, s12, s13);
            }

            if (rows > 2)
            {
                Finish<V, E>(ref epilogue, i + 2, ref output[i + 2, r], width, s20, s21, s22, s23);
            }
        }
    }

    /// <summary>
    /// The scalar reference: <c>Out[i, r] = Σₜ M[i, t] · In[t, r]</c>, stored as it is (no epilogue), one sum at
    /// a time in plain loops. Each sum is added as every register block adds it (<c>t</c> = 0, 1, …, one fused
    /// multiply-add per term), so the blocks must give these bits exactly; the tests hold them to it.
    /// </summary>
    /// <param name="m">M: <c>output.Count</c> × <c>input.Count</c>.</param>
    /// <param name="input">In: rows of samples.</param>
    /// <param name="output">Out: as many samples as <paramref name="input"/>.</param>
    internal static void Reference(StridedMatrix m, FeatureRows input, FeatureRows output)
    {
        for (var i = 0; i < m.Rows; i++)
        {
            for (var r = 0; r < output.Length; r++)
            {
                var sum = 0.0;
                for (var t = 0; t < m.Columns; t++)
                {
                    sum = Math.FusedMultiplyAdd(m[i, t], input[t, r], sum);
                }

                output[i, r] = sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<V, E>(ref E epilogue, int row, ref double destination, nuint width, V s0, V s1, V s2, V s3)
        where V : struct
        where E : IRowEpilogue<V>, allows ref struct
    {
        epilogue.Finish(row, s0, ref destination, 0);
        epilogue.Finish(row, s1, ref destination, width);
        epilogue.Finish(row, s2, ref destination, 2 * width);
        epilogue.Finish(row, s3, ref destination, 3 * width);
    }
}
