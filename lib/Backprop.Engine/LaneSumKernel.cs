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
}
