using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Shape checks with messages in the reader's terms, run before any arithmetic.</summary>
internal static class Shapes
{
    /// <summary>"10×3": how NumPy prints a shape, without the parentheses.</summary>
    public static string Of<T>(Matrix<T> matrix)
        where T : struct, IEquatable<T>, IFormattable
        => $"{matrix.RowCount}×{matrix.ColumnCount}";

    public static void RequireSameNonEmpty(Matrix<double>? first, Matrix<double>? second, string firstName, string secondName)
    {
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        if (first.RowCount == 0 || first.ColumnCount == 0)
        {
            throw new InvalidInputException($"{Capitalize(firstName)} are empty ({Of(first)}): give at least one value.");
        }

        if (first.RowCount != second.RowCount || first.ColumnCount != second.ColumnCount)
        {
            throw new InvalidInputException(
                $"{Capitalize(firstName)} are {Of(first)} but {secondName} are {Of(second)}: they must have the same shape.");
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
