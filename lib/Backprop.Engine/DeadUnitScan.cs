using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using Lanes = System.Numerics.Vector<double>;

namespace Backprop.Engine;

/// <summary>
/// Which hidden ReLU units fire for no sample (<see cref="ReluActivity.DeadUnits"/>), from the engine's forward
/// pass: tile by tile on the calling thread, through the hidden layers only, and only as deep and as far into the
/// samples as there are units that have not fired yet.
/// </summary>
/// <remarks>
/// A unit fires where <c>z &gt; 0</c>, and <c>relu(z) &gt; 0</c> exactly when <c>z &gt; 0</c>, so the tile's stored
/// activations tell. Only real samples are looked at, never the padding. Tiles hold as many samples as an epoch's
/// (<see cref="BatchPartition.TileSamples"/>), and X is copied one tile at a time, so the memory used does not
/// grow with the number of samples.
/// </remarks>
internal static class DeadUnitScan
{
    /// <summary>The dead hidden units, sorted by layer then unit, with <paramref name="width"/>'s kernels.</summary>
    /// <param name="network">The network, whose current parameters are read.</param>
    /// <param name="input">X: one sample per row (already checked against the network).</param>
    /// <param name="width">The SIMD width (<see cref="VectorWidth.Widest"/>: the widest the CPU runs natively).</param>
    public static (int Layer, int Unit)[] Run(Network network, Matrix<double> input, VectorWidth width) =>
        FastEngine.Resolve(width) switch
        {
            VectorWidth.Bits512 => Run<Vector512<double>, Simd512>(network, input),
            VectorWidth.Bits256 => Run<Vector256<double>, Simd256>(network, input),
            _ => Run<Vector128<double>, Simd128>(network, input),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Layer, int Unit)[] Run<V, S>(Network network, Matrix<double> input)
        where V : struct
        where S : ISimd<V>
    {
        var layout = new NetworkLayout(network.LayerSizes);
        var hiddenLayers = layout.LayerCount - 1;
        if (hiddenLayers == 0)
        {
            return [];
        }

        var partition = new BatchPartition(input.RowCount, layout, RowProductKernel.Strip<V, S>());
        var activations = new TileActivations(layout, partition.TileStride);
        var theta = new AlignedBuffer(layout.ParameterCount).Span;
        layout.Read(network, theta);
        var tile = new AlignedBuffer(activations.Length).Span;
        var inputs = new AlignedBuffer(checked(layout.Inputs(0) * partition.TileStride)).Span;

        // fired[l][j]: unit j of hidden layer l has fired for a sample seen so far; silent[l]: how many of layer l's
        // have not. Layers after the last one with a silent unit need not be computed, and once every unit has
        // fired the rest of the samples cannot change the answer.
        var fired = new bool[hiddenLayers][];
        var silent = new int[hiddenLayers];
        for (var layer = 0; layer < hiddenLayers; layer++)
        {
            fired[layer] = new bool[layout.Outputs(layer)];
            silent[layer] = layout.Outputs(layer);
        }

        var depth = hiddenLayers;
        for (var start = 0; start < partition.Samples && depth > 0; start += partition.TileSamples)
        {
            var samples = Math.Min(partition.TileSamples, partition.Samples - start);
            var padded = BatchPartition.RoundUp(samples, partition.SampleGranule);
            var rows = new FeatureRows(inputs, layout.Inputs(0), padded, partition.TileStride);
            rows.Load(input, start, samples);
            activations.Forward<V, S>(theta, rows, tile, samples, depth);
            for (var layer = 0; layer < depth; layer++)
            {
                var a = activations.Of(tile, layer, padded);
                for (var unit = 0; unit < a.Count && silent[layer] > 0; unit++)
                {
                    if (!fired[layer][unit] && AnyPositive(a.Row(unit)[..samples]))
                    {
                        fired[layer][unit] = true;
                        silent[layer]--;
                    }
                }
            }

            while (depth > 0 && silent[depth - 1] == 0)
            {
                depth--;
            }
        }

        var dead = new (int Layer, int Unit)[silent.Sum()];
        var next = 0;
        for (var layer = 0; layer < hiddenLayers; layer++)
        {
            for (var unit = 0; unit < fired[layer].Length; unit++)
            {
                if (!fired[layer][unit])
                {
                    dead[next++] = (layer, unit);
                }
            }
        }

        return dead;
    }

    // Whether some value is > 0 (NaN is not), a vector at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AnyPositive(ReadOnlySpan<double> values)
    {
        var width = Lanes.Count;
        var i = 0;
        for (; i + width <= values.Length; i += width)
        {
            if (System.Numerics.Vector.GreaterThanAny(new Lanes(values[i..]), Lanes.Zero))
            {
                return true;
            }
        }

        for (; i < values.Length; i++)
        {
            if (values[i] > 0)
            {
                return true;
            }
        }

        return false;
    }
}
