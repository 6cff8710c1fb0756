using System.Runtime.Intrinsics;
using Backprop.Engine;

namespace Backprop.Tests.Engine;

/// <summary>
/// Each kernel against the scalar reference beside it (its <c>Reference</c> method), for every size from 1 to 13
/// in each of its dimensions (rows, terms, samples): every register-block tail, alone and after one or two whole
/// blocks (the largest block is 6 wide), at every vector width. Where the kernel adds in the reference's order
/// (the row products, <c>dZ</c>, the element-wise kernels) the bits must be the same; where it adds lane by lane
/// (the weight gradient, the lane sums, the loss) the results must agree to 1e-14 of the sum of the terms'
/// magnitudes, which the reference computes too, from the terms' absolute values. Rows sit in buffers with gaps
/// between them, filled with NaN: a kernel that read a gap would give NaN, one that wrote there would leave no NaN.
/// </summary>
public class KernelSweepTests
{
    private const double Tolerance = 1e-14; // of Σ |terms|: sizes ≤ 13 leave a few roundings at most

    public static TheoryData<int> Widths() => new() { 128, 256, 512 };

    [Theory]
    [MemberData(nameof(Widths))]
    public void Forward_is_relu_of_A_times_W_plus_b_or_linear(int bits) =>
        OnWidth(bits, new ForwardSweep());

    [Theory]
    [MemberData(nameof(Widths))]
    public void Backward_is_dZ_times_W_transposed_masked_by_relu_derivative(int bits) =>
        OnWidth(bits, new BackwardSweep());

    [Theory]
    [MemberData(nameof(Widths))]
    public void Row_product_blocks_for_32_and_for_16_registers_give_the_reference_bits(int bits) =>
        OnWidth(bits, new RowProductSweep());

    [Theory]
    [MemberData(nameof(Widths))]
    public void Weight_gradient_adds_A_transposed_times_dZ_and_the_sums_of_dZ(int bits) =>
        OnWidth(bits, new WeightGradientSweep());

    [Theory]
    [MemberData(nameof(Widths))]
    public void Output_error_returns_the_squares_and_leaves_dZ_with_zero_padding(int bits) =>
        OnWidth(bits, new OutputErrorSweep());

    [Fact]
    public void Gradient_sum_and_update_give_the_reference_bits_at_every_length()
    {
        var random = new Random(6);
        foreach (var length in ElementCounts)
        {
            var total = Values(random, length);
            var part = Values(random, length);
            var expected = (double[])total.Clone();
            GradientSumKernel.AddInto(total, part);
            GradientSumKernel.Reference(expected, part);
            SameBits(expected, total, $"g + g_chunk, {length} values");

            var theta = Values(random, length);
            expected = (double[])theta.Clone();
            UpdateKernel.Step(theta, part, 0.01);
            UpdateKernel.Reference(expected, part, 0.01);
            SameBits(expected, theta, $"θ − lr·g, {length} values");
        }
    }

    [Fact]
    public void Finite_check_finds_a_nan_or_infinity_at_every_place()
    {
        foreach (var length in ElementCounts)
        {
            var values = Values(new Random(length), length);
            Assert.True(FiniteCheck.AllFinite(values) && FiniteCheck.Reference(values), $"{length} finite values");
            for (var i = 0; i < length; i++)
            {
                foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
                {
                    var copy = (double[])values.Clone();
                    copy[i] = bad;
                    Assert.False(FiniteCheck.AllFinite(copy), $"{bad} at {i} of {length}");
                    Assert.False(FiniteCheck.Reference(copy), $"reference: {bad} at {i} of {length}");
                }
            }
        }
    }

    private interface ISweep
    {
        void Run<V, S>()
            where V : struct
            where S : ISimd<V>;
    }

    private static void OnWidth(int bits, ISweep sweep)
    {
        switch (bits)
        {
            case 128: sweep.Run<Vector128<double>, Simd128>(); break;
            case 256: sweep.Run<Vector256<double>, Simd256>(); break;
            default: sweep.Run<Vector512<double>, Simd512>(); break;
        }
    }

    // 0 … 3 vectors and a tail: the element-wise kernels' vector loop and their scalar rest.
    private static IEnumerable<int> ElementCounts => Enumerable.Range(0, (3 * System.Numerics.Vector<double>.Count) + 4);

    // 1..9 real samples (one register block, padded), then a few that take two and three blocks with a tail.
    private static IEnumerable<int> SampleCounts(int strip) => Enumerable.Range(1, 9).Concat([strip + 5, (2 * strip) + 1, 3 * strip]);

    private static IEnumerable<int> Sizes => Enumerable.Range(1, 13);

    // Every (samples, inputs, outputs) with inputs and outputs 1..13, and the samples padded to whole blocks.
    private static IEnumerable<(int Samples, int Inputs, int Outputs, int Length)> Shapes(int strip) =>
        from samples in SampleCounts(strip)
        from inputs in Sizes
        from outputs in Sizes
        select (samples, inputs, outputs, BatchPartition.RoundUp(samples, strip));

    private sealed class ForwardSweep : ISweep
    {
        public void Run<V, S>()
            where V : struct
            where S : ISimd<V>
        {
            var random = new Random(1);
            foreach (var (samples, inputs, outputs, length) in Shapes(RowProductKernel.Strip<V, S>()))
            {
                foreach (var relu in new[] { true, false })
                {
                    var a = Rows.Random(random, inputs, length, samples);
                    var w = Values(random, inputs * outputs);
                    var b = Values(random, outputs);
                    var z = Rows.Random(random, outputs, length, length);
                    var expected = z.Copy();

                    ForwardKernel.Run<V, S>(a.View, StridedMatrix.ColumnMajor(w, inputs, outputs), b, z.View, relu);
                    ForwardKernel.Reference(a.View, StridedMatrix.ColumnMajor(w, inputs, outputs), b, expected.View, relu);

                    expected.AssertSameBits(z, $"{S.Count} lanes, {samples}×{inputs} → {outputs}, relu {relu}: Z");
                    a.AssertGapsUntouched();
                    z.AssertGapsUntouched();
                }
            }
        }
    }

    private sealed class BackwardSweep : ISweep
    {
        public void Run<V, S>()
            where V : struct
            where S : ISimd<V>
        {
            var random = new Random(2);
            foreach (var (samples, inputs, outputs, length) in Shapes(RowProductKernel.Strip<V, S>()))
            {
                var dz = Rows.Random(random, outputs, length, samples);
                var w = Values(random, inputs * outputs);
                var a = Rows.Random(random, inputs, length, length, relu: true);
                var expected = a.Copy();

                BackwardKernel.Run<V, S>(dz.View, StridedMatrix.ColumnMajor(w, inputs, outputs), a.View);
                BackwardKernel.Reference(dz.View, StridedMatrix.ColumnMajor(w, inputs, outputs), expected.View);

                expected.AssertSameBits(a, $"{S.Count} lanes, {samples} samples, {outputs} → {inputs}: dZ_prev");
                dz.AssertGapsUntouched();
                a.AssertGapsUntouched();
            }
        }
    }

    // RowProductKernel.Multiply itself, with the 6-row blocks (32 registers) and with 3-row blocks only (16), on a
    // matrix stored column by column and on a transpose (the backward and the forward pass read W in these two
    // orders): Out = M · In, stored as is.
    private sealed class RowProductSweep : ISweep
    {
        public void Run<V, S>()
            where V : struct
            where S : ISimd<V>
        {
            var random = new Random(5);
            foreach (var (samples, inputs, outputs, length) in Shapes(RowProductKernel.Strip<V, S>()))
            {
                var x = Rows.Random(random, inputs, length, samples);
                var w = Values(random, inputs * outputs);
                foreach (var transposed in new[] { false, true })
                {
                    var m = transposed ? StridedMatrix.ColumnMajor(w, inputs, outputs).Transposed : StridedMatrix.ColumnMajor(w, outputs, inputs);
                    var wide = Rows.Random(random, outputs, length, length);
                    var narrow = wide.Copy();
                    var expected = wide.Copy();

                    RowProductKernel.Multiply<V, S, Store<V, S>>(m, x.View, wide.View, default, wideBlocks: true);
                    RowProductKernel.Multiply<V, S, Store<V, S>>(m, x.View, narrow.View, default, wideBlocks: false);
                    RowProductKernel.Reference(m, x.View, expected.View);

                    var what = $"{S.Count} lanes, {samples} samples, {inputs} → {outputs}, transposed {transposed}";
                    expected.AssertSameBits(wide, $"{what}, 6-row blocks: Out");
                    expected.AssertSameBits(narrow, $"{what}, 3-row blocks: Out");
                    x.AssertGapsUntouched();
                }
            }
        }

        private readonly struct Store<V, S> : IRowEpilogue<V>
            where V : struct
            where S : ISimd<V>
        {
            public void Finish(int row, V sum, ref double destination, nuint offset) => S.Store(sum, ref destination, offset);
        }
    }

    // The kernel adds into lane sums, which LaneSumKernel folds; the reference adds into the folded gradient.
    private sealed class WeightGradientSweep : ISweep
    {
        public void Run<V, S>()
            where V : struct
            where S : ISimd<V>
        {
            var random = new Random(3);
            var lanes = S.Count;
            foreach (var (samples, inputs, outputs, length) in Shapes(RowProductKernel.Strip<V, S>()))
            {
                var a = Rows.Random(random, inputs, length, samples);
                var dz = Rows.Random(random, outputs, length, samples);
                var weightLanes = Values(random, inputs * outputs * lanes);
                var biasLanes = Values(random, outputs * lanes);
                var (dWExpected, dWSize) = LaneTotals(weightLanes, lanes);
                var (dbExpected, dbSize) = LaneTotals(biasLanes, lanes);

                // The narrow blocks (for 16 vector registers) on a copy: the same sums, so the same bits.
                var narrowWeightLanes = (double[])weightLanes.Clone();
                var narrowBiasLanes = (double[])biasLanes.Clone();
                WeightGradientKernel.Accumulate<V, S>(a.View, dz.View, weightLanes, biasLanes, wideBlocks: true);
                WeightGradientKernel.Accumulate<V, S>(a.View, dz.View, narrowWeightLanes, narrowBiasLanes, wideBlocks: false);
                var dW = new double[inputs * outputs];
                var db = new double[outputs];
                LaneSumKernel.Reduce<V, S>(weightLanes, dW);
                LaneSumKernel.Reduce<V, S>(biasLanes, db);
                WeightGradientKernel.Reference(a.View, dz.View, dWExpected, dbExpected);
                WeightGradientKernel.Reference(a.Abs().View, dz.Abs().View, dWSize, dbSize);

                var what = $"{S.Count} lanes, {samples} samples, {inputs} × {outputs}";
                SameBits(weightLanes, narrowWeightLanes, $"{what}: dW's lanes, 4 × 6 and 3 × 4 blocks");
                SameBits(biasLanes, narrowBiasLanes, $"{what}: db's lanes, 4 × 6 and 3 × 4 blocks");
                Near(dWExpected, dW, dWSize, $"{what}: dW");
                Near(dbExpected, db, dbSize, $"{what}: db");
                a.AssertGapsUntouched();
                dz.AssertGapsUntouched();
            }
        }

        // The lane sums folded by the reference, and the sums of their magnitudes.
        private static (double[] Totals, double[] Sizes) LaneTotals(double[] laneSums, int lanes)
        {
            var totals = new double[laneSums.Length / lanes];
            var sizes = new double[totals.Length];
            LaneSumKernel.Reference(laneSums, totals, lanes);
            LaneSumKernel.Reference([.. laneSums.Select(Math.Abs)], sizes, lanes);
            return (totals, sizes);
        }
    }

    private sealed class OutputErrorSweep : ISweep
    {
        public void Run<V, S>()
            where V : struct
            where S : ISimd<V>
        {
            var random = new Random(4);
            var strip = RowProductKernel.Strip<V, S>();
            foreach (var samples in SampleCounts(strip))
            {
                foreach (var outputs in Sizes)
                {
                    var length = BatchPartition.RoundUp(samples, strip);
                    var y = Rows.Random(random, outputs, samples, samples);
                    var prediction = Rows.Random(random, outputs, length, length);
                    var expected = prediction.Copy();
                    var size = 3.0 * samples * outputs;

                    var squares = OutputErrorKernel.Run<V, S>(y.View, prediction.View, size);
                    var expectedSquares = OutputErrorKernel.Reference(y.View, expected.View, size);

                    var what = $"{S.Count} lanes, {samples} samples × {outputs} outputs";
                    expected.AssertSameBits(prediction, $"{what}: dZ");
                    Near([expectedSquares], [squares], [expectedSquares], $"{what}: Σ (y − y_pred)²"); // every term ≥ 0
                    for (var j = 0; j < outputs; j++)
                    {
                        Assert.All(prediction.View.Row(j)[samples..].ToArray(), padding => Assert.Equal(0.0, padding));
                    }

                    y.AssertGapsUntouched();
                    prediction.AssertGapsUntouched();
                }
            }
        }
    }

    private static double[] Values(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (2 * random.NextDouble()) - 1)];

    private static void SameBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private static void Near(double[] expected, double[] actual, double[] size, string what)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= (Tolerance * size[i]) + 1e-300,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    // Rows of `length` samples, `Gap` NaNs apart; samples from `filled` on are 0, as the engine pads them.
    private sealed class Rows
    {
        private const int Gap = 8;
        private readonly double[] _values;

        private Rows(double[] values, int count, int length)
        {
            _values = values;
            Count = count;
            Length = length;
        }

        public int Count { get; }

        public int Length { get; }

        public FeatureRows View => new(_values, Count, Length, Length + Gap);

        public static Rows Random(Random random, int count, int length, int filled, bool relu = false)
        {
            var values = new double[(count * (length + Gap)) - Gap];
            Array.Fill(values, double.NaN);
            for (var f = 0; f < count; f++)
            {
                for (var r = 0; r < length; r++)
                {
                    var value = r < filled ? (2 * random.NextDouble()) - 1 : 0.0;
                    values[(f * (length + Gap)) + r] = relu ? Math.Max(0, value) : value;
                }
            }

            return new Rows(values, count, length);
        }

        public Rows Copy() => new((double[])_values.Clone(), Count, Length);

        public Rows Abs() => new([.. _values.Select(Math.Abs)], Count, Length);

        // Every value, the gaps' NaNs included, with the same bits.
        public void AssertSameBits(Rows actual, string what) => SameBits(_values, actual._values, $"{what} ({Count}×{Length} buffer)");

        public void AssertGapsUntouched()
        {
            for (var i = 0; i < _values.Length; i++)
            {
                var inGap = i % (Length + Gap) >= Length;
                Assert.True(inGap == double.IsNaN(_values[i]), $"element {i} of a {Count}×{Length} buffer: {_values[i]}");
            }
        }
    }
}
