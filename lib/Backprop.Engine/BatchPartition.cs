namespace Backprop.Engine;

/// <summary>
/// How one epoch's batch of samples is cut up: into a fixed number of chunks (the unit of work a thread takes,
/// each with its own partial gradient), and each chunk into tiles small enough that a tile's activations for
/// every layer stay in the core's cache from its forward pass to its backward pass.
/// </summary>
/// <remarks>
/// Everything here follows from the number of samples and the layer sizes alone, never from the number of
/// cores or from timing: the same network and data are always summed in the same order, so a training run is
/// reproducible to the last bit however the chunks are spread over threads.
/// <para>
/// Inside a tile the data are stored feature by feature ("transposed"): feature <c>f</c>'s values for the
/// tile's samples are contiguous, so SIMD lanes run over samples and no layer width has to be a multiple of
/// the vector width. Only the sample count is padded, to <see cref="SampleGranule"/> (4 vectors: one register
/// block's samples), so the partition depends on the vector width as well.
/// </para>
/// </remarks>
internal sealed class BatchPartition
{
    /// <summary>Activations of one tile (all layers) should fit in this many doubles: 192 KB, well inside L2.</summary>
    internal const int TileBudget = 24 * 1024;

    /// <summary>Upper bound on samples per tile.</summary>
    internal const int MaxTileSamples = 1024;

    /// <summary>A chunk is worth handing to another thread from about this many forward multiply-adds.</summary>
    internal const long MinChunkWork = 128 * 1024;

    /// <summary>At most this many chunks (and partial gradients) per epoch.</summary>
    internal const int MaxChunks = 16;

    private const int CacheLine = 64 / sizeof(double);

    private readonly int[] _chunkStarts;

    /// <param name="samples">Samples in the batch.</param>
    /// <param name="layout">The network's layer sizes.</param>
    /// <param name="sampleGranule">Samples per register block (4 vectors); tiles and chunks start at multiples of it.</param>
    public BatchPartition(int samples, NetworkLayout layout, int sampleGranule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        SampleGranule = sampleGranule;
        Samples = samples;
        PaddedSamples = RoundUp(samples, SampleGranule);

        var perTileSample = layout.UnitsAfterInput;
        TileSamples = Math.Min(
            Math.Clamp(TileBudget / perTileSample / SampleGranule * SampleGranule, SampleGranule, MaxTileSamples),
            PaddedSamples);

        var granules = PaddedSamples / SampleGranule;
        var work = (long)samples * layout.MultiplyAddsPerSample;
        var chunks = (int)Math.Clamp(work / MinChunkWork, 1, MaxChunks);
        ChunkCount = Math.Min(chunks, granules);
        _chunkStarts = new int[ChunkCount + 1];
        for (var c = 0; c < ChunkCount; c++)
        {
            _chunkStarts[c] = (int)((long)c * granules / ChunkCount) * SampleGranule;
        }

        _chunkStarts[ChunkCount] = samples;
    }

    /// <summary>Samples per register block: 4 vectors (16 doubles with 256-bit vectors, 32 with 512-bit). Tiles hold a multiple of this.</summary>
    public int SampleGranule { get; }

    /// <summary>Samples in the batch.</summary>
    public int Samples { get; }

    /// <summary>Samples rounded up to <see cref="SampleGranule"/>: the rows of the padded input buffers.</summary>
    public int PaddedSamples { get; }

    /// <summary>Most samples in one tile (a multiple of <see cref="SampleGranule"/>).</summary>
    public int TileSamples { get; }

    /// <summary>
    /// Distance between two features' rows in a tile buffer: <see cref="TileSamples"/> rounded up to an odd
    /// number of cache lines (8 doubles each), so that walking down a tile's features (k = 0, 1, …) spreads over
    /// all the L1 cache's sets instead of piling into a few of them. Rows still start on a cache line.
    /// </summary>
    public int TileStride => TileSamples / CacheLine % 2 == 0 ? TileSamples + CacheLine : TileSamples;

    /// <summary>Number of chunks; each has its own partial gradient, added in chunk order.</summary>
    public int ChunkCount { get; }

    /// <summary>First sample of chunk <paramref name="chunk"/> (a multiple of <see cref="SampleGranule"/>).</summary>
    public int ChunkStart(int chunk) => _chunkStarts[chunk];

    /// <summary>One past the last sample of chunk <paramref name="chunk"/>.</summary>
    public int ChunkEnd(int chunk) => _chunkStarts[chunk + 1];

    /// <summary>Rounds <paramref name="value"/> up to a multiple of <paramref name="multiple"/>.</summary>
    public static int RoundUp(int value, int multiple) => checked((value + multiple - 1) / multiple * multiple);
}
