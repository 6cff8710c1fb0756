using System.Text;
using Backprop.Files;

namespace Backprop.Tests;

public class ModelFileTests
{
    [Fact]
    public void Round_trip_gives_back_the_same_bits()
    {
        var random = new NumPyRandom(3);
        var network = Network.Create([4, 7, 3, 2], random, Initialization.He);
        Trainer.Train(network, random.Rand(20, 4), random.Rand(20, 2), 50, 0.05);
        using var folder = new TemporaryFolder();
        var path = folder.File("model.json");

        ModelFile.Save(network, path);
        var loaded = ModelFile.Load(path);

        Assert.Equal(network.LayerSizes, loaded.LayerSizes);
        for (var i = 0; i < network.LayerCount; i++)
        {
            Assert.Equal(network.Weights[i].ToRowMajorArray().Select(BitConverter.DoubleToInt64Bits), loaded.Weights[i].ToRowMajorArray().Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(network.Biases[i].Select(BitConverter.DoubleToInt64Bits), loaded.Biases[i].Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void A_diverged_network_is_refused_with_one_line_and_the_old_file_is_kept()
    {
        // A weight written straight into the matrix, as a diverged run can leave one (the library does not track such writes).
        var (network, _, _) = RandomProblem.Original();
        network.Weights[1][0, 1] = double.PositiveInfinity;
        using var folder = new TemporaryFolder();
        var path = folder.Write("model.json", "old");

        var error = Assert.Throws<InvalidInputException>(() => ModelFile.Save(network, path));

        Assert.Contains("NaN or infinite", error.Message);
        Assert.Contains("smaller learning rate", error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Throws<InvalidInputException>(() => ModelFile.Write(network, new MemoryStream()));
    }

    [Fact]
    public void Writes_the_documented_format()
    {
        var network = Network.Create([2, 1], new NumPyRandom(0));
        using var stream = new MemoryStream();

        ModelFile.Write(network, stream);

        var expected = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{{\"layers\":[2,1],\"weights\":[[[{network.Weights[0][0, 0]:R}],[{network.Weights[0][1, 0]:R}]]],\"biases\":[[0]]}}");
        Assert.Equal(expected, Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Theory]
    [InlineData("", "not complete, valid JSON")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2]]],\"biases\":[[0]", "not complete, valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"weights\":[],\"biases\":[]}", "no \"layers\" array")]
    [InlineData("{\"layers\":[2,1],\"biases\":[[0]]}", "no \"weights\" array")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2]]]}", "no \"biases\" array")]
    [InlineData("{\"layers\":[2],\"weights\":[],\"biases\":[]}", "layers 2 has fewer than two layers")]
    [InlineData("{\"layers\":[2,1.5],\"weights\":[[[1],[2]]],\"biases\":[[0]]}", "whole numbers")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2]]],\"biases\":[[0],[0]]}", "1 weight matrices but 2 biases")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2]],[[1]]],\"biases\":[[0],[0]]}", "needs 1 weight matrices, but it has 2")]
    [InlineData("{\"layers\":[3,1],\"weights\":[[[1],[2]]],\"biases\":[[0]]}", "layers says 3,1 but the weights have shapes for 2,1")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2,3]]],\"biases\":[[0]]}", "different lengths")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[\"x\"]]],\"biases\":[[0]]}", "not a finite number")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2]]],\"biases\":[[0,0]]}", "b1 has 2 values but W1 has 1 columns")]
    [InlineData("{\"layers\":[2,2,1],\"weights\":[[[1,1],[2,2]],[[1],[1],[1]]],\"biases\":[[0,0],[0]]}", "W2 has 3 rows but layer 2 has 2 units")]
    [InlineData("{\"layers\":[2,1],\"layers\":[3,1],\"weights\":[[[1],[2]]],\"biases\":[[0]]}", "it gives \"layers\" twice")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2]]],\"biases\":[[0]],\"trainedOn\":{\"seed\":-1,\"samples\":10}}", "trainedOn must hold a seed")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2]]],\"biases\":[[0]],\"trainedOn\":{\"seed\":\"0\",\"samples\":10}}", "trainedOn must hold a seed")]
    [InlineData("{\"layers\":[2,1],\"weights\":[[[1],[2]]],\"biases\":[[0]],\"trainedOn\":{\"seed\":0,\"samples\":0}}", "number of samples of 1 or more")]
    public void Rejects_malformed_truncated_or_misshaped_files(string json, string problem)
    {
        var error = Assert.Throws<InvalidInputException>(() => ModelFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "model.json"));

        Assert.Contains(problem, error.Message);
        Assert.StartsWith("Cannot load model.json", error.Message);
    }

    [Fact]
    public void A_failed_save_leaves_the_earlier_file_and_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("model.json", "earlier");
        var network = Network.Create([2, 1], new NumPyRandom(0));

        Assert.Throws<InvalidOperationException>(() =>
            AtomicFile.Write(path, stream =>
            {
                ModelFile.Write(network, stream);
                throw new InvalidOperationException("the disk filled up half way");
            }));

        Assert.Equal("earlier", File.ReadAllText(path));
        Assert.Equal(["model.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_without_trained_on_data_loads_and_one_with_it_gives_it_back()
    {
        using var folder = new TemporaryFolder();
        var old = folder.Write("old.json", "{\"layers\":[2,1],\"weights\":[[[1],[2]]],\"biases\":[[0]]}");
        var path = folder.File("new.json");

        var (network, none, noColumns) = ModelFile.LoadWithData(old);
        ModelFile.Save(network, path, new RandomData(Seed: 4294967295, Samples: 3));

        Assert.Null(none);
        Assert.Null(noColumns);
        Assert.Equal(new RandomData(4294967295, 3), ModelFile.LoadWithData(path).TrainedOn);
    }

    [Fact]
    public void The_columns_a_model_was_trained_on_are_saved_and_loaded_back()
    {
        using var folder = new TemporaryFolder();
        var network = Network.Create([2, 1], new NumPyRandom(0));
        var path = folder.File("m.json");

        ModelFile.Save(network, path, columns: new ModelColumns(["temp", "humidity"], "rides"));
        var loaded = ModelFile.LoadWithData(path);

        Assert.Contains("\"columns\":{\"features\":[\"temp\",\"humidity\"],\"target\":\"rides\"}", File.ReadAllText(path));
        Assert.Equal(["temp", "humidity"], loaded.Columns!.Features);
        Assert.Equal("rides", loaded.Columns.Target);
        Assert.Null(loaded.TrainedOn);
    }

    [Theory]
    [InlineData("{\"features\":[\"a\"],\"target\":\"y\"}")]           // one name for two inputs
    [InlineData("{\"features\":[\"a\",\"a\"],\"target\":\"y\"}")]     // a name twice
    [InlineData("{\"features\":[\"a\",\"y\"],\"target\":\"y\"}")]     // the target among the features
    [InlineData("{\"features\":[\"a\",1],\"target\":\"y\"}")]         // not a name
    [InlineData("{\"features\":[\"a\",\"b\"]}")]                      // no target
    [InlineData("[\"a\",\"b\"]")]
    public void Columns_that_do_not_fit_the_model_are_a_broken_file(string columns)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("m.json", "{\"layers\":[2,1],\"weights\":[[[1],[2]]],\"biases\":[[0]],\"columns\":" + columns + "}");

        var error = Assert.Throws<InvalidInputException>(() => ModelFile.LoadWithData(path));

        Assert.StartsWith("Cannot load m.json: columns must hold \"features\", 2 different names (one per input), and a \"target\" name.", error.Message, StringComparison.Ordinal);
    }
}
