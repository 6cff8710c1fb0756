using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>The two NumPy broadcasting idioms the network needs, which MathNet does not spell the same way.</summary>
public static class MatrixOperations
{
    /// <summary>
    /// <c>m + b</c> where <paramref name="row"/> is a 1×n bias: NumPy broadcasts it, adding it to every row.
    /// </summary>
    /// <param name="m">The matrix, one sample per row.</param>
    /// <param name="row">The bias: one value per column of <paramref name="m"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="m"/> or <paramref name="row"/> is null.</exception>
    /// <exception cref="InvalidInputException">The bias does not have one value per column.</exception>
    public static Matrix<double> AddToEachRow(this Matrix<double> m, Vector<double> row)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(row);
        Checks.RequireBiasFits(m, row);
        return Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (i, j) => m[i, j] + row[j]);
    }

    /// <summary><c>np.sum(m, axis=0)</c>: the sum of each column, added from the top row down.</summary>
    /// <param name="m">The matrix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="m"/> is null.</exception>
    public static Vector<double> SumOfEachColumn(this Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
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
