using Backprop.Engine;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Engine;

/// <summary>
/// <see cref="FastEngine.DeadUnits"/> against the readable reference, <c>ReluActivity.DeadUnits(network.Forward(X))</c>:
/// the same units, in the same order, at every vector width.
/// </summary>
public class DeadUnitTests
{
    public static TheoryData<VectorWidth> Widths() => new() { VectorWidth.Bits128, VectorWidth.Bits256, VectorWidth.Bits512 };

    // 1..70 samples (every padding of a register block at every width), then a few hundred, then several tiles.
    private static readonly int[] SampleCounts = [.. Enumerable.Range(1, 70), 300, 2500];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Dead_units_match_the_readable_forward_pass_over_a_sweep_of_sizes(VectorWidth width)
    {
        var engine = new FastEngine(width: width);
        var random = new Random(17);
        var (cases, withDead, withAlive) = (0, 0, 0);
        foreach (var layers in Shapes())
        {
            foreach (var samples in SampleCounts)
            {
                var network = Planted(random, layers);
                var x = Data(random, samples, layers[0], negative: samples % 2 == 0);

                var expected = ReluActivity.DeadUnits(network.Forward(x));
                var actual = engine.DeadUnits(network, x);

                Assert.True(expected.SequenceEqual(actual), $"layers {string.Join(',', layers)}, {samples} samples: expected [{string.Join(' ', expected)}], got [{string.Join(' ', actual)}]");
                cases++;
                withDead += expected.Count > 0 ? 1 : 0;
                withAlive += expected.Count < ReluActivity.HiddenUnitCount(network) ? 1 : 0;
            }
        }

        // The sweep is only a test if it has both kinds of answer plenty of times.
        Assert.True(withDead > cases / 4 && withAlive > cases / 4, $"{cases} cases, {withDead} with dead units, {withAlive} with live ones");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_unit_that_fires_for_the_last_sample_only_is_alive_and_dead_without_it(VectorWidth width)
    {
        var engine = new FastEngine(width: width);
        var partition = new BatchPartition(2500, new NetworkLayout([3, 4, 3, 1]), 4 * (int)width / 64);
        Assert.True(partition.TileSamples < 2500, "the largest case takes several tiles");
        foreach (var samples in SampleCounts)
        {
            // (0, 0) sees only feature 0, minus 0.5: it fires where that feature is 1, on the last sample only.
            // (1, 0) sees only (0, 0), minus 0.25, so it fires there too. Every other hidden unit has a bias of -1e9.
            var network = new Network(
                [Matrix<double>.Build.Dense(3, 4, (k, j) => k == 0 && j == 0 ? 1.0 : 0.0), Matrix<double>.Build.Dense(4, 3, (k, j) => k == 0 && j == 0 ? 1.0 : 0.0), Matrix<double>.Build.Dense(3, 1, 1.0)],
                [Vector<double>.Build.Dense([-0.5, -1e9, -1e9, -1e9]), Vector<double>.Build.Dense([-0.25, -1e9, -1e9]), Vector<double>.Build.Dense(1)]);
            AssertWithAndWithoutTheLastSample(engine, network, samples, alive: [(0, 1), (0, 2), (0, 3), (1, 1), (1, 2)], dead: [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1), (1, 2)]);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_layer_whose_units_have_all_fired_stops_being_computed_and_keeps_its_answer(VectorWidth width)
    {
        var engine = new FastEngine(width: width);
        foreach (var samples in SampleCounts)
        {
            // (0, 0) fires on the last sample only, as above, and (0, 1)…(0, 3) never; the second hidden layer's
            // units have zero weights and a bias of 1, so they fire on the first sample and are then left alone.
            var network = new Network(
                [Matrix<double>.Build.Dense(3, 4, (k, j) => k == 0 && j == 0 ? 1.0 : 0.0), Matrix<double>.Build.Dense(4, 3), Matrix<double>.Build.Dense(3, 1, 1.0)],
                [Vector<double>.Build.Dense([-0.5, -1e9, -1e9, -1e9]), Vector<double>.Build.Dense(3, 1.0), Vector<double>.Build.Dense(1)]);
            AssertWithAndWithoutTheLastSample(engine, network, samples, alive: [(0, 1), (0, 2), (0, 3)], dead: [(0, 0), (0, 1), (0, 2), (0, 3)]);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_deeper_unit_is_still_watched_after_the_layers_before_it_have_all_fired(VectorWidth width)
    {
        var engine = new FastEngine(width: width);
        foreach (var samples in SampleCounts)
        {
            // Every first-layer unit fires on every sample: (0, 0) = relu(x₀), the others have a bias of 1.
            // (1, 0) = relu(a₀ − 0.5) fires on the last sample only, where x₀ is 1; (1, 1) and (1, 2) never.
            var network = new Network(
                [Matrix<double>.Build.Dense(3, 4, (k, j) => k == 0 && j == 0 ? 1.0 : 0.0), Matrix<double>.Build.Dense(4, 3, (k, j) => k == 0 && j == 0 ? 1.0 : 0.0), Matrix<double>.Build.Dense(3, 1, 1.0)],
                [Vector<double>.Build.Dense([0.0, 1.0, 1.0, 1.0]), Vector<double>.Build.Dense([-0.5, -1e9, -1e9]), Vector<double>.Build.Dense(1)]);
            AssertWithAndWithoutTheLastSample(engine, network, samples, alive: [(1, 1), (1, 2)], dead: [(1, 0), (1, 1), (1, 2)]);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Padding_samples_do_not_count(VectorWidth width)
    {
        // Unit 0's z = 0.5 − x₀ fires on an all-zero sample, as the padding is, but every real sample has x₀ = 1.
        // Unit 1's z = 1 fires on every sample.
        var engine = new FastEngine(width: width);
        var network = new Network(
            [Matrix<double>.Build.Dense(2, 2, (k, j) => k == 0 && j == 0 ? -1.0 : 0.0), Matrix<double>.Build.Dense(2, 1, 1.0)],
            [Vector<double>.Build.Dense([0.5, 1.0]), Vector<double>.Build.Dense(1)]);
        foreach (var samples in SampleCounts)
        {
            var x = Matrix<double>.Build.Dense(samples, 2, (_, f) => f == 0 ? 1.0 : 0.0);

            Assert.Equal([(0, 0)], engine.DeadUnits(network, x));
            Assert.Equal(ReluActivity.DeadUnits(network.Forward(x)), engine.DeadUnits(network, x));
        }
    }

    [Fact]
    public void A_unit_whose_bias_is_minus_1e9_is_dead_and_the_current_parameters_are_read()
    {
        var (network, x, _) = ReadableTraining.Problem([3, 8, 8, 1], 200, 3, Initialization.He);
        var before = FastEngine.Default.DeadUnits(network, x);
        Assert.DoesNotContain((0, 2), before);
        Assert.DoesNotContain((1, 5), before);

        network.Biases[0][2] = -1e9;
        network.Biases[1][5] = -1e9;
        var after = FastEngine.Default.DeadUnits(network, x);

        Assert.Contains((0, 2), after);
        Assert.Contains((1, 5), after);
        Assert.Equal(ReluActivity.DeadUnits(network.Forward(x)), after);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void After_training_the_answer_is_the_readable_one(VectorWidth width)
    {
        // A large learning rate kills about half the units on the way; the check reads the parameters training left.
        var (network, x, y) = ReadableTraining.Problem([3, 16, 16, 1], 500, 4, Initialization.Randn);
        FastRun.Train(network, x, y, 30, 0.02, width: width);

        var expected = ReluActivity.DeadUnits(network.Forward(x));
        Assert.InRange(expected.Count, 1, 31);
        Assert.Equal(expected, new FastEngine(width: width).DeadUnits(network, x));
    }

    [Theory]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 5, 2 })]
    public void A_network_without_hidden_layers_has_no_dead_units(int[] layers)
    {
        var (network, x, _) = ReadableTraining.Problem(layers, 20, 0, Initialization.Randn);

        Assert.Empty(FastEngine.Default.DeadUnits(network, x));
        Assert.Empty(ReluActivity.DeadUnits(network.Forward(x)));
    }

    [Fact]
    public void Matrices_that_are_not_dense_are_read_too()
    {
        var random = new Random(5);
        var dense = Planted(random, [4, 9, 7, 2]);
        var sparse = new Network(
            dense.Weights.Select(w => (Matrix<double>)Matrix<double>.Build.SparseOfMatrix(w)),
            dense.Biases.Select(b => (Vector<double>)Vector<double>.Build.SparseOfVector(b)));
        var x = Data(random, 61, 4, negative: true);

        var expected = ReluActivity.DeadUnits(dense.Forward(x));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, FastEngine.Default.DeadUnits(sparse, Matrix<double>.Build.SparseOfMatrix(x)));
    }

    [Fact]
    public void Bad_input_is_refused_with_the_readable_forward_passs_message()
    {
        var (network, x, _) = ReadableTraining.Problem([3, 4, 1], 10, 0, Initialization.Randn);
        var nan = x.Clone();
        nan[4, 1] = double.NaN;
        var infinite = x.Clone();
        infinite[9, 2] = double.NegativeInfinity;

        foreach (var bad in new[] { x.SubMatrix(0, 10, 0, 2), Matrix<double>.Build.Dense(10, 4), nan, infinite })
        {
            var expected = Assert.Throws<InvalidInputException>(() => network.Forward(bad));
            var actual = Assert.Throws<InvalidInputException>(() => FastEngine.Default.DeadUnits(network, bad));
            Assert.Equal(expected.Message, actual.Message);
        }

        Assert.Throws<ArgumentNullException>(() => FastEngine.Default.DeadUnits(null!, x));
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => network.Forward(null!)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => FastEngine.Default.DeadUnits(network, null!)).ParamName);
    }

    [Fact]
    public void The_check_allocates_no_more_for_ten_times_the_samples()
    {
        // A dead unit keeps the scan going to the last sample.
        var random = new Random(9);
        var network = Planted(random, [3, 64, 64, 1]);
        network.Biases[1][0] = -1e9;
        var small = Data(random, 5_000, 3, negative: true);
        var large = Data(random, 50_000, 3, negative: true);
        FastEngine.Default.DeadUnits(network, small); // warm up (JIT, statics)

        var expected = FastEngine.Default.DeadUnits(network, large);
        var smallBytes = AllocatedBy(() => FastEngine.Default.DeadUnits(network, small));
        var largeBytes = AllocatedBy(() => FastEngine.Default.DeadUnits(network, large));

        Assert.Contains((1, 0), expected);
        Assert.Equal(expected.Count, FastEngine.Default.DeadUnits(network, small).Count);
        Assert.Equal(smallBytes, largeBytes);
    }

    // One, two and three hidden layers, every hidden width from 1 to 9, a few input and output widths.
    private static IEnumerable<int[]> Shapes()
    {
        for (var depth = 1; depth <= 3; depth++)
        {
            for (var units = 1; units <= 9; units++)
            {
                var hidden = Enumerable.Range(0, depth).Select(l => ((units + (4 * l) - 1) % 9) + 1);
                yield return [((units + depth) % 4) + 1, .. hidden, (units % 3) + 1];
            }
        }
    }

    // He-scaled random weights; each hidden unit is left as drawn (bias 0 or a small random one), killed by a
    // bias of -1e9, or, after the first layer (whose inputs may be negative), given only weights ≤ 0 and a bias < 0.
    private static Network Planted(Random random, int[] layers)
    {
        var weights = new List<Matrix<double>>();
        var biases = new List<Vector<double>>();
        for (var layer = 0; layer < layers.Length - 1; layer++)
        {
            var (inputs, outputs) = (layers[layer], layers[layer + 1]);
            var scale = Math.Sqrt(2.0 / inputs);
            var w = Matrix<double>.Build.Dense(inputs, outputs, (_, _) => scale * ((2 * random.NextDouble()) - 1));
            var b = Vector<double>.Build.Dense(outputs, _ => random.Next(2) == 0 ? 0.0 : 0.2 * ((2 * random.NextDouble()) - 1));
            var hidden = layer < layers.Length - 2;
            for (var unit = 0; hidden && unit < outputs; unit++)
            {
                switch (random.Next(6))
                {
                    case 0:
                        b[unit] = -1e9;
                        break;
                    case 1 when layer > 0:
                        w.SetColumn(unit, w.Column(unit).Map(v => -Math.Abs(v)));
                        b[unit] = -0.1;
                        break;
                }
            }

            weights.Add(w);
            biases.Add(b);
        }

        return new Network(weights, biases);
    }

    // Uniform in [0, 1), or in [-1, 1).
    private static Matrix<double> Data(Random random, int samples, int features, bool negative) =>
        Matrix<double>.Build.Dense(samples, features, (_, _) => negative ? (2 * random.NextDouble()) - 1 : random.NextDouble());

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // X is 0.3 everywhere except feature 0 of the last sample, which is 1; "silent" is X with that 1 back at 0.3.
    // The engine's answer for each is the readable one, and the one given.
    private static void AssertWithAndWithoutTheLastSample(FastEngine engine, Network network, int samples, (int Layer, int Unit)[] alive, (int Layer, int Unit)[] dead)
    {
        var x = Matrix<double>.Build.Dense(samples, 3, (r, f) => f == 0 && r == samples - 1 ? 1.0 : 0.3);
        var silent = x.Clone();
        silent[samples - 1, 0] = 0.3;

        var withLast = engine.DeadUnits(network, x);
        var withoutLast = engine.DeadUnits(network, silent);

        Assert.Equal(ReluActivity.DeadUnits(network.Forward(x)), withLast);
        Assert.Equal(alive, withLast);
        Assert.Equal(ReluActivity.DeadUnits(network.Forward(silent)), withoutLast);
        Assert.Equal(dead, withoutLast);
    }
}
