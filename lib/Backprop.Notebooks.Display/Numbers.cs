using System.Globalization;

namespace Backprop.Notebooks;

/// <summary>How numbers read in the tables: short in matrices, precise in the gradient check.</summary>
internal static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Four decimals, as the original prints its loss (<c>1.7641</c>); values too small or too large for that
    /// in scientific notation (<c>3.142e-05</c>), so a small gradient never shows as <c>0.0000</c>. Exactly 0 is <c>0</c>.
    /// </summary>
    public static string Short(double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return Special(value);
        }

        var size = Math.Abs(value);
        return size is >= 1e-3 and < 1e5 ? value.ToString("F4", Invariant) : value.ToString("0.000e+00", Invariant);
    }

    /// <summary>Ten significant digits, to see how many digits two gradients share (<c>-0.02350091983</c>).</summary>
    public static string Precise(double value) =>
        !double.IsFinite(value) || value == 0 ? Special(value) : value.ToString("G10", Invariant);

    /// <summary>A relative error: two significant digits in scientific notation (<c>1.8e-11</c>).</summary>
    public static string Error(double value) =>
        !double.IsFinite(value) || value == 0 ? Special(value) : value.ToString("0.0e+00", Invariant);

    /// <summary>Every digit: the round-trip form, for a tooltip.</summary>
    public static string Full(double value) => value.ToString("R", Invariant);

    private static string Special(double value) => value switch
    {
        0 => "0",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        _ => "NaN",
    };
}
