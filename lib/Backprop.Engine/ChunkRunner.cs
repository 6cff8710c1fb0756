using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Backprop.Engine;

/// <summary>
/// Runs an epoch's chunks on the calling thread and on a few helper threads, without allocating: a
/// <c>Parallel.For</c> that keeps its threads for the whole training run.
/// </summary>
/// <remarks>
/// Threads take the next chunk number from a shared counter until none are left; the caller takes chunks too
/// and then waits until every chunk is done (not for helpers that never got one: a helper the operating system
/// has not scheduled yet costs nothing). Which thread runs which chunk varies from run to run, but each chunk
/// writes only its own partial results, which are added up afterwards in chunk order, so results do not vary.
/// Between epochs a helper spins for a short while (the next epoch usually comes within microseconds) and then
/// sleeps until woken, so an idle run costs no CPU.
/// </remarks>
internal sealed class ChunkRunner : IDisposable
{
    private static readonly TimeSpan SpinTime = TimeSpan.FromMilliseconds(0.2);

    private readonly Action<int, int> _body;
    private readonly Thread[] _helpers;
    private readonly ManualResetEventSlim[] _wake;
    private int _chunkCount;
    private int _nextChunk; // at or past _chunkCount while no epoch is open
    private int _doneChunks;
    private long _generation;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="helperCount">Threads to start besides the caller (0 runs everything on the caller).</param>
    /// <param name="body">Processes chunk <c>c</c> on worker <c>w</c> (0 is the caller): <c>body(c, w)</c>.</param>
    public ChunkRunner(int helperCount, Action<int, int> body)
    {
        _body = body;
        _helpers = new Thread[helperCount];
        _wake = new ManualResetEventSlim[helperCount];
        for (var h = 0; h < helperCount; h++)
        {
            _wake[h] = new ManualResetEventSlim(false);
            _helpers[h] = new Thread(HelperLoop) { IsBackground = true, Name = $"Backprop engine worker {h + 1}" };
            _helpers[h].Start(h);
        }
    }

    /// <summary>Threads that run chunks, the caller included.</summary>
    public int WorkerCount => _helpers.Length + 1;

    /// <summary>Runs <c>body(c, worker)</c> for every chunk <c>c</c> in <c>[0, chunkCount)</c> and returns when all are done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(int chunkCount)
    {
        if (_helpers.Length == 0)
        {
            for (var c = 0; c < chunkCount; c++)
            {
                _body(c, 0);
            }

            return;
        }

        _doneChunks = 0;
        _chunkCount = chunkCount;
        Volatile.Write(ref _nextChunk, 0); // opens the epoch; everything written before is visible to a helper that claims
        Interlocked.Increment(ref _generation);
        foreach (var wake in _wake)
        {
            wake.Set();
        }

        TakeChunks(worker: 0);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _doneChunks) != chunkCount)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (Interlocked.Exchange(ref _failure, null) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Stops and joins the helper threads.</summary>
    public void Dispose()
    {
        _stopping = true;
        Interlocked.Increment(ref _generation);
        foreach (var wake in _wake)
        {
            wake.Set();
        }

        foreach (var helper in _helpers)
        {
            helper.Join();
        }

        foreach (var wake in _wake)
        {
            wake.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TakeChunks(int worker)
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < _chunkCount)
        {
            try
            {
                _body(chunk, worker);
            }
            catch (Exception failure) when (worker > 0)
            {
                Interlocked.CompareExchange(ref _failure, failure, null);
            }
            finally
            {
                Interlocked.Increment(ref _doneChunks);
            }
        }
    }

    private void HelperLoop(object? state)
    {
        var helper = (int)state!;
        long seen = 0;
        while (true)
        {
            WaitForWork(helper, ref seen);
            if (_stopping)
            {
                return;
            }

            TakeChunks(helper + 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WaitForWork(int helper, ref long seen)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var generation = Volatile.Read(ref _generation);
            if (generation != seen)
            {
                seen = generation;
                return;
            }

            if (Stopwatch.GetElapsedTime(start) < SpinTime)
            {
                Thread.SpinWait(20);
            }
            else
            {
                // Set by Run (or Dispose); cleared only here, and the generation is checked again after, so no wake-up is lost.
                _wake[helper].Wait();
                _wake[helper].Reset();
            }
        }
    }
}
