using System.Globalization;

namespace Backprop;

/// <summary>The line the original prints: <c>f"Epoch {epoch}, Loss: {loss:.4f}"</c>.</summary>
public static class LossLine
{
    /// <summary>
    /// Formats one line, with a dot as the decimal separator whatever the machine's culture, rounded to four
    /// places as Python rounds (correctly, from the exact binary value).
    /// </summary>
    public static string Format(int epoch, double loss) =>
        string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch}, Loss: {loss:F4}");
}
