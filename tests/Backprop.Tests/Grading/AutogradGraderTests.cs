using Backprop.Grading;

namespace Backprop.Tests.Grading;

/// <summary>Lesson 4's exercises, checked in the library.</summary>
public class AutogradGraderTests
{
    /// <summary>Lesson 4's answer, as its solution cell lists it (read off the picture of sample 1's graph).</summary>
    private static readonly string[] Solution = ["W1[0,1]", "W1[1,1]", "W1[2,1]", "b1[1]", "W2[1,0]", "W2[1,1]", "W2[0,1]", "b2[1]", "W3[1,0]"];

    private static volatile bool _spinning;

    [Fact]
    public void The_lessons_solution_passes_in_any_order_case_and_spacing()
    {
        Assert.True(Exercise.CheckZeroGradients(Solution).Passed, Exercise.CheckZeroGradients(Solution).ToString());
        var typed = Solution.Reverse().Select(name => " " + name.ToLowerInvariant().Replace(",", ", ", StringComparison.Ordinal) + " ").ToArray();

        Assert.True(Exercise.CheckZeroGradients(typed).Passed, Exercise.CheckZeroGradients(typed).ToString());
    }

    [Fact]
    public void Missing_extra_and_unknown_names_each_get_their_line()
    {
        var report = Exercise.CheckZeroGradients([.. Solution.Skip(1), "W1[0,0]", "W1(0,2)", "W4[0,0]"]);

        Assert.Equal("✘ not parameters of this network: \"W1(0,2)\", \"W4[0,0]\"; write them as the picture does: W1[0,1], b2[0]", report["names"].Message);
        Assert.StartsWith("✘ 1 zero gradient is missing", report["every zero"].Message);
        Assert.StartsWith("✘ these have a gradient: W1[0,0];", report["only zeros"].Message);
    }

    [Fact]
    public void An_empty_list_is_not_done_yet()
    {
        Assert.Equal(Mistake.NotDone, Assert.Single(Exercise.CheckZeroGradients([]).Items).Mistake);
        Assert.Equal(Mistake.NotDone, Assert.Single(Exercise.CheckZeroGradients([" ", ""]).Items).Mistake);
    }

    private static GradingReport Leaky(Delegate? student, int seed = 1, double seconds = 30) =>
        AutogradGrader.LeakyRelu(student, new Random(seed), TimeSpan.FromSeconds(seconds));

    public static TheoryData<string> RightLeakies => ["0.01 z + 0.99 relu(z)", "relu(z) - 0.01 relu(-z)", "branch on z.Data"];

    private static Value? RightLeaky(string name, Value z) => name switch
    {
        "0.01 z + 0.99 relu(z)" => (0.01 * z) + (0.99 * z.Relu()),
        "relu(z) - 0.01 relu(-z)" => z.Relu() - (0.01 * (-1 * z).Relu()),
        _ => z.Data > 0 ? z : 0.01 * z,
    };

    [Theory]
    [MemberData(nameof(RightLeakies))]
    public void Right_leaky_relus_pass(string name)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var report = Leaky((Func<Value, Value?>)(z => RightLeaky(name, z)), seed);

            Assert.True(report.Passed, report.ToString());
        }
    }

    public static TheoryData<string> WrongLeakies => ["relu(z)", "0.01 z", "z", "from z.Data", "0.1 below", "leaky above too"];

    private static Value? WrongLeaky(string name, Value z) => name switch
    {
        "relu(z)" => z.Relu(),
        "0.01 z" => 0.01 * z,
        "z" => z,
        "from z.Data" => new Value(z.Data > 0 ? z.Data : 0.01 * z.Data),
        "0.1 below" => (0.1 * z) + (0.9 * z.Relu()),
        _ => (0.01 * z) + (0.98 * z.Relu()),
    };

    [Theory]
    [MemberData(nameof(WrongLeakies))]
    public void Wrong_leaky_relus_fail(string name)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var report = Leaky((Func<Value, Value?>)(z => WrongLeaky(name, z)), seed);

            Assert.False(report.Passed, $"{name}:\n{report}");
        }
    }

    [Fact]
    public void Building_from_z_data_is_told_the_slope_is_lost()
    {
        Value? LeakyRelu(Value z) => new Value(z.Data > 0 ? z.Data : 0.01 * z.Data);

        var report = Leaky((Func<Value, Value?>)LeakyRelu);

        Assert.Matches(@"^✘ LeakyRelu\(\S+\) is right, but its slope dL/dz is 0, should be 1: build the output from z with Value's operations \(not from z\.Data\)", report["LeakyRelu(z > 0)"].Message);
        Assert.Matches(@"^✘ LeakyRelu\(\S+\) is right, but its slope dL/dz is 0, should be 0\.01 \(as above\)$", report["LeakyRelu(z < 0)"].Message);
    }

    [Fact]
    public void Null_throwing_looping_and_a_wrong_signature_are_one_line_each()
    {
        Value? NotYet(Value z) => null;
        Value? Todo(Value z) => throw new NotImplementedException();
        Value? Broken(Value z) => throw new InvalidCastException("no");
        double NotAValue(double z) => z;

        Assert.Equal("○ NotYet: not done yet; return a Value built from z with Relu, +, - and *", Leaky((Func<Value, Value?>)NotYet).ToString());
        Assert.Equal(Mistake.NotDone, Assert.Single(Leaky((Func<Value, Value?>)Todo).Items).Mistake);
        Assert.Equal("✘ Broken threw InvalidCastException: no", Leaky((Func<Value, Value?>)Broken).ToString());
        Assert.Equal(Mistake.WrongForm, Assert.Single(Leaky((Func<double, double>)NotAValue).Items).Mistake);
        Assert.Equal(Mistake.NotDone, Assert.Single(Leaky(null).Items).Mistake);

        _spinning = true;
        try
        {
            Value? Spins(Value z)
            {
                while (_spinning)
                {
                }

                return z;
            }

            Assert.Equal(Mistake.TimedOut, Assert.Single(Leaky((Func<Value, Value?>)Spins, seconds: 0.3).Items).Mistake);
        }
        finally
        {
            _spinning = false;
        }
    }

    /// <summary>A stand-in for lesson 4's Value (a micrograd-style number that remembers how it was computed), written for these tests.</summary>
    public sealed class Value
    {
        private readonly Value[] _inputs;
        private Action _backward = () => { };

        public Value(double data, string label = "")
            : this(data, [])
        {
            Label = label;
        }

        private Value(double data, Value[] inputs) => (Data, _inputs, Label) = (data, inputs, "");

        public double Data { get; }

        public double Grad { get; private set; }

        public string Label { get; }

        public static implicit operator Value(double constant) => new(constant);

        public static Value operator +(Value a, Value b)
        {
            var c = new Value(a.Data + b.Data, [a, b]);
            c._backward = () => { a.Grad += c.Grad; b.Grad += c.Grad; };
            return c;
        }

        public static Value operator -(Value a, Value b)
        {
            var c = new Value(a.Data - b.Data, [a, b]);
            c._backward = () => { a.Grad += c.Grad; b.Grad -= c.Grad; };
            return c;
        }

        public static Value operator *(Value a, Value b)
        {
            var c = new Value(a.Data * b.Data, [a, b]);
            c._backward = () => { a.Grad += b.Data * c.Grad; b.Grad += a.Data * c.Grad; };
            return c;
        }

        public Value Relu()
        {
            var c = new Value(Math.Max(0, Data), [this]);
            c._backward = () => Grad += (Data > 0 ? 1 : 0) * c.Grad;
            return c;
        }

        /// <summary>Fills in every Grad, last computed first (an explicit stack: no recursion).</summary>
        public void Backward()
        {
            var order = new List<Value>();
            var seen = new HashSet<Value>();
            var stack = new Stack<(Value Value, bool Expanded)>([(this, false)]);
            while (stack.Count > 0)
            {
                var (v, expanded) = stack.Pop();
                if (expanded)
                {
                    order.Add(v);
                    continue;
                }

                if (seen.Add(v))
                {
                    stack.Push((v, true));
                    foreach (var input in v._inputs)
                    {
                        stack.Push((input, false));
                    }
                }
            }

            foreach (var v in order)
            {
                v.Grad = 0;
            }

            Grad = 1;
            for (var i = order.Count - 1; i >= 0; i--)
            {
                order[i]._backward();
            }
        }
    }
}
