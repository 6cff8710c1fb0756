using System.Runtime.Intrinsics;
using Backprop.Engine;

namespace Backprop.Tests.Engine;

/// <summary>
/// Each kernel against a plain scalar loop, for every size from 1 to 13 in each of its dimensions (rows, terms,
/// samples): every register-block tail, alone and after one or two whole blocks (the largest block is 6 wide),
/// at every vector width. Rows sit in buffers with gaps between them,
/// filled with NaN: a kernel that read a gap would give NaN, one that wrote there would leave no NaN.
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
    public void Row_product_blocks_for_32_and_for_16_registers_give_the_same_bits(int bits) =>
        OnWidth(bits, new RowProductSweep());

    [Theory]
    [MemberData(nameof(Widths))]
    public void Weight_gradient_adds_A_transposed_times_dZ_and_the_sums_of_dZ(int bits) =>
        OnWidth(bits, new WeightGradientSweep());

    [Theory]
    [MemberData(nameof(Widths))]
    public void Output_error_returns_the_squares_and_leaves_dZ_with_zero_padding(int bits) =>
        OnWidth(bits, new OutputErrorSweep());

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
            var strip = RowProductKernel.Strip<V, S>();
            foreach (var (samples, inputs, outputs, length) in Shapes(strip))
            {
                foreach (var relu in new[] { true, false })
                {
                    var a = Rows.Random(random, inputs, length, samples);
                    var w = Values(random, inputs * outputs);
                    var b = Values(random, outputs);
                    var z = Rows.Random(random, outputs, length, length);

                    ForwardKernel.Run<V, S>(a.View, StridedMatrix.ColumnMajor(w, inputs, outputs), b, z.View, relu);

                    for (var j = 0; j < outputs; j++)
                    {
                        for (var r = 0; r < length; r++)
                        {
                            double sum = 0, size = Math.Abs(b[j]);
                            for (var k = 0; k < inputs; k++)
                            {
                                sum += w[(j * inputs) + k] * a[k, r];
                                size += Math.Abs(w[(j * inputs) + k] * a[k, r]);
                            }

                            sum += b[j];
                            var expected = relu ? Math.Max(0, sum) : sum;
                            Near(expected, z[j, r], size, $"{S.Count} lanes, {samples}×{inputs} → {outputs}, relu {relu}: Z[{j}, {r}]");
                        }
                    }

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
            var strip = RowProductKernel.Strip<V, S>();
            foreach (var (samples, inputs, outputs, length) in Shapes(strip))
            {
                var dz = Rows.Random(random, outputs, length, samples);
                var w = Values(random, inputs * outputs);
                var a = Rows.Random(random, inputs, length, length, relu: true);
                var before = a.Copy();

                BackwardKernel.Run<V, S>(dz.View, StridedMatrix.ColumnMajor(w, inputs, outputs), a.View);

                for (var k = 0; k < inputs; k++)
                {
                    for (var r = 0; r < length; r++)
                    {
                        double sum = 0, size = 0;
                        for (var j = 0; j < outputs; j++)
                        {
                            sum += w[(j * inputs) + k] * dz[j, r];
                            size += Math.Abs(w[(j * inputs) + k] * dz[j, r]);
                        }

                        var expected = sum * (before[k, r] > 0 ? 1.0 : 0.0);
                        Near(expected, a[k, r], size, $"{S.Count} lanes, {samples} samples, {outputs} → {inputs}: dZ_prev[{k}, {r}]");
                    }
                }

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
            var strip = RowProductKernel.Strip<V, S>();
            foreach (var (samples, inputs, outputs, length) in Shapes(strip))
            {
                var x = Rows.Random(random, inputs, length, samples);
                var w = Values(random, inputs * outputs);
                foreach (var transposed in new[] { false, true })
                {
                    var m = transposed ? StridedMatrix.ColumnMajor(w, inputs, outputs).Transposed : StridedMatrix.ColumnMajor(w, outputs, inputs);
                    var wide = Rows.Random(random, outputs, length, length);
                    var narrow = Rows.Random(random, outputs, length, length);

                    RowProductKernel.Multiply<V, S, Store<V, S>>(m, x.View, wide.View, default, wideBlocks: true);
                    RowProductKernel.Multiply<V, S, Store<V, S>>(m, x.View, narrow.View, default, wideBlocks: false);

                    var what = $"{S.Count} lanes, {samples} samples, {inputs} → {outputs}, transposed {transposed}";
                    for (var i = 0; i < outputs; i++)
                    {
                        for (var r = 0; r < length; r++)
                        {
                            double sum = 0, size = 0;
                            for (var t = 0; t < inputs; t++)
                            {
                                sum += m[i, t] * x[t, r];
                                size += Math.Abs(m[i, t] * x[t, r]);
                            }

                            Near(sum, wide[i, r], size, $"{what}: Out[{i}, {r}]");
                            Assert.Equal(wide[i, r], narrow[i, r]);
                        }
                    }

                    x.AssertGapsUntouched();
                    wide.AssertGapsUntouched();
                    narrow.AssertGapsUntouched();
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

    private sealed class WeightGradientSweep : ISweep
    {
        public void Run<V, S>()
            where V : struct
            where S : ISimd<V>
        {
            var random = new Random(3);
            var strip = RowProductKernel.Strip<V, S>();
            var lanes = S.Count;
            foreach (var (samples, inputs, outputs, length) in Shapes(strip))
            {
                var a = Rows.Random(random, inputs, length, samples);
                var dz = Rows.Random(random, outputs, length, samples);
                var weightLanes = Values(random, inputs * outputs * lanes);
                var biasLanes = Values(random, outputs * lanes);
                var weightStart = LaneTotals(weightLanes, lanes);
                var biasStart = LaneTotals(biasLanes, lanes);

                // The narrow blocks (for 16 vector registers) on a copy: the same sums, so the same bits.
                var narrowWeightLanes = (double[])weightLanes.Clone();
                var narrowBiasLanes = (double[])biasLanes.Clone();
                WeightGradientKernel.Accumulate<V, S>(a.View, dz.View, weightLanes, biasLanes, wideBlocks: true);
                WeightGradientKernel.Accumulate<V, S>(a.View, dz.View, narrowWeightLanes, narrowBiasLanes, wideBlocks: false);
                var dW = new double[inputs * outputs];
                var db = new double[outputs];
                LaneSumKernel.Reduce<V, S>(weightLanes, dW);
                LaneSumKernel.Reduce<V, S>(biasLanes, db);

                var what = $"{S.Count} lanes, {samples} samples, {inputs} × {outputs}";
                Assert.Equal(weightLanes, narrowWeightLanes);
                Assert.Equal(biasLanes, narrowBiasLanes);
                for (var j = 0; j < outputs; j++)
                {
                    double bias = biasStart[j], biasSize = Math.Abs(biasStart[j]) + LaneSizes(biasLanes, lanes, j);
                    for (var r = 0; r < length; r++)
                    {
                        bias += dz[j, r];
                        biasSize += Math.Abs(dz[j, r]);
                    }

                    Near(bias, db[j], biasSize, $"{what}: db[{j}]");
                    for (var k = 0; k < inputs; k++)
                    {
                        var index = (j * inputs) + k;
                        double sum = weightStart[index], size = LaneSizes(weightLanes, lanes, index);
                        for (var r = 0; r < length; r++)
                        {
                            sum += a[k, r] * dz[j, r];
                            size += Math.Abs(a[k, r] * dz[j, r]);
                        }

                        Near(sum, dW[index], size, $"{what}: dW[{k}, {j}]");
                    }
                }

                a.AssertGapsUntouched();
                dz.AssertGapsUntouched();
            }
        }

        private static double[] LaneTotals(double[] laneSums, int lanes) =>
            [.. Enumerable.Range(0, laneSums.Length / lanes).Select(i => laneSums.AsSpan(i * lanes, lanes).ToArray().Sum())];

        private static double LaneSizes(double[] laneSums, int lanes, int index) =>
            laneSums.AsSpan(index * lanes, lanes).ToArray().Sum(Math.Abs);
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
                    var before = prediction.Copy();
                    var size = 3.0 * samples * outputs;

                    var squares = OutputErrorKernel.Run<V, S>(y.View, prediction.View, size);

                    double expected = 0;
                    var what = $"{S.Count} lanes, {samples} samples × {outputs} outputs";
                    for (var j = 0; j < outputs; j++)
                    {
                        for (var r = 0; r < length; r++)
                        {
                            if (r < samples)
                            {
                                var difference = before[j, r] - y[j, r];
                                expected += difference * difference;
                                Near(2.0 * difference / size, prediction[j, r], Math.Abs(2.0 * difference / size), $"{what}: dZ[{j}, {r}]");
                            }
                            else
                            {
                                Assert.Equal(0.0, prediction[j, r]);
                            }
                        }
                    }

                    Near(expected, squares, expected, $"{what}: Σ (y − y_pred)²");
                    y.AssertGapsUntouched();
                    prediction.AssertGapsUntouched();
                }
            }
        }
    }

    private static double[] Values(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (2 * random.NextDouble()) - 1)];

    private static void Near(double expected, double actual, double size, string what) =>
        Assert.True(
            Math.Abs(actual - expected) <= (Tolerance * size) + 1e-300,
            $"{what}: expected {expected:R}, got {actual:R}");

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

        public double this[int row, int sample] => _values[(row * (Length + Gap)) + sample];

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
