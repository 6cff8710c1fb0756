using Backprop.Engine;

namespace Backprop.Tests.Engine;

/// <summary>After the first epoch the engine allocates nothing: every buffer belongs to the training run.</summary>
public class EngineAllocationTests
{
    [Theory]
    [InlineData("3,2,2,1", 10)]      // the seed workload
    [InlineData("3,16,16,1", 1000)]  // the mid workload: several chunks, on helper threads too
    [InlineData("5,7,3,2", 37)]
    public void Epochs_after_the_first_allocate_nothing(string layers, int samples)
    {
        var sizes = layers.Split(',').Select(int.Parse).ToArray();
        var (network, x, y) = ReadableTraining.Problem(sizes, samples, 0, Initialization.He);
        using var session = FastEngine.Default.Start(network, x, y, 0.01);
        Epoch(session);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var epoch = 0; epoch < 200; epoch++)
        {
            Epoch(session);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_training_run_allocates_the_same_whatever_its_length_but_the_loss_list()
    {
        var (network, x, y) = ReadableTraining.Problem([3, 2, 2, 1], 10, 0, Initialization.Randn);
        FastRun.Train(network.Clone(), x, y, 1010, 0.01); // warm up (JIT, statics)

        // The fewest bytes of three runs each: now and then the runtime allocates on this thread for itself (a CI run
        // under load once counted 248 bytes more in the short run), never fewer than the run's own.
        var shortRun = Enumerable.Range(0, 3).Min(_ => AllocatedBy(() => FastRun.Train(network.Clone(), x, y, 10, 0.01)));
        var longRun = Enumerable.Range(0, 3).Min(_ => AllocatedBy(() => FastRun.Train(network.Clone(), x, y, 1010, 0.01)));

        // The only difference: the returned list holds 1000 more losses (8 bytes each).
        Assert.Equal(1000 * sizeof(double), longRun - shortRun);
    }

    private static void Epoch(ITrainingSession session)
    {
        session.ComputeLossAndGradients();
        session.Update();
        Assert.True(session.ParametersAreFinite());
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
