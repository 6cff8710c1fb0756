using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>The two NumPy broadcasting idioms the network needs, which MathNet does not spell the same way.</summary>
public static class MatrixOperations
{
    /// <summary>
    /// <c>m + b</c> where <paramref name="row"/> is a 1×n bias: NumPy broadcasts it, adding it to every row.
    /// </summary>
    public static Matrix<double> AddToEachRow(this Matrix<double> m, Vector<double> row)
    {
        if (m.ColumnCount != row.Count)
        {
            throw new InvalidInputException(
                $"Cannot add a bias of length {row.Count} to a matrix with {m.ColumnCount} columns: they must match.");
        }

        return Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (i, j) => m[i, j] + row[j]);
    }

    /// <summary><c>np.sum(m, axis=0)</c>: the sum of each column, added from the top row down.</summary>
    public static Vector<double> SumOfEachColumn(this Matrix<double> m)
    {
        var sums = Vector<double>.Build.Dense(m.ColumnCount);
        for (var row = 0; row < m.RowCount; row++)
        {
            for (var column = 0; column < m.ColumnCount; column++)
            {
                sums[column] += m[row, column];
            }
        }

        return sums;
    }
}
