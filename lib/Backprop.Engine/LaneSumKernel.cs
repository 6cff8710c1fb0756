using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.Engine;

/// <summary>Adds up the SIMD lanes of a chunk's gradient: <c>g[i] = Σ_lanes lanes[i·V + lane]</c>.</summary>
/// <remarks>
/// <see cref="WeightGradientKernel"/> keeps one partial sum per lane for every weight and bias, so that adding a
/// tile costs one vector addition per sum; this once-per-chunk step folds the lanes into the gradient.
/// </remarks>
internal static class LaneSumKernel
{
    // g[i] = Σₗ lanes[i·V + l]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Reduce<V, S>(Span<double> lanes, Span<double> gradient)
        where V : struct
        where S : ISimd<V>
    {
        var width = S.Count;
        Debug.Assert(lanes.Length >= gradient.Length * width);
        ref var l = ref MemoryMarshal.GetReference(lanes);
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = S.Sum(S.Load(ref l, (nuint)(i * width)));
        }
    }

    /// <summary>The scalar reference for <see cref="Reduce{V, S}"/>: each value's <paramref name="width"/> lanes added from the first.</summary>
    /// <param name="lanes">The lane sums: <paramref name="width"/> doubles per value.</param>
    /// <param name="gradient">The values, overwritten.</param>
    /// <param name="width">Lanes per value.</param>
    internal static void Reference(ReadOnlySpan<double> lanes, Span<double> gradient, int width)
    {
        for (var i = 0; i < gradient.Length; i++)
        {
            var sum = 0.0;
            foreach (var lane in lanes.Slice(i * width, width))
            {
                sum += lane;
            }

            gradient[i] = sum;
        }
    }
}
