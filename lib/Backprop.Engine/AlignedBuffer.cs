using System.Runtime.InteropServices;

namespace Backprop.Engine;

/// <summary>
/// A block of doubles that starts on a 64-byte boundary (a cache line), so that SIMD loads at multiples of the
/// vector width never straddle two cache lines. Allocated once per training run.
/// </summary>
internal sealed class AlignedBuffer
{
    private const int Alignment = 64;
    private readonly double[] _array;
    private readonly int _start;

    public AlignedBuffer(int length)
    {
        // On the pinned object heap the array never moves, so the offset found once stays right.
        _array = GC.AllocateArray<double>(checked(length + (Alignment / sizeof(double))), pinned: true);
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        var address = (long)handle.AddrOfPinnedObject();
        handle.Free();
        _start = (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(double);
        Length = length;
    }

    /// <summary>Number of doubles.</summary>
    public int Length { get; }

    /// <summary>The doubles, the first one 64-byte aligned.</summary>
    public Span<double> Span => _array.AsSpan(_start, Length);
}
