using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Engine;

/// <summary>Adds one chunk's gradient into the total: <c>g += g_chunk</c>, element by element.</summary>
/// <remarks>
/// The chunks are added in chunk order (<c>((g₀ + g₁) + g₂) + …</c>), so the total never depends on which
/// thread finished first.
/// </remarks>
internal static class GradientSumKernel
{
    // total[i] += part[i]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddInto(Span<double> total, ReadOnlySpan<double> part)
    {
        var width = Vector<double>.Count;
        var i = 0;
        for (; i + width <= total.Length; i += width)
        {
            (new Vector<double>(total[i..]) + new Vector<double>(part[i..])).CopyTo(total[i..]);
        }

        for (; i < total.Length; i++)
        {
            total[i] += part[i];
        }
    }
}
