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

        Reference(total[i..], part[i..]);
    }

    /// <summary>The scalar reference for <see cref="AddInto"/>, which also does its last few elements: <c>total[i] += part[i]</c>.</summary>
    /// <param name="total">The total, added to.</param>
    /// <param name="part">One chunk's gradient, as long as <paramref name="total"/>.</param>
    internal static void Reference(Span<double> total, ReadOnlySpan<double> part)
    {
        for (var i = 0; i < total.Length; i++)
        {
            total[i] += part[i];
        }
    }
}
