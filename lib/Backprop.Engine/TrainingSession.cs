using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// One training run of the fast engine: the parameters, gradients and tile buffers, all allocated once here,
/// and one epoch's work (<see cref="ComputeLossAndGradients"/>, then <see cref="Update"/>), which allocates nothing.
/// </summary>
/// <remarks>
/// An epoch computes exactly what <see cref="Network.Forward"/>, <see cref="Loss.Mse"/>,
/// <see cref="Network.Backward"/> and <see cref="Network.Update"/> compute, but tile by tile: each tile of samples
/// goes forward through every layer and straight back again while its activations are still in cache, and adds
/// its share to the gradient (<c>dW = Σ_tiles A_prevᵀ·dZ</c>). Only the order of the additions differs from the
/// readable version: the kernels add long sums in another order, and multiply-add with one rounding (FMA) where
/// the readable product rounds the product and the sum apart. Losses agree to about 1e-14 relative.
/// </remarks>
/// <typeparam name="V">The SIMD vector the kernels run on.</typeparam>
/// <typeparam name="S">Its operations (<see cref="Simd256"/>, <see cref="Simd512"/>…).</typeparam>
internal sealed class TrainingSession<V, S> : ITrainingSession
    where V : struct
    where S : ISimd<V>
{
    private readonly NetworkLayout _layout;
    private readonly BatchPartition _partition;
    private readonly AlignedBuffer _theta;
    private readonly AlignedBuffer[] _chunkGradients;
    private readonly double[] _chunkLosses;
    private readonly AlignedBuffer[] _tiles;
    private readonly AlignedBuffer[] _lanes;
    private readonly TileActivations _activations;
    private readonly AlignedBuffer _inputs;
    private readonly AlignedBuffer _targets;
    private readonly double _size;
    private readonly double _learningRate;
    private readonly ChunkRunner _runner;
    private readonly Network _network;

    /// <summary>Copies the network's parameters and the data into the engine's buffers.</summary>
    /// <param name="network">The network to train; its parameters are read here and written back by <see cref="CopyParametersToNetwork"/>.</param>
    /// <param name="input">X: one sample per row (already checked against the network).</param>
    /// <param name="target">y: one target row per sample (already checked).</param>
    /// <param name="learningRate">lr of <c>θ -= lr · g</c>.</param>
    /// <param name="maxThreads">Most threads to use, the caller included (results do not depend on it).</param>
    public TrainingSession(Network network, Matrix<double> input, Matrix<double> target, double learningRate, int maxThreads = int.MaxValue)
    {
        _network = network;
        _layout = new NetworkLayout(network.LayerSizes);
        _partition = new BatchPartition(input.RowCount, _layout, RowProductKernel.Strip<V, S>());
        _learningRate = learningRate;
        _size = input.RowCount * target.ColumnCount;

        _theta = new AlignedBuffer(_layout.ParameterCount);
        _layout.Read(network, _theta.Span);
        _inputs = FeatureMajor(input, _partition.PaddedSamples);
        _targets = FeatureMajor(target, _partition.PaddedSamples);

        _chunkGradients = new AlignedBuffer[_partition.ChunkCount];
        for (var c = 0; c < _chunkGradients.Length; c++)
        {
            _chunkGradients[c] = new AlignedBuffer(_layout.ParameterCount);
        }

        _chunkLosses = new double[_partition.ChunkCount];
        _activations = new TileActivations(_layout, _partition.TileStride);

        var workers = Math.Max(1, Math.Min(Math.Min(Environment.ProcessorCount, maxThreads), _partition.ChunkCount));
        _tiles = new AlignedBuffer[workers];
        _lanes = new AlignedBuffer[workers];
        for (var w = 0; w < workers; w++)
        {
            _tiles[w] = new AlignedBuffer(_activations.Length);
            _lanes[w] = new AlignedBuffer(checked(_layout.ParameterCount * S.Count));
        }

        _runner = new ChunkRunner(workers - 1, ProcessChunk);
    }

    /// <summary>How the batch is cut into chunks and tiles.</summary>
    public BatchPartition Partition => _partition;

    /// <summary>Threads that work on an epoch, the caller included.</summary>
    public int WorkerCount => _runner.WorkerCount;

    /// <summary>
    /// Forward pass, loss and backward pass on the whole batch: returns <c>mse(y, y_pred)</c> and leaves
    /// <c>dL/dθ</c> in the first chunk's gradient. The parameters are not changed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double ComputeLossAndGradients()
    {
        _runner.Run(_partition.ChunkCount);

        // g = ((g₀ + g₁) + g₂) + …, and the loss likewise: always in chunk order.
        var gradient = _chunkGradients[0].Span;
        var squares = _chunkLosses[0];
        for (var c = 1; c < _chunkGradients.Length; c++)
        {
            GradientSumKernel.AddInto(gradient, _chunkGradients[c].Span);
            squares += _chunkLosses[c];
        }

        return squares / _size;
    }

    /// <summary><c>θ -= lr · g</c> with the gradient of the last <see cref="ComputeLossAndGradients"/>.</summary>
    public void Update() => UpdateKernel.Step(_theta.Span, _chunkGradients[0].Span, _learningRate);

    /// <summary>Whether every weight and bias is finite.</summary>
    public bool ParametersAreFinite() => FiniteCheck.AllFinite(_theta.Span);

    /// <summary>Writes θ into the network's own weight matrices and bias vectors.</summary>
    public void CopyParametersToNetwork() => _layout.Write(_theta.Span, _network);

    /// <summary>Stops the helper threads.</summary>
    public void Dispose() => _runner.Dispose();

    // One chunk: its tiles one after another, each adding to the worker's lane sums; then the chunk's gradient
    // is the sum of the lanes, and its loss the sum of its tiles'.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessChunk(int chunk, int worker)
    {
        var lanes = _lanes[worker].Span;
        lanes.Clear();
        var tile = _tiles[worker].Span;
        var squares = 0.0;
        var end = _partition.ChunkEnd(chunk);
        for (var start = _partition.ChunkStart(chunk); start < end; start += _partition.TileSamples)
        {
            squares += ProcessTile(start, Math.Min(_partition.TileSamples, end - start), tile, lanes);
        }

        LaneSumKernel.Reduce<V, S>(lanes, _chunkGradients[chunk].Span);
        _chunkLosses[chunk] = squares;
    }

    // One tile of samples [start, start + samples): forward through every layer, loss, and back again.
    // Returns the tile's Σ (y − y_pred)² and adds its dW, db to the lane sums.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ProcessTile(int start, int samples, Span<double> tile, Span<double> lanes)
    {
        var padded = BatchPartition.RoundUp(samples, _partition.SampleGranule);
        var last = _layout.LayerCount - 1;
        var theta = _theta.Span;

        // Forward: A_l = relu(A_{l-1}·W_l + b_l) for hidden layers, y_pred = A_{L-1}·W_L + b_L.
        _activations.Forward<V, S>(theta, Inputs(tile, 0, start, padded), tile, samples, _layout.LayerCount);

        // Loss, and dZ = dL/dy_pred of the linear output layer (in place of y_pred).
        var targets = new FeatureRows(_targets.Span[start..], _layout.Outputs(last), samples, _partition.PaddedSamples);
        var squares = OutputErrorKernel.Run<V, S>(targets, Activations(tile, last, padded), _size);

        // Backward: dW_l += A_{l-1}ᵀ·dZ_l, db_l += Σ dZ_l, then dZ_{l-1} = (dZ_l·W_lᵀ) ⊙ relu'(Z_{l-1}) in place of A_{l-1}.
        for (var layer = last; layer >= 0; layer--)
        {
            var delta = Activations(tile, layer, padded);
            WeightGradientKernel.Accumulate<V, S>(
                Inputs(tile, layer, start, padded), delta, _layout.WeightLanes(lanes, layer, S.Count), _layout.BiasLanes(lanes, layer, S.Count));
            if (layer > 0)
            {
                BackwardKernel.Run<V, S>(delta, _layout.WeightMatrix(theta, layer), Activations(tile, layer - 1, padded));
            }
        }

        return squares;
    }

    // A_l of the tile (Z_L, then dZ_l, as the epoch goes on): n_out rows of the tile's padded samples.
    private FeatureRows Activations(Span<double> tile, int layer, int padded) => _activations.Of(tile, layer, padded);

    // What feeds layer l: the data's rows for the first layer (samples from start on), the tile's A_{l-1} after.
    private FeatureRows Inputs(Span<double> tile, int layer, int start, int padded) =>
        layer == 0
            ? new(_inputs.Span[start..], _layout.Inputs(0), padded, _partition.PaddedSamples)
            : Activations(tile, layer - 1, padded);

    // Xᵀ with each feature's column padded with zeros to paddedSamples: feature f at [f·paddedSamples, …).
    private static AlignedBuffer FeatureMajor(Matrix<double> m, int paddedSamples)
    {
        var buffer = new AlignedBuffer(checked(m.ColumnCount * paddedSamples));
        new FeatureRows(buffer.Span, m.ColumnCount, paddedSamples, paddedSamples).Load(m, firstRow: 0, m.RowCount);
        return buffer;
    }
}
