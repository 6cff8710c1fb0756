using System.Globalization;

namespace Backprop.Pictures;

/// <summary>The pictures' colours, sizes and number format, in one place.</summary>
internal static class PictureStyle
{
    public const string Font = "DejaVu Sans, Helvetica, Arial, sans-serif";
    public const double TextSize = 13;
    public const double SmallText = 11.5;
    public const double TitleSize = 17;

    public const string Ink = "#1f2937";
    public const string Muted = "#6b7280";

    /// <summary>Edges by weight sign, as TensorFlow Playground draws them: blue positive, orange negative.</summary>
    public const string Positive = "#2563eb";
    public const string Negative = "#ea580c";

    /// <summary>Forward values in green, gradients in red, as CS231n's circuits print them.</summary>
    public const string Forward = "#15803d";
    public const string Gradient = "#dc2626";

    public const string InputFill = "#eef2ff";
    public const string HiddenFill = "#ecfdf5";
    public const string OutputFill = "#fef3c7";
    public const string NodeStroke = "#374151";

    /// <summary>A unit that is off (z ≤ 0): grey fill, grey outline, grey text.</summary>
    public const string OffFill = "#e5e7eb";
    public const string OffStroke = "#9ca3af";
    public const string OffText = "#9ca3af";

    /// <summary>Thinnest and thickest edge, in pixels.</summary>
    public const double ThinEdge = 1;
    public const double ThickEdge = 9;

    /// <summary>An edge's width: proportional to <paramref name="size"/> over the largest size in the picture.</summary>
    public static double EdgeWidth(double size, double largest) =>
        largest > 0 ? ThinEdge + ((ThickEdge - ThinEdge) * Math.Abs(size) / largest) : ThinEdge;

    public static string SignColour(double value) => value < 0 ? Negative : Positive;

    /// <summary>
    /// Three significant digits, invariant (<c>1.76</c>, <c>-0.978</c>, <c>0.0235</c>); below 0.001 or from 10000
    /// in scientific notation (<c>2.35e-05</c>), so a small gradient never reads as 0. Exactly 0 is <c>0</c>.
    /// </summary>
    public static string Number(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value == 0 ? "0" : value.ToString(CultureInfo.InvariantCulture);
        }

        var size = Math.Abs(value);
        if (size < 1e-3 || size >= 1e4)
        {
            return value.ToString("0.00e+00", CultureInfo.InvariantCulture);
        }

        var decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(size)), 0, 5);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>"10×3".</summary>
    public static string Shape(int rows, int columns) => $"{rows}×{columns}";
}
