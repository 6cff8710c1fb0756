using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

/// <summary>The safe runner every grader calls the student's code through.</summary>
public class StudentCodeTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(0.3);

    private static StudentRun<T> Run<T>(Delegate function, Func<T> call, TimeSpan? limit = null) =>
        StudentCode.Run("f", function, call, ShapeNames.None, limit ?? TimeSpan.FromSeconds(30));

    private static StudentRun<T> Run<T>(Func<T> function, TimeSpan? limit = null) => Run(function, function, limit);

    [Fact]
    public void A_result_comes_back_from_a_background_thread()
    {
        var run = Run(() => (Thread.CurrentThread.IsBackground, Thread.CurrentThread.ManagedThreadId));

        Assert.True(run.Returned);
        Assert.True(run.Result.IsBackground);
        Assert.NotEqual(Environment.CurrentManagedThreadId, run.Result.ManagedThreadId);
    }

    [Fact]
    public void An_endless_loop_is_reported_after_the_time_limit_and_the_runner_returns()
    {
        using var stop = new CancellationTokenSource();
        Func<int> loop = () =>
        {
            while (!stop.IsCancellationRequested)
            {
            }

            return 1;
        };

        try
        {
            var started = DateTime.UtcNow;
            var run = Run(loop, Short);

            Assert.False(run.Returned);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
            Assert.Equal(Mistake.TimedOut, run.Failure.Mistake);
            Assert.StartsWith("✘ f did not finish in 0.3 s: an endless loop?", run.Failure.Message);
            Assert.Contains("restart the kernel", run.Failure.Message);
            Assert.Throws<InvalidOperationException>(() => run.Result);
        }
        finally
        {
            stop.Cancel();  // the thread .NET cannot abort ends here
        }
    }

    [Fact]
    public void A_stray_loop_is_left_at_the_lowest_priority()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test reads the thread's nice value from /proc (Linux)");
        using var stop = new CancellationTokenSource();
        var threadId = 0;
        Func<int> loop = () =>
        {
            threadId = GetThreadId();
            while (!stop.IsCancellationRequested)
            {
            }

            return 1;
        };

        try
        {
            Assert.Equal(Mistake.TimedOut, Run(loop, Short).Failure!.Mistake);

            var stat = File.ReadAllText($"/proc/self/task/{threadId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            Assert.Equal("19", fields[16]);  // field 19 of stat, nice, counted after the name
        }
        finally
        {
            stop.Cancel();
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [Fact]
    public void The_public_time_limit_is_a_few_seconds()
    {
        Assert.InRange(StudentCode.TimeLimit.TotalSeconds, 2, 10);
        Assert.True(StudentCode.StackSize >= 1024 * 1024);
    }

    [Fact]
    public void An_exception_is_one_line_with_its_type_and_message()
    {
        var run = Run<int>(() => throw new InvalidOperationException("first line\n   at Some.Frame()"));

        Assert.Equal(Mistake.Threw, run.Failure!.Mistake);
        Assert.Equal("✘ f threw InvalidOperationException: first line", run.Failure.Message);
    }

    [Fact]
    public void Not_implemented_is_not_done_yet()
    {
        var run = Run<int>(() => throw new NotImplementedException());

        Assert.Equal(Mistake.NotDone, run.Failure!.Mistake);
        Assert.StartsWith("○ f: not done yet", run.Failure.Message);
    }

    [Fact]
    public void An_exception_inside_a_reflection_call_is_told_as_the_students_own()
    {
        Func<int> inner = () => throw new DivideByZeroException();
        var run = Run(inner, () => (int)inner.DynamicInvoke()!);

        Assert.Equal("✘ f threw DivideByZeroException: Attempted to divide by zero.", run.Failure!.Message);
    }

    [Fact]
    public void A_shape_error_names_the_operands_and_the_missing_transpose()
    {
        var dL_dy = Matrix<double>.Build.Dense(10, 1);
        var W3 = Matrix<double>.Build.Dense(3, 1);
        var names = ShapeNames.None.Operand("dL_dy", dL_dy).Operand("W3", W3).Operand("dL_da2", 10, 3)
            .Product("dL_da2 = dL_dy @ W3.T", "dL_dy", false, "W3", true);
        Func<Matrix<double>> backward = () => dL_dy * W3;

        var run = StudentCode.Run("LayersTwoAndOne", backward, backward, names, TimeSpan.FromSeconds(30));

        Assert.Equal(Mistake.WrongShape, run.Failure!.Mistake);
        Assert.Equal(
            "✘ LayersTwoAndOne stopped with a shape error: dL_dy (10×1) * W3 (3×1) don't fit: did you mean dL_dy * W3.Transpose()? (dL_da2 = dL_dy @ W3.T)",
            run.Failure.Message);
    }

    [Theory]
    [InlineData("+", "a 10×1 matrix + a 3×1 matrix don't fit: + needs two matrices of the same shape")]
    [InlineData("-", "a 10×1 matrix - a 1×10 matrix don't fit: - needs two matrices of the same shape; did you mean the 1×10 matrix.Transpose()?")]
    [InlineData("pointwise", "a 10×1 matrix .PointwiseMultiply a 3×1 matrix don't fit: .PointwiseMultiply needs two matrices of the same shape")]
    [InlineData("*", "a 10×1 matrix * a 3×1 matrix don't fit: did you mean the 3×1 matrix.Transpose()? A product needs as many columns on the left as rows on the right")]
    public void Shape_errors_without_names_still_say_the_operation_and_both_shapes(string operation, string expected)
    {
        var a = Matrix<double>.Build.Dense(10, 1);
        var b = Matrix<double>.Build.Dense(3, 1);
        Func<Matrix<double>> student = operation switch
        {
            "+" => () => a + b,
            "-" => () => a - a.Transpose(),
            "pointwise" => () => a.PointwiseMultiply(b),
            _ => () => a * b,
        };

        var run = Run(student);

        Assert.Equal($"✘ f stopped with a shape error: {expected}", run.Failure!.Message);
    }

    [Fact]
    public void A_function_that_calls_itself_is_not_run_and_the_cycle_is_named()
    {
        var calls = 0;
        int countdown(int n)
        {
            calls++;
            return n <= 0 ? 0 : countdown(n - 1);
        }

        var run = Run(countdown, () => countdown(3));

        Assert.Equal(0, calls);
        Assert.Equal(Mistake.Recursion, run.Failure!.Mistake);
        Assert.StartsWith("✘ f was not run: it can call itself (countdown → countdown), and a recursion that never stops would end the kernel", run.Failure.Message);
    }

    [Fact]
    public void A_cycle_through_a_helper_and_a_lambda_is_found()
    {
        var run = Run<Matrix<double>>(Outer, () => Outer(Matrix<double>.Build.Dense(1, 1)));

        Assert.Equal(Mistake.Recursion, run.Failure!.Mistake);
        Assert.Contains("(Outer → a lambda in Outer → Outer)", run.Failure.Message);
    }

    [Fact]
    public void Environment_exit_and_fail_fast_are_refused_before_running()
    {
        Func<int, int> exits = n =>
        {
            if (n > 100)
            {
                Environment.Exit(2);
            }

            return n;
        };
        Func<int, int> failsFast = n =>
        {
            if (n > 100)
            {
                Helper(n);
            }

            return n;
        };

        var exit = Run(exits, () => exits(1));
        var failFast = Run(failsFast, () => failsFast(1));

        Assert.Equal(Mistake.EndsTheKernel, exit.Failure!.Mistake);
        Assert.Contains("calls Environment.Exit, which would end the kernel", exit.Failure.Message);
        Assert.Equal(Mistake.EndsTheKernel, failFast.Failure!.Mistake);
        Assert.Contains("Helper calls Environment.FailFast", failFast.Failure.Message);

        static void Helper(int n) => Environment.FailFast($"{n}");
    }

    [Fact]
    public void Ordinary_code_with_lambdas_loops_and_library_calls_runs()
    {
        Func<Matrix<double>, Matrix<double>> student = x =>
        {
            var result = x.Map(v => v > 0 ? 1.0 : 0.0);
            for (var i = 0; i < 3; i++)
            {
                result = result.PointwiseMaximum(Activation.ReluDerivative(x));
            }

            return result.Transpose().Transpose();
        };

        var run = Run(student, () => student(Matrix<double>.Build.Dense(2, 2, 1.0)));

        Assert.True(run.Returned, run.Failure?.Message);
        Assert.Equal(4, run.Result!.Enumerate().Sum());
    }

    [Fact]
    public void A_compiled_expression_whose_code_cannot_be_read_still_runs()
    {
        var x = System.Linq.Expressions.Expression.Parameter(typeof(int), "x");
        var twice = System.Linq.Expressions.Expression.Lambda<Func<int, int>>(System.Linq.Expressions.Expression.Multiply(x, System.Linq.Expressions.Expression.Constant(2)), x).Compile();

        var run = Run(twice, () => twice(21));

        Assert.Equal(42, run.Result);
    }

    [Fact]
    public void The_callers_culture_reaches_the_students_code()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var run = Run(() => 1.5.ToString(System.Globalization.CultureInfo.CurrentCulture));

            Assert.Equal("1,5", run.Result);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    private static Matrix<double> Outer(Matrix<double> x) => Helper(x, y => Outer(y));

    private static Matrix<double> Helper(Matrix<double> x, Func<Matrix<double>, Matrix<double>> then) => x.RowCount > 5 ? then(x) : x;
}
