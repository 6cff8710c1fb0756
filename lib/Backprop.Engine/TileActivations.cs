using System.Runtime.CompilerServices;

namespace Backprop.Engine;

/// <summary>
/// Where each layer's activations sit in one tile's buffer, and the forward pass through a tile: the one forward
/// loop that training (<see cref="TrainingSession{V, S}"/>) and the dead-unit check (<see cref="DeadUnitScan"/>) share.
/// </summary>
/// <remarks>
/// The buffer holds the layers one after another, layer <c>l</c>'s n_out rows <see cref="BatchPartition.TileStride"/>
/// doubles apart. Padding samples (past the last real sample of a tile) are kept at exactly 0 in every layer.
/// </remarks>
internal sealed class TileActivations
{
    private readonly NetworkLayout _layout;
    private readonly int[] _offsets;
    private readonly int _stride;

    /// <param name="layout">The network's layer sizes.</param>
    /// <param name="tileStride">Distance between two rows of the buffer (<see cref="BatchPartition.TileStride"/>).</param>
    public TileActivations(NetworkLayout layout, int tileStride)
    {
        _layout = layout;
        _stride = tileStride;
        _offsets = new int[layout.LayerCount];
        var offset = 0;
        for (var layer = 0; layer < layout.LayerCount; layer++)
        {
            _offsets[layer] = offset;
            offset = checked(offset + (layout.Outputs(layer) * tileStride));
        }

        Length = offset;
    }

    /// <summary>Doubles in one tile's buffer: every layer's rows.</summary>
    public int Length { get; }

    /// <summary>Layer <paramref name="layer"/>'s rows in <paramref name="tile"/>: n_out rows of <paramref name="padded"/> samples.</summary>
    public FeatureRows Of(Span<double> tile, int layer, int padded) =>
        new(tile[_offsets[layer]..], _layout.Outputs(layer), padded, _stride);

    /// <summary>
    /// The forward pass of one tile through its first <paramref name="layers"/> layers:
    /// <c>A_l = relu(A_{l-1}·W_l + b_l)</c> on hidden layers, <c>y_pred = A_{L-1}·W_L + b_L</c> on the output layer.
    /// </summary>
    /// <param name="theta">The parameters, in <see cref="NetworkLayout"/>'s order (only read).</param>
    /// <param name="input">What feeds the first layer: n_in rows, padded to whole register blocks with zeros.</param>
    /// <param name="tile">The tile's buffer (<see cref="Length"/> doubles); layer l's result is left at <see cref="Of"/>.</param>
    /// <param name="samples">Real samples in the tile; the padding after them is set to exactly 0 in every layer.</param>
    /// <param name="layers">How many layers to compute, from the first: all of them, or only the hidden ones.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward<V, S>(Span<double> theta, FeatureRows input, Span<double> tile, int samples, int layers)
        where V : struct
        where S : ISimd<V>
    {
        var padded = input.Length;
        var last = _layout.LayerCount - 1;
        for (var layer = 0; layer < layers; layer++)
        {
            var output = Of(tile, layer, padded);
            ForwardKernel.Run<V, S>(
                layer == 0 ? input : Of(tile, layer - 1, padded), _layout.WeightMatrix(theta, layer), _layout.Bias(theta, layer), output, relu: layer < last);
            ClearPadding(output, samples);
        }
    }

    // Padding samples (past the end of the batch, in the last tile only) are kept at exactly 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ClearPadding(FeatureRows rows, int samples)
    {
        for (var f = 0; samples < rows.Length && f < rows.Count; f++)
        {
            rows.Row(f)[samples..].Clear();
        }
    }
}
