using Backprop.Grading;

namespace Backprop.Tests.Grading;

public class BackwardTraceTests
{
    [Fact]
    public void The_trace_has_NumPys_intermediates_and_the_networks_gradients()
    {
        var fixture = NumPyFixtures.Load("one_step.json");
        var problem = RandomProblem.Original();
        var forward = problem.Network.Forward(problem.X);

        var trace = BackwardTrace.Of(problem.Network, forward, problem.Y);
        var gradients = problem.Network.Backward(forward, problem.Y);

        Close.Equal(NumPyFixtures.Matrix(fixture.GetProperty("dL_dy")), trace.dL_dy, 1e-12, "dL_dy");
        var dz = fixture.GetProperty("dz").EnumerateArray().Select(NumPyFixtures.Matrix).ToArray();
        Assert.Equal(dz.Length, trace.dL_dz.Count);
        for (var i = 0; i < dz.Length; i++)
        {
            Close.Equal(dz[i], trace.dL_dz[i], 1e-12, $"dL_dz{i + 1}");
            Assert.Equal(gradients.Weights[i], trace.dL_dW[i]);
            Assert.Equal(gradients.Biases[i], trace.dL_db[i]);
        }

        for (var i = 0; i < trace.dL_da.Count; i++)
        {
            Close.Equal(dz[i + 1] * problem.Network.Weights[i + 1].Transpose(), trace.dL_da[i], 1e-12, $"dL_da{i + 1}");
        }
    }

    [Fact]
    public void Targets_that_do_not_fit_get_the_networks_message()
    {
        var problem = RandomProblem.Original();
        var forward = problem.Network.Forward(problem.X);

        var error = Assert.Throws<InvalidInputException>(() => BackwardTrace.Of(problem.Network, forward, problem.Y.SubMatrix(0, 9, 0, 1)));
        Assert.Equal("X has 10 rows but y has 9: give one target row per sample.", error.Message);
    }
}
