using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Notebooks;

/// <summary>Ways to show several values at once in a notebook cell.</summary>
public static class Show
{
    /// <summary>
    /// Named matrices side by side, each captioned with its name and shape, for example
    /// <c>Show.Matrices(("X", X), ("W1", W1), ("b1", b1), ("z1", z1))</c>. A vector shows as a 1×n row, the
    /// shape NumPy gives a bias (<c>np.zeros((1, n))</c>).
    /// </summary>
    /// <param name="matrices">Pairs of a name and a <c>Matrix&lt;double&gt;</c> or <c>Vector&lt;double&gt;</c>.</param>
    /// <exception cref="ArgumentException">A value is neither a matrix nor a vector of doubles.</exception>
    public static MatrixPanel Matrices(params (string Name, object Value)[] matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        return new MatrixPanel(matrices.Select(m => (m.Name, AsMatrix(m.Name, m.Value))).ToArray());
    }

    private static Matrix<double> AsMatrix(string name, object value) => value switch
    {
        Matrix<double> matrix => matrix,
        Vector<double> vector => vector.ToRowMatrix(),
        _ => throw new ArgumentException(
            $"{name} is a {value?.GetType().Name ?? "null"}: Show.Matrices shows a Matrix<double> or a Vector<double>.", "matrices"),
    };
}
