using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

/// <summary>
/// Sweeps lesson 1's graders with generated wrong functions (thresholds, clamps, bounds, scalings, transposes,
/// in-place variants, hard-coded answers, integer division, throwing, null, an endless loop, recursion): none may be
/// graded right, on any draw of the inputs. Several right formulations, one computing in place on a copy, must be.
/// </summary>
public class GraderSweepTests
{
    private static readonly int[] Seeds = [1, 2, 3];

    /// <summary>
    /// What keeps the "endless loop" cases looping: set while one is graded, cleared right after, so that no _spinning
    /// thread outlives its test (the tests of one class run one at a time).
    /// </summary>
    private static volatile bool _spinning;

    private static Matrix<double> Entrywise(Matrix<double> x, Func<double, double> f) => x.Map(f);

    public static TheoryData<string> WrongRelus => [.. WrongRelu.Keys];

    public static TheoryData<string> RightRelus => [.. RightRelu.Keys];

    public static TheoryData<string> WrongMses => [.. WrongMse.Keys];

    public static TheoryData<string> RightMses => [.. RightMse.Keys];

    private static readonly Dictionary<string, Func<Matrix<double>, Matrix<double>>> WrongRelu = new()
    {
        ["x > 0.2"] = x => Entrywise(x, v => v > 0.2 ? 1 : 0),
        ["x > 1e-6"] = x => Entrywise(x, v => v > 1e-6 ? 1 : 0),
        ["x > 1e-301"] = x => Entrywise(x, v => v > 1e-301 ? 1 : 0),
        ["x >= 0"] = x => Entrywise(x, v => v >= 0 ? 1 : 0),
        ["clamp(4x, 0, 1)"] = x => Entrywise(x, v => Math.Clamp(4 * v, 0, 1)),
        ["clamp(x, 0, 1)"] = x => Entrywise(x, v => Math.Clamp(v, 0, 1)),
        ["clamp(1e6 x, 0, 1)"] = x => Entrywise(x, v => Math.Clamp(1e6 * v, 0, 1)),
        ["0 < x < 5"] = x => Entrywise(x, v => v > 0 && v < 5 ? 1 : 0),
        ["0 < x < 1e10"] = x => Entrywise(x, v => v > 0 && v < 1e10 ? 1 : 0),
        ["2 (x > 0)"] = x => Entrywise(x, v => v > 0 ? 2 : 0),
        ["0.5 (x > 0)"] = x => Entrywise(x, v => v > 0 ? 0.5 : 0),
        ["x itself"] = x => x,
        ["a copy of x"] = x => x.Clone(),
        ["relu(x)"] = x => Entrywise(x, v => Math.Max(0, v)),
        ["sign(x)"] = x => Entrywise(x, v => Math.Sign(v)),
        ["x < 0"] = x => Entrywise(x, v => v < 0 ? 1 : 0),
        ["1 - (x < 0)"] = x => Entrywise(x, v => v < 0 ? 0 : 1),
        ["x / |x| clipped"] = x => Entrywise(x, v => Math.Max(0, v / Math.Abs(v))),
        ["all ones"] = x => Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, 1.0),
        ["all zeros"] = x => Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount),
        ["transposed"] = x => Entrywise(x.Transpose(), v => v > 0 ? 1 : 0),
        ["hard-coded answer"] = _ => Matrix<double>.Build.DenseOfRowArrays([0.0, 0.0, 0.0], [1.0, 1.0, 1.0]),
        ["one row only"] = x => Entrywise(x.SubMatrix(0, 1, 0, x.ColumnCount), v => v > 0 ? 1 : 0),
        ["in place"] = x =>
        {
            x.MapInplace(v => v > 0 ? 1 : 0);
            return x;
        },
        ["right, then clears x"] = x =>
        {
            var result = x.Map(v => v > 0 ? 1.0 : 0.0);
            x.Clear();
            return result;
        },
        ["throws"] = _ => throw new InvalidOperationException("oops"),
        ["null"] = _ => null!,
        ["endless loop"] = x =>
        {
            while (_spinning)
            {
            }

            return x.Map(v => v > 0 ? 1.0 : 0.0);
        },
        ["calls itself"] = CallsItself,
        ["exits"] = x =>
        {
            if (x.RowCount < 0)
            {
                Environment.Exit(3);
            }

            return x.Map(v => v > 0 ? 1.0 : 0.0);
        },
    };

    private static readonly Dictionary<string, Func<Matrix<double>, Matrix<double>>> RightRelu = new()
    {
        ["x.Map(v > 0 ? 1 : 0)"] = x => x.Map(v => v > 0 ? 1.0 : 0.0),
        ["Activation.ReluDerivative"] = Activation.ReluDerivative,
        ["in place on a copy"] = x =>
        {
            var result = x.Clone();
            result.MapInplace(v => v > 0 ? 1.0 : 0.0);
            return result;
        },
        ["max(sign(x), 0)"] = x => x.PointwiseSign().PointwiseMaximum(0.0),
        ["ceiling(clamp(x, 0, 1))"] = x => x.Map(v => Math.Ceiling(Math.Clamp(v, 0, 1))),
        ["loops"] = x =>
        {
            var result = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount);
            for (var i = 0; i < x.RowCount; i++)
            {
                for (var j = 0; j < x.ColumnCount; j++)
                {
                    result[i, j] = x[i, j] > 0 ? 1 : 0;
                }
            }

            return result;
        },
    };

    private static readonly Dictionary<string, Func<Matrix<double>, Matrix<double>, Matrix<double>>> WrongMse = new()
    {
        ["wrong sign"] = (t, p) => 2 * (t - p) / (t.RowCount * t.ColumnCount),
        ["no 2"] = (t, p) => (p - t) / (t.RowCount * t.ColumnCount),
        ["no size"] = (t, p) => 2 * (p - t),
        ["p - t only"] = (t, p) => p - t,
        ["by the rows"] = (t, p) => 2 * (p - t) / t.RowCount,
        ["by the columns"] = (t, p) => 2 * (p - t) / t.ColumnCount,
        ["by size twice"] = (t, p) => 2 * (p - t) / (t.RowCount * t.ColumnCount * t.RowCount * t.ColumnCount),
        ["2 / size, int size"] = (t, p) =>
        {
            int size = t.RowCount * t.ColumnCount;
            return 2 / size * (p - t);
        },
        ["(1 / size) * 2, int size"] = (t, p) =>
        {
            int size = t.RowCount * t.ColumnCount;
            return 1 / size * 2 * (p - t);
        },
        ["2 / rows, int"] = (t, p) => 2 / t.RowCount * (p - t),
        ["squared error"] = (t, p) => (p - t).PointwiseMultiply(p - t) / (t.RowCount * t.ColumnCount),
        ["matrix product"] = (t, p) => 2 * (p - t) * t.Transpose() / (t.RowCount * t.ColumnCount),
        ["transposed"] = (t, p) => 2 * (p - t).Transpose() / (t.RowCount * t.ColumnCount),
        ["mean everywhere"] = (t, p) => Matrix<double>.Build.Dense(t.RowCount, t.ColumnCount, 2 * (p - t).Enumerate().Average()),
        ["zeros"] = (t, _) => Matrix<double>.Build.Dense(t.RowCount, t.ColumnCount),
        ["hard-coded answer"] = (_, _) => Matrix<double>.Build.DenseOfRowArrays([0.0833, -0.0833], [-0.1667, 0.3333], [0.5, -0.3333]),
        ["copies y_true into y_pred, returns zeros"] = (t, p) =>
        {
            t.CopyTo(p);
            return 2 * (p - t) / (t.RowCount * t.ColumnCount);
        },
        ["in place on y_pred"] = (t, p) =>
        {
            p.Subtract(t, p);
            p.Multiply(2.0 / (t.RowCount * t.ColumnCount), p);
            return p;
        },
        ["in place on y_true"] = (t, p) =>
        {
            p.Subtract(t, t);
            t.Multiply(2.0 / (t.RowCount * t.ColumnCount), t);
            return t;
        },
        ["right, then clears y_true"] = (t, p) =>
        {
            var result = 2 * (p - t) / (t.RowCount * t.ColumnCount);
            t.Clear();
            return result;
        },
        ["throws"] = (_, _) => throw new ArgumentException("bad"),
        ["null"] = (_, _) => null!,
        ["endless loop"] = (t, p) =>
        {
            while (_spinning)
            {
            }

            return 2 * (p - t) / (t.RowCount * t.ColumnCount);
        },
        ["calls itself"] = MseCallsItself,
    };

    private static readonly Dictionary<string, Func<Matrix<double>, Matrix<double>, Matrix<double>>> RightMse = new()
    {
        ["2 * (p - t) / size, double size"] = (t, p) =>
        {
            double size = t.RowCount * t.ColumnCount;
            return 2 * (p - t) / size;
        },
        ["(p - t) * (2.0 / size)"] = (t, p) => (p - t) * (2.0 / (t.RowCount * t.ColumnCount)),
        ["2 * (p - t) / int size"] = (t, p) => 2 * (p - t) / (t.RowCount * t.ColumnCount),
        ["in place on a copy"] = (t, p) =>
        {
            var d = p.Clone();
            d.Subtract(t, d);
            d.Multiply(2.0 / (t.RowCount * t.ColumnCount), d);
            return d;
        },
        ["Loss.MseDerivative"] = Loss.MseDerivative,
        ["entry by entry"] = (t, p) => Matrix<double>.Build.Dense(t.RowCount, t.ColumnCount, (i, j) => 2 * (p[i, j] - t[i, j]) / (t.RowCount * t.ColumnCount)),
    };

    private static Matrix<double> CallsItself(Matrix<double> x) => x.RowCount > 0 ? CallsItself(x) : x;

    private static Matrix<double> MseCallsItself(Matrix<double> y_true, Matrix<double> y_pred) => MseHelper(y_true, y_pred);

    private static Matrix<double> MseHelper(Matrix<double> y_true, Matrix<double> y_pred) => MseCallsItself(y_pred, y_true);

    private static TimeSpan Limit(string name) => name == "endless loop" ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(WrongRelus))]
    public void No_wrong_relu_derivative_is_graded_right(string name) =>
        AssertNeverRight(name, (random, limit) => FunctionGrader.ReluDerivative(WrongRelu[name], random, limit));

    [Theory]
    [MemberData(nameof(RightRelus))]
    public void Every_right_relu_derivative_is_graded_right(string name) =>
        AssertAlwaysRight(name, (random, limit) => FunctionGrader.ReluDerivative(RightRelu[name], random, limit));

    [Theory]
    [MemberData(nameof(WrongMses))]
    public void No_wrong_mse_derivative_is_graded_right(string name) =>
        AssertNeverRight(name, (random, limit) => FunctionGrader.MseDerivative(WrongMse[name], random, limit));

    [Theory]
    [MemberData(nameof(RightMses))]
    public void Every_right_mse_derivative_is_graded_right(string name) =>
        AssertAlwaysRight(name, (random, limit) => FunctionGrader.MseDerivative(RightMse[name], random, limit));

    /// <summary>Wrong on every draw of the inputs, with a ✘ line, no NUL and no stack frame.</summary>
    private static void AssertNeverRight(string name, Func<Random, TimeSpan, GradingReport> grade)
    {
        foreach (var seed in Seeds)
        {
            var report = Grade(name, () => grade(new Random(seed), Limit(name)));

            Assert.False(report.Passed, $"{name}, seed {seed}:\n{report}");
            Assert.Contains(report.Items, item => item.Message.StartsWith('✘'));
            Assert.DoesNotContain(report.Items, item => item.Message.Contains('\0') || item.Message.Contains("   at "));
            if (name == "endless loop")
            {
                Assert.Equal(Mistake.TimedOut, Assert.Single(report.Items).Mistake);
                break;  // once is enough: it times out the same way on every draw
            }
        }
    }

    private static void AssertAlwaysRight(string name, Func<Random, TimeSpan, GradingReport> grade)
    {
        foreach (var seed in Seeds)
        {
            var report = grade(new Random(seed), Limit(name));

            Assert.True(report.Passed, $"{name}, seed {seed}:\n{report}");
        }
    }

    [Fact]
    public void Integer_division_is_named_as_such()
    {
        foreach (var name in new[] { "2 / size, int size", "(1 / size) * 2, int size", "2 / rows, int" })
        {
            var item = FunctionGrader.MseDerivative(WrongMse[name], new Random(1), Limit(name))["mse_derivative"];

            Assert.Equal(Mistake.IntegerDivision, item.Mistake);
        }
    }

    /// <summary>Grades one case; an endless loop spins only while it is graded.</summary>
    private static GradingReport Grade(string name, Func<GradingReport> grade)
    {
        _spinning = name == "endless loop";
        try
        {
            return grade();
        }
        finally
        {
            _spinning = false;
        }
    }
}
