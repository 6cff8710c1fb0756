using Backprop.Files;
namespace Backprop.Tests.Fuzz;

/// <summary>Save and load on generated networks: the same bits come back, and so does the same training.</summary>
public class RoundTripPropertyTests
{
    [Fact]
    public void Two_hundred_generated_networks_round_trip_bit_for_bit()
    {
        var shape = new Random(7);
        using var folder = new TemporaryFolder();
        var path = folder.File("model.json");

        for (var i = 0; i < 200; i++)
        {
            var layers = Enumerable.Range(0, shape.Next(2, 6)).Select(_ => shape.Next(1, 9)).ToArray();
            var random = new NumPyRandom((uint)shape.Next());
            var network = Network.Create(layers, random, shape.Next(2) == 0 ? Initialization.Randn : Initialization.He);
            var x = random.Randn(shape.Next(1, 20), layers[0]);
            var y = random.Randn(x.RowCount, layers[^1]);
            try
            {
                Trainer.Train(network, x, y, shape.Next(0, 20), 0.01);
            }
            catch (TrainingDivergedException)
            {
                continue;
            }

            ModelFile.Save(network, path);
            var loaded = ModelFile.Load(path);

            Assert.Equal(network.LayerSizes, loaded.LayerSizes);
            for (var layer = 0; layer < network.LayerCount; layer++)
            {
                Assert.Equal(Bits(network.Weights[layer].ToRowMajorArray()), Bits(loaded.Weights[layer].ToRowMajorArray()));
                Assert.Equal(Bits(network.Biases[layer].ToArray()), Bits(loaded.Biases[layer].ToArray()));
            }

            Assert.Equal(Trainer.Train(network, x, y, 5, 0.01), Trainer.Train(loaded, x, y, 5, 0.01));
        }
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
