namespace Backprop.Playground.Tests;

public class PlaygroundLinkTests
{
    [Fact]
    public void Every_setting_survives_the_round_trip()
    {
        var settings = new PlaygroundSettings
        {
            Data = DataSource.Csv,
            HiddenLayers = [4, 3],
            Initialization = Initialization.He,
            Seed = 4294967295,
            LearningRates = [new(0, 0.01), new(150, 0.1), new(400, 1e-5)],
            EpochsPerSecond = 120,
            Target = "y & z",
            CsvName = "my data.csv",
            CsvText = "a,\"y & z\"\n1,2\n3,4\n",
            Epoch = 777,
            Sample = 3,
            Parameter = "W1[0,0]",
        };

        var query = PlaygroundLink.ToQuery(settings);
        Assert.StartsWith("?data=csv&layers=4%2C3&init=he&seed=4294967295&lr=0.01%2C0.1%40150%2C1E-05%40400", query, StringComparison.Ordinal);
        var (read, problems) = PlaygroundLink.Parse(query);
        Assert.Empty(problems);
        Assert.Equal(settings.HiddenLayers, read.HiddenLayers);
        Assert.Equal(settings.LearningRates, read.LearningRates);
        Assert.Equal(settings with { HiddenLayers = read.HiddenLayers, LearningRates = read.LearningRates }, read);
    }

    [Fact]
    public void An_empty_query_is_the_original()
    {
        var (settings, problems) = PlaygroundLink.Parse("");
        Assert.Empty(problems);
        Assert.Equal(DataSource.Random, settings.Data);
        Assert.Equal([2, 2], settings.HiddenLayers);
        Assert.Equal(0, settings.Seed);
        Assert.Equal(0.01, settings.LearningRate);
        Assert.Equal(Initialization.Randn, settings.Initialization);
    }

    [Theory]
    [InlineData("lr=-1", "The link's learning rates '-1' cannot be read: write them as 0.01 or 0.01,0.1@150 (rate@first epoch).")]
    [InlineData("lr=0.1@5", "The link's learning rates '0.1@5' cannot be read: write them as 0.01 or 0.01,0.1@150 (rate@first epoch).")]
    [InlineData("lr=0.1,0.2@5,0.3@5", "The link's learning rates '0.1,0.2@5,0.3@5' cannot be read: write them as 0.01 or 0.01,0.1@150 (rate@first epoch).")]
    [InlineData("seed=-3", "The link's seed '-3' is not a whole number from 0 to 4294967295.")]
    [InlineData("data=mnist", "The link's data 'mnist' is unknown: use one of random, sin, abs, step, bikes, csv.")]
    [InlineData("layers=2,0", "Layers '2,0': '0' is not a number of units from 1 to 16. Write the hidden layers' units separated by commas, like 2,2.")]
    [InlineData("layers=1,1,1,1,1,1,1", "Layers '1,1,1,1,1,1,1' has 7 hidden layers: the playground draws at most 6.")]
    [InlineData("epoch=1e9", "The link's epoch '1e9' is not a whole number from 0 to 1000000.")]
    public void A_value_that_cannot_be_read_keeps_its_default_and_is_named(string query, string problem)
    {
        var (settings, problems) = PlaygroundLink.Parse(query);
        Assert.Equal([problem], problems);
        Assert.Equal(new PlaygroundSettings().LearningRate, settings.LearningRate);
        Assert.Equal(0, settings.Epoch);
    }

    [Fact]
    public void Empty_layers_mean_no_hidden_layer()
    {
        Assert.Equal(([], null), PlaygroundLink.ParseLayers(" "));
        var data = TrainingData.Build(new PlaygroundSettings { HiddenLayers = [] });
        Assert.Equal("3-1", data.Shape);
    }

    [Fact]
    public void A_learning_rate_change_at_the_same_epoch_replaces_the_last_one()
    {
        var settings = new PlaygroundSettings().WithLearningRateFrom(10, 0.1).WithLearningRateFrom(10, 0.2).WithLearningRateFrom(20, 0.2);
        Assert.Equal([new LearningRateChange(0, 0.01), new LearningRateChange(10, 0.2)], settings.LearningRates);
        Assert.Equal(0.01, settings.LearningRateAt(9));
        Assert.Equal(0.2, settings.LearningRateAt(10));
        Assert.Equal([new LearningRateChange(0, 0.5)], new PlaygroundSettings().WithLearningRateFrom(0, 0.5).LearningRates);
    }

    [Fact]
    public void A_long_csv_is_left_out_of_the_link()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 2000));
        var query = PlaygroundLink.ToQuery(new PlaygroundSettings { Data = DataSource.Csv, CsvText = text });
        Assert.DoesNotContain("csv=", query, StringComparison.Ordinal);
    }
}
