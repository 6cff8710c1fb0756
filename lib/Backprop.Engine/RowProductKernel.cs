using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Engine;

/// <summary>
/// What a <see cref="RowProductKernel"/> does with each finished vector of sums: add a bias, apply ReLU, mask
/// by <c>relu'</c>… and store it.
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
/// vectors of samples. A register block holds 3 output rows × 4 vectors of samples: 12 independent sums for 3
/// broadcasts and 4 loads per term <c>t</c>, enough to keep both FMA units busy. The last block of a matrix whose
/// row count is not a multiple of 3 computes its 1 or 2 rows with the same block. Every sum stays in a register
/// until the epilogue, which is inlined into the block.
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
        where E : IRowEpilogue<V>, allows ref struct
    {
        var strip = Strip<V, S>();
        Debug.Assert(m.Rows == output.Count && m.Columns == input.Count);
        Debug.Assert(input.Length == output.Length && output.Length % strip == 0);

        for (var r = 0; r < output.Length; r += strip)
        {
            for (var i = 0; i < m.Rows; i += 3)
            {
                Block<V, S, E>(m, i, Math.Min(3, m.Rows - i), input, output, r, ref epilogue);
            }
        }
    }

    // Out[i..i+rows, r..r+4V) = finish(Σₜ M[i..i+rows, t] · In[t, r..r+4V)) for rows = 1, 2 or 3. With fewer
    // than 3 rows, the missing rows repeat row i and are not stored: 12 independent sums either way, which
    // hides the FMA latency even for a single row.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<V, S, E>(StridedMatrix m, int i, int rows, FeatureRows input, FeatureRows output, int r, ref E epilogue)
        where V : struct
        where S : ISimd<V>
        where E : IRowEpilogue<V>, allows ref struct
    {
        var width = (nuint)S.Count;
        V s00 = S.Zero, s01 = S.Zero, s02 = S.Zero, s03 = S.Zero;
        V s10 = S.Zero, s11 = S.Zero, s12 = S.Zero, s13 = S.Zero;
        V s20 = S.Zero, s21 = S.Zero, s22 = S.Zero, s23 = S.Zero;
        ref var x = ref input[0, r];
        ref var c = ref m[i, 0];
        nint step1 = rows > 1 ? m.RowStep : 0, step2 = rows > 2 ? 2 * m.RowStep : step1;
        nint columnStep = m.ColumnStep, inputStride = input.Stride;
        for (var t = 0; t < m.Columns; t++)
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
