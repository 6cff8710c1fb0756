using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>A value the student may have got wrong in a known way: the wrong value, and the hint for it.</summary>
/// <param name="Value">What the student's value is when they made this mistake.</param>
/// <param name="Mistake">Which mistake.</param>
/// <param name="Hint">What to tell them, after the quantity's name (<c>"is exactly half the right value: …"</c>).</param>
internal sealed record Explanation(Matrix<double> Value, Mistake Mistake, string Hint);

/// <summary>
/// One quantity to grade: its right value, how it is computed, and the known mistakes that lead to other values.
/// A vector is held as a 1×n matrix.
/// </summary>
/// <param name="Name">The lesson's name: <c>dL_dW2</c>.</param>
/// <param name="Expected">The right value.</param>
/// <param name="What">What to assign, for "not done yet": <c>a 2×2 matrix, shaped like W2</c>.</param>
/// <param name="Formula">How it is computed: <c>dL_dW2 = a1.T @ dL_dz2</c>.</param>
/// <param name="IsVector">True for a bias gradient: its shape is a length.</param>
/// <param name="Samples">The number of samples: a vector of this length summed over the wrong axis.</param>
internal sealed record Quantity(string Name, Matrix<double> Expected, string What, string Formula, bool IsVector, int Samples)
{
    /// <summary>Known mistakes, tried in order; one whose value equals the right value is never reported.</summary>
    public List<Explanation> Explanations { get; } = [];

    /// <summary>Adds a mistake and the value it gives, unless that value is the right one (then it cannot be told apart).</summary>
    public Quantity Add(Matrix<double> value, Mistake mistake, string hint)
    {
        if (!Numbers.Close(value, Expected))
        {
            Explanations.Add(new Explanation(value, mistake, hint));
        }

        return this;
    }

    /// <summary>Judges the student's value: right, a known mistake with its hint, a wrong shape, or simply wrong.</summary>
    public GradingItem Judge(Matrix<double>? student)
    {
        if (student is null || student.RowCount == 0 || student.ColumnCount == 0)
        {
            return GradingItem.NotDone(Name, $"assign {What}");
        }

        if (!student.Enumerate().All(double.IsFinite))
        {
            return GradingItem.Wrong(Name, Mistake.Other, $"{Name} holds a NaN or an infinity: {Formula}");
        }

        if (Numbers.Close(student, Expected))
        {
            return GradingItem.Right(Name, $"{Name} is right");
        }

        var known = Explanations.FirstOrDefault(explanation => Numbers.Close(student, explanation.Value));
        if (known is not null)
        {
            return GradingItem.Wrong(Name, known.Mistake, $"{Name} {known.Hint}");
        }

        return SameShape(student) ? Different(student) : WrongShape(student);
    }

    private bool SameShape(Matrix<double> student) =>
        student.RowCount == Expected.RowCount && student.ColumnCount == Expected.ColumnCount;

    private GradingItem WrongShape(Matrix<double> student)
    {
        if (IsVector && student.ColumnCount == Samples)
        {
            return GradingItem.Wrong(Name, Mistake.WrongAxis,
                $"{Name} has {Samples} values, one per sample: sum over the samples instead, {Formula} (in C#: .SumOfEachColumn())");
        }

        var shape = IsVector ? $"{student.ColumnCount} values" : InputRules.Shape(student);
        if (!IsVector && student.RowCount == Expected.ColumnCount && student.ColumnCount == Expected.RowCount)
        {
            return GradingItem.Wrong(Name, Mistake.Transposed,
                $"{Name} is {shape} but must be {What}: a transpose is missing or extra; {Formula}");
        }

        return GradingItem.Wrong(Name, Mistake.WrongShape, $"{Name} is {shape} but must be {What}; {Formula}");
    }

    private GradingItem Different(Matrix<double> student)
    {
        var difference = (student - Expected).Map(Math.Abs);
        var (row, column, largest) = difference.EnumerateIndexed().MaxBy(entry => entry.Item3);
        var where = IsVector ? $"[{column}]" : $"[{row},{column}]";
        return GradingItem.Wrong(Name, Mistake.Other, string.Create(
            CultureInfo.InvariantCulture,
            $"{Name} is not right (largest difference {Numbers.Format(largest)} at {where}: {Numbers.Format(student[row, column])} instead of {Numbers.Format(Expected[row, column])}); {Formula}"));
    }
}
