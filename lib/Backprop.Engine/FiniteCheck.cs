using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Engine;

/// <summary>Whether every parameter is still a finite number (no NaN, no infinity).</summary>
internal static class FiniteCheck
{
    // all(isfinite(θ)): x·0 is 0 for every finite x and NaN for NaN and ±∞, so one sum of x·0 tells.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        var width = Vector<double>.Count;
        var probe = Vector<double>.Zero;
        var i = 0;
        for (; i + width <= values.Length; i += width)
        {
            probe += new Vector<double>(values[i..]) * Vector<double>.Zero;
        }

        return Vector.Sum(probe) == 0.0 && Reference(values[i..]);
    }

    /// <summary>The scalar reference for <see cref="AllFinite"/>, which also does its last few elements.</summary>
    /// <param name="values">The numbers to look at.</param>
    internal static bool Reference(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
