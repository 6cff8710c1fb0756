namespace Backprop.Playground.Tests;

public class GradientPathsTests
{
    public static TheoryData<string> Networks => ["original", "original trained", "1-8-8-1 sin", "3-4-3-2", "4-1 linear", "2-3-1", "3-2-2-2-1 He"];

    private static (Network Network, MathNet.Numerics.LinearAlgebra.Matrix<double> X, MathNet.Numerics.LinearAlgebra.Matrix<double> Y) Case(string name)
    {
        switch (name)
        {
            case "original":
                var original = RandomProblem.Original();
                return (original.Network, original.X, original.Y);
            case "original trained":
                var trained = RandomProblem.Original();
                Trainer.Train(trained.Network, trained.X, trained.Y, 300, 0.1);
                return (trained.Network, trained.X, trained.Y);
            case "1-8-8-1 sin":
                var data = TrainingData.Build(new PlaygroundSettings { Data = DataSource.Sine, HiddenLayers = [8, 8], Initialization = Initialization.He });
                return (data.Network, data.X, data.Y);
            default:
                var layers = name.Split(' ')[0].Split('-').Select(int.Parse).ToArray();
                var problem = RandomProblem.Draw(layers, samples: 7, seed: 3, name.EndsWith("He", StringComparison.Ordinal) ? Initialization.He : Initialization.Randn);
                return (problem.Network, problem.X, problem.Y);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_parameters_path_sum_equals_Network_Backward(string name)
    {
        var (network, X, y) = Case(name);
        var backward = network.Backward(network.Forward(X), y);
        var names = GradientPaths.ParameterNames(network);
        Assert.Equal(network.ParameterCount, names.Count);
        foreach (var parameter in names)
        {
            var sum = GradientPaths.Sum(network, X, y, parameter);
            var expected = Value(backward, parameter);
            Assert.Equal(expected, sum.Backward);
            Assert.True(Math.Abs(sum.Sum - expected) <= 1e-12, $"{name} {parameter}: paths add up to {sum.Sum:R}, Backward says {expected:R}");
        }
    }

    [Fact]
    public void W1_0_0_of_the_original_has_lesson_2s_twenty_paths_and_factors()
    {
        var problem = RandomProblem.Original();
        var forward = problem.Network.Forward(problem.X);
        var sum = GradientPaths.Sum(problem.Network, problem.X, problem.Y, "W1[0,0]");
        Assert.Equal(20, sum.PathCount);              // 10 samples × 2 units of layer 2 × 1 output
        Assert.Equal(20, sum.Paths.Count);
        var first = sum.Paths[0];
        Assert.Equal(["X[0,0]", "relu'(z1[0,0])", "W2[0,0]", "relu'(z2[0,0])", "W3[0,0]", "dL_dy[0,0]"], first.Factors.Select(f => f.Name));
        var dL_dy = Loss.MseDerivative(problem.Y, forward.Prediction);
        Assert.Equal([problem.X[0, 0], 1.0, problem.Network.Weights[1][0, 0], 1.0, problem.Network.Weights[2][0, 0], dL_dy[0, 0]], first.Factors.Select(f => f.Value));
        Assert.Equal(["X[0,0]", "relu'(z1[0,0])", "W2[0,1]", "relu'(z2[0,1])", "W3[1,0]", "dL_dy[0,0]"], sum.Paths[1].Factors.Select(f => f.Name));
        // Lesson 2: unit 1 of layer 2 is off for samples 1, 2, 3, 7, 8 and 9, so their paths through it add 0.
        Assert.Equal([1, 2, 3, 7, 8, 9], sum.Paths.Where(path => path.Off).Select(path => path.Sample));
    }

    [Fact]
    public void Too_many_paths_are_refused_with_a_message()
    {
        var problem = RandomProblem.Draw([3, 16, 16, 16, 16, 16, 16, 1], samples: 10, seed: 0, Initialization.He);
        Assert.Equal(10L * 16 * 16 * 16 * 16 * 16, GradientPaths.CountPaths(problem.Network, 10, "W1[0,0]"));
        var error = Assert.Throws<InvalidInputException>(() => GradientPaths.Sum(problem.Network, problem.X, problem.Y, "W1[0,0]"));
        Assert.Contains("10485760 paths", error.Message, StringComparison.Ordinal);
        var nearer = GradientPaths.Sum(problem.Network, problem.X, problem.Y, "W3[0,0]");  // 10 × 16³ = 40960 paths
        Assert.Equal(40960, nearer.PathCount);
    }

    [Theory]
    [InlineData("W4[0,0]")]
    [InlineData("W1[3,0]")]
    [InlineData("b1[0,0]")]
    [InlineData("W1[0]")]
    [InlineData("x")]
    public void A_name_that_is_no_parameter_is_refused(string parameter)
    {
        var problem = RandomProblem.Original();
        var error = Assert.Throws<InvalidInputException>(() => GradientPaths.Sum(problem.Network, problem.X, problem.Y, parameter));
        Assert.Equal($"'{parameter}' is not a parameter of this 3-2-2-1 network: name a weight as W1[0,0] or a bias as b1[0].", error.Message);
    }

    private static double Value(Gradients gradients, string parameter)
    {
        var layer = parameter[1] - '1';
        var indices = parameter[(parameter.IndexOf('[', StringComparison.Ordinal) + 1)..^1].Split(',').Select(int.Parse).ToArray();
        return parameter[0] == 'W' ? gradients.Weights[layer][indices[0], indices[1]] : gradients.Biases[layer][indices[0]];
    }
}
