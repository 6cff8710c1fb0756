using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// Where each layer's weights and bias sit in one flat parameter array <c>θ = [W1, b1, W2, b2, …]</c>, and how
/// to copy a <see cref="Network"/>'s parameters into it and back.
/// </summary>
/// <remarks>
/// Each <c>W</c> (n_in × n_out) is stored column-major, <c>W[k, j]</c> at <c>j·n_in + k</c>: the order MathNet
/// stores its dense matrices in, so copying to and from the network is a plain copy. Gradients use the same
/// layout, so one loop updates all parameters (<see cref="UpdateKernel"/>).
/// </remarks>
internal sealed class NetworkLayout
{
    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;

    public NetworkLayout(IReadOnlyList<int> layerSizes)
    {
        _sizes = layerSizes.ToArray();
        LayerCount = _sizes.Length - 1;
        _weightOffsets = new int[LayerCount];
        _biasOffsets = new int[LayerCount];
        var offset = 0;
        for (var layer = 0; layer < LayerCount; layer++)
        {
            _weightOffsets[layer] = offset;
            // Sizes are checked: a network too large to index throws OverflowException, never wraps.
            offset = checked(offset + (Inputs(layer) * Outputs(layer)));
            _biasOffsets[layer] = offset;
            offset = checked(offset + Outputs(layer));
            MultiplyAddsPerSample = checked(MultiplyAddsPerSample + (Inputs(layer) * Outputs(layer)));
            UnitsAfterInput += Outputs(layer);
        }

        ParameterCount = offset;
    }

    /// <summary>Number of weight layers.</summary>
    public int LayerCount { get; }

    /// <summary>Length of θ: every weight and bias.</summary>
    public int ParameterCount { get; }

    /// <summary><c>Σ n_in·n_out</c>: multiply-adds of one sample's forward pass.</summary>
    public long MultiplyAddsPerSample { get; }

    /// <summary><c>Σ n_out</c>: activations one sample has across all layers.</summary>
    public int UnitsAfterInput { get; }

    /// <summary>Units feeding layer <paramref name="layer"/> (0-based): n_in.</summary>
    public int Inputs(int layer) => _sizes[layer];

    /// <summary>Units of layer <paramref name="layer"/> (0-based): n_out.</summary>
    public int Outputs(int layer) => _sizes[layer + 1];

    /// <summary>W of layer <paramref name="layer"/> inside θ (or inside a gradient of the same layout).</summary>
    public Span<double> Weights(Span<double> theta, int layer) =>
        theta.Slice(_weightOffsets[layer], Inputs(layer) * Outputs(layer));

    /// <summary>b of layer <paramref name="layer"/> inside θ (or inside a gradient of the same layout).</summary>
    public Span<double> Bias(Span<double> theta, int layer) => theta.Slice(_biasOffsets[layer], Outputs(layer));

    /// <summary>W of layer <paramref name="layer"/> as a matrix: n_in × n_out, column-major.</summary>
    public StridedMatrix WeightMatrix(ReadOnlySpan<double> theta, int layer) =>
        StridedMatrix.ColumnMajor(theta.Slice(_weightOffsets[layer], Inputs(layer) * Outputs(layer)), Inputs(layer), Outputs(layer));

    /// <summary>The lane sums of W's gradient (<paramref name="lanes"/> doubles per weight) inside a buffer of θ's layout × lanes.</summary>
    public Span<double> WeightLanes(Span<double> laneSums, int layer, int lanes) =>
        laneSums.Slice(_weightOffsets[layer] * lanes, Inputs(layer) * Outputs(layer) * lanes);

    /// <summary>The lane sums of b's gradient (<paramref name="lanes"/> doubles per bias) inside a buffer of θ's layout × lanes.</summary>
    public Span<double> BiasLanes(Span<double> laneSums, int layer, int lanes) =>
        laneSums.Slice(_biasOffsets[layer] * lanes, Outputs(layer) * lanes);

    /// <summary>θ ← the network's weights and biases.</summary>
    public void Read(Network network, Span<double> theta)
    {
        for (var layer = 0; layer < LayerCount; layer++)
        {
            // MathNet's own column-major array where it stores W densely; a copy otherwise (a sparse matrix given to new Network).
            var w = network.Weights[layer];
            (w.AsColumnMajorArray() ?? w.ToColumnMajorArray()).CopyTo(Weights(theta, layer));
            var b = network.Biases[layer];
            (b.AsArray() ?? b.ToArray()).CopyTo(Bias(theta, layer));
        }
    }

    /// <summary>The network's weights and biases ← θ, in place (the same matrix and vector objects).</summary>
    public void Write(ReadOnlySpan<double> theta, Network network)
    {
        for (var layer = 0; layer < LayerCount; layer++)
        {
            var w = network.Weights[layer];
            var source = theta.Slice(_weightOffsets[layer], Inputs(layer) * Outputs(layer));
            if (w.AsColumnMajorArray() is { } stored)
            {
                source.CopyTo(stored);
            }
            else
            {
                w.SetSubMatrix(0, 0, Matrix<double>.Build.DenseOfColumnMajor(w.RowCount, w.ColumnCount, source.ToArray()));
            }

            var b = network.Biases[layer];
            var biasSource = theta.Slice(_biasOffsets[layer], Outputs(layer));
            if (b.AsArray() is { } storedBias)
            {
                biasSource.CopyTo(storedBias);
            }
            else
            {
                b.SetSubVector(0, b.Count, Vector<double>.Build.DenseOfArray(biasSource.ToArray()));
            }
        }
    }
}
