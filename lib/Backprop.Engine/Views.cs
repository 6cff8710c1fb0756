using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Engine;

/// <summary>
/// <see cref="Count"/> rows of <see cref="Length"/> samples each, <see cref="Stride"/> doubles apart: one layer's
/// values in a tile, stored feature by feature (row <c>f</c> holds feature <c>f</c> of every sample: <c>Aᵀ</c>).
/// </summary>
internal readonly ref struct FeatureRows
{
    private readonly Span<double> _values;

    /// <param name="values">The rows; row <c>f</c> starts at <c>values[f·stride]</c>.</param>
    /// <param name="count">Number of rows (features).</param>
    /// <param name="length">Samples per row that the kernels read or write.</param>
    /// <param name="stride">Distance between the starts of two rows.</param>
    public FeatureRows(Span<double> values, int count, int length, int stride)
    {
        Debug.Assert(count >= 1 && length >= 1 && stride >= length);
        Debug.Assert(values.Length >= ((count - 1) * stride) + length);
        _values = values;
        (Count, Length, Stride) = (count, length, stride);
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Samples in each row.</summary>
    public int Length { get; }

    /// <summary>Distance between the starts of two rows.</summary>
    public int Stride { get; }

    /// <summary>Row <paramref name="row"/>'s value for sample <paramref name="sample"/>.</summary>
    public ref double this[int row, int sample]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Debug.Assert((uint)row < (uint)Count && (uint)sample < (uint)Length);
            return ref Unsafe.Add(ref MemoryMarshal.GetReference(_values), (row * Stride) + sample);
        }
    }

    /// <summary>Row <paramref name="row"/>: its <see cref="Length"/> samples.</summary>
    public Span<double> Row(int row) => _values.Slice(row * Stride, Length);

    /// <summary>
    /// Fills the rows from <paramref name="m"/>, one sample per row of it: row <c>f</c> ← column <c>f</c> of
    /// <paramref name="m"/> from row <paramref name="firstRow"/> on, for <paramref name="samples"/> samples, and 0 after them (padding).
    /// </summary>
    public void Load(Matrix<double> m, int firstRow, int samples)
    {
        Debug.Assert(m.ColumnCount == Count && samples <= Length && firstRow + samples <= m.RowCount);
        var stored = m.AsColumnMajorArray();
        for (var f = 0; f < Count; f++)
        {
            var row = Row(f);
            if (stored is not null)
            {
                stored.AsSpan((f * m.RowCount) + firstRow, samples).CopyTo(row);
            }
            else
            {
                for (var r = 0; r < samples; r++)
                {
                    row[r] = m[firstRow + r, f];
                }
            }

            row[samples..].Clear();
        }
    }
}

/// <summary>
/// A small matrix <c>M</c> (<see cref="Rows"/> × <see cref="Columns"/>) read in place:
/// <c>M[i, t]</c> at <c>values[i·RowStep + t·ColumnStep]</c>. A weight matrix and its transpose are the same
/// numbers with the two steps swapped.
/// </summary>
internal readonly ref struct StridedMatrix
{
    private readonly ReadOnlySpan<double> _values;

    private StridedMatrix(ReadOnlySpan<double> values, int rows, int columns, int rowStep, int columnStep)
    {
        Debug.Assert(values.Length >= ((rows - 1) * rowStep) + ((columns - 1) * columnStep) + 1);
        _values = values;
        (Rows, Columns, RowStep, ColumnStep) = (rows, columns, rowStep, columnStep);
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Distance between <c>M[i, t]</c> and <c>M[i + 1, t]</c>.</summary>
    public int RowStep { get; }

    /// <summary>Distance between <c>M[i, t]</c> and <c>M[i, t + 1]</c>.</summary>
    public int ColumnStep { get; }

    /// <summary>Mᵀ: the same numbers.</summary>
    public StridedMatrix Transposed => new(_values, Columns, Rows, ColumnStep, RowStep);

    /// <summary><c>M[i, t]</c>.</summary>
    public ref double this[int i, int t]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Debug.Assert((uint)i < (uint)Rows && (uint)t < (uint)Columns);
            return ref Unsafe.Add(ref MemoryMarshal.GetReference(_values), (i * RowStep) + (t * ColumnStep));
        }
    }

    /// <summary>A matrix stored column by column (MathNet's and θ's order): <c>M[i, t]</c> at <c>t·rows + i</c>.</summary>
    public static StridedMatrix ColumnMajor(ReadOnlySpan<double> values, int rows, int columns) =>
        new(values, rows, columns, 1, rows);
}
