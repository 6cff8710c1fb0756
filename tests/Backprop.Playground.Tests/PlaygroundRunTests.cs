using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Playground.Tests;

public class PlaygroundRunTests
{
    private static PlaygroundRun Start(PlaygroundSettings settings) => new(settings, TrainingData.Build(settings, Repository.BikesCsv));

    [Fact]
    public void The_default_is_the_original_and_its_first_epoch_loss_is_0_0736()
    {
        var run = Start(new PlaygroundSettings());
        Assert.Equal("3-2-2-1", run.Data.Shape);
        Assert.Equal(1, run.TrainEpochs(1));
        Assert.Equal(["Epoch 0, Loss: 0.0736"], run.LossLog);
    }

    [Fact]
    public void A_thousand_epochs_print_NumPys_ten_lines_in_any_chunks()
    {
        var run = Start(new PlaygroundSettings());
        foreach (var chunk in new[] { 1, 9, 10, 333, 647 })
        {
            run.TrainEpochs(chunk);
        }

        Assert.Equal(1000, run.Epoch);
        Assert.Equal(NumPyFixture.OriginalPrinted(), run.LossLog);
    }

    [Fact]
    public void Phase_steps_compute_what_the_library_computes_and_end_where_the_trainer_ends()
    {
        var run = Start(new PlaygroundSettings());
        run.TrainEpochs(3);
        var reference = run.Network.Clone();
        var forward = reference.Forward(run.Data.X);
        var gradients = reference.Backward(forward, run.Data.Y);

        var step = run.StepPhase()!;
        Assert.Equal(Phase.Forward, step.Last);
        Assert.Equal(forward.Prediction, step.Forward.Prediction);
        Assert.Null(step.Loss);

        step = run.StepPhase()!;
        Assert.Equal(Phase.Loss, step.Last);
        Assert.Equal(Loss.Mse(run.Data.Y, forward.Prediction), step.Loss);

        step = run.StepPhase()!;
        Assert.Equal(Phase.Backward, step.Last);
        for (var layer = 0; layer < reference.LayerCount; layer++)
        {
            Assert.Equal(gradients.Weights[layer], step.Gradients!.Weights[layer]);
            Assert.Equal(gradients.Biases[layer], step.Gradients.Biases[layer]);
        }

        Assert.Equal(3, run.Epoch);
        step = run.StepPhase()!;
        Assert.Equal(Phase.Update, step.Last);
        Assert.True(step.Done);
        Assert.Equal(4, run.Epoch);

        Trainer.Train(reference, run.Data.X, run.Data.Y, epochs: 1, learningRate: 0.01);
        for (var layer = 0; layer < reference.LayerCount; layer++)
        {
            Assert.Equal(reference.Weights[layer], run.Network.Weights[layer]);
            Assert.Equal(reference.Biases[layer], run.Network.Biases[layer]);
            Assert.Equal(step.WeightsBefore![layer] - (0.01 * step.Gradients!.Weights[layer]), run.Network.Weights[layer]);
        }

        Assert.Equal(Phase.Forward, run.StepPhase()!.Last); // the next click starts the next epoch
    }

    [Fact]
    public void A_learning_rate_change_applies_from_the_next_epoch_and_the_link_replays_it()
    {
        var run = Start(new PlaygroundSettings());
        run.TrainEpochs(150);
        run.ChangeLearningRate(0.1);
        run.TrainEpochs(150);

        var reference = RandomProblem.Original();
        var expected = Trainer.Train(reference.Network, reference.X, reference.Y, 150, 0.01)
            .Concat(Trainer.Train(reference.Network, reference.X, reference.Y, 150, 0.1)).ToArray();
        Assert.Equal(expected, run.Losses);
        Assert.Equal([new LearningRateChange(0, 0.01), new LearningRateChange(150, 0.1)], run.Settings.LearningRates);

        var (settings, problems) = PlaygroundLink.Parse(PlaygroundLink.ToQuery(run.Settings));
        Assert.Empty(problems);
        var replayed = Start(settings);
        replayed.TrainTo(settings.Epoch);
        Assert.Equal(300, replayed.Epoch);
        Assert.Equal(run.Losses, replayed.Losses);
        Assert.Equal(run.Network.Weights, replayed.Network.Weights);
    }

    [Fact]
    public void A_bad_learning_rate_gets_the_librarys_message_and_changes_nothing()
    {
        var run = Start(new PlaygroundSettings());
        var library = Assert.Throws<InvalidInputException>(() => Trainer.Train(RandomProblem.Original().Network, run.Data.X, run.Data.Y, 1, -1));
        var error = Assert.Throws<InvalidInputException>(() => run.ChangeLearningRate(-1));
        Assert.Equal(library.Message, error.Message);
        Assert.Equal(0.01, run.Settings.LearningRate);
    }

    [Fact]
    public void A_learning_rate_of_5_diverges_with_the_librarys_message_and_epoch()
    {
        var run = Start(new PlaygroundSettings { LearningRates = [new(0, 5)] });
        while (run.Divergence is null && run.Epoch < 10_000)
        {
            run.TrainEpochs(7); // chunks, as Play trains them
        }

        var reference = RandomProblem.Original();
        var diverged = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(reference.Network, reference.X, reference.Y, 10_000, 5));
        Assert.Equal(diverged.Message, run.Divergence);
        Assert.Contains($"Training diverged at epoch {diverged.Epoch}", run.Divergence, StringComparison.Ordinal);
        Assert.Equal(diverged.Losses, run.Losses.Take(diverged.Losses.Count));
        Assert.Equal(0, run.TrainEpochs(10)); // the run has stopped
        var (link, _) = PlaygroundLink.Parse(PlaygroundLink.ToQuery(run.Settings));
        var replayed = Start(link);
        replayed.TrainTo(link.Epoch);
        Assert.Equal(run.Divergence, replayed.Divergence);
        Assert.Null(run.StepPhase());
    }

    [Fact]
    public void Phase_steps_diverge_with_the_same_message_as_epochs()
    {
        var byEpochs = Start(new PlaygroundSettings { LearningRates = [new(0, 5)] });
        byEpochs.TrainEpochs(1000);
        var byPhases = Start(new PlaygroundSettings { LearningRates = [new(0, 5)] });
        for (var click = 0; click < 4000 && byPhases.Divergence is null; click++)
        {
            byPhases.StepPhase();
        }

        Assert.NotNull(byEpochs.Divergence);
        Assert.Equal(byEpochs.Divergence, byPhases.Divergence);
    }

    [Fact]
    public void A_layer_killed_by_big_steps_is_announced_as_lesson_3_shows()
    {
        var run = Start(new PlaygroundSettings { LearningRates = [new(0, 0.3)] });
        Assert.Empty(run.DeadLayers());
        run.TrainEpochs(1000);
        Assert.Equal([PlaygroundRun.DeadLayerMessage(2, 2)], run.DeadLayers());
        Assert.StartsWith("Layer 2 is dead: all 2 of its units are off (z ≤ 0) for every sample", run.DeadLayers()[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_gradients_gives_the_librarys_verdicts()
    {
        var run = Start(new PlaygroundSettings());
        run.TrainEpochs(10);
        var result = run.CheckGradients();
        var library = GradientCheck.Run(run.Network, run.Data.X, run.Data.Y);
        Assert.Equal(library.Summary, result.Summary);
        Assert.Equal(run.Network.ParameterCount, result.Entries.Count);
        Assert.True(result.Passed);
    }

    [Theory]
    [InlineData(DataSource.Sine)]
    [InlineData(DataSource.Absolute)]
    [InlineData(DataSource.Step)]
    public void A_1D_function_is_fitted_on_lesson_3s_points(DataSource source)
    {
        var settings = new PlaygroundSettings { Data = source, HiddenLayers = [8, 8], Initialization = Initialization.He };
        var run = Start(settings);
        Assert.Equal("1-8-8-1", run.Data.Shape);
        Assert.Equal(25, run.Data.X.RowCount);
        Assert.Equal(-3, run.Data.X[0, 0]);
        Assert.Equal(3, run.Data.X[24, 0]);
        Assert.Equal(run.Data.X.Map(run.Data.Function!), run.Data.Y);
        var expected = Network.Create([1, 8, 8, 1], new NumPyRandom(0), Initialization.He);
        Assert.Equal(expected.Weights, run.Network.Weights);
        run.TrainEpochs(2000);
        Assert.True(run.Losses[^1] < run.Losses[0] / 4, $"the fit should improve: {run.Losses[0]} → {run.Losses[^1]}");
    }

    [Fact]
    public void The_bikes_are_standardized_as_lesson_3_does()
    {
        var run = Start(new PlaygroundSettings { Data = DataSource.Bikes, HiddenLayers = [16, 16], Initialization = Initialization.He });
        var data = Files.CsvDataset.Load(Path.Combine(Repository.Root, "data", "bike_rentals.csv"), "rentals");
        Assert.Equal("4-16-16-1", run.Data.Shape);
        Assert.Equal(Standardization.Fit(data.Features).Apply(data.Features), run.Data.X);
        Assert.Equal(Standardization.Fit(data.Targets).Apply(data.Targets), run.Data.Y);
        Assert.Equal(["temperature_c", "humidity_pct", "wind_kmh", "daylight_min", "rentals"], run.Data.Columns);
        Assert.Equal("rentals", run.Settings.Target);
    }

    [Fact]
    public void The_target_picker_chooses_the_column_and_the_others_are_features()
    {
        var run = Start(new PlaygroundSettings { Data = DataSource.Bikes, Target = "temperature_c" });
        Assert.Equal("temperature_c", run.Data.TargetName);
        Assert.Equal(["humidity_pct", "wind_kmh", "daylight_min", "rentals"], run.Data.FeatureNames);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,x\n")]
    [InlineData("a;b\n1;2\n")]
    [InlineData("a,b\n1,2\n3\n")]
    [InlineData("")]
    [InlineData("a,b\n1,inf\n")]
    public void A_bad_csv_gets_the_console_programs_message(string text)
    {
        var folder = Directory.CreateTempSubdirectory("playground-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "mine.csv");
            File.WriteAllText(path, text);
            var console = Assert.Throws<InvalidInputException>(() => Files.CsvDataset.Load(path, "b"));
            var settings = new PlaygroundSettings { Data = DataSource.Csv, CsvName = "mine.csv", CsvText = text, Target = "b" };
            var page = Assert.Throws<InvalidInputException>(() => TrainingData.Build(settings));
            Assert.Equal(console.Message, page.Message);
            Assert.StartsWith("mine.csv ", page.Message, StringComparison.Ordinal);
            var upload = Assert.Throws<InvalidInputException>(() => TrainingData.ReadUpload("mine.csv", System.Text.Encoding.UTF8.GetBytes(text)));
            Assert.Equal(console.Message, upload.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_upload_in_a_windows_code_page_gets_the_console_programs_message()
    {
        byte[] cp1252 = [.. "temp,rentals\n"u8, 0xB0, (byte)'5', (byte)',', (byte)'3', (byte)'\n'];
        var error = Assert.Throws<InvalidInputException>(() => TrainingData.ReadUpload("week.csv", cp1252));
        Assert.Equal("week.csv is not UTF-8 text (it may be in a Windows code page such as cp1252): save it as CSV in UTF-8.", error.Message);
    }

    [Fact]
    public void A_good_pasted_csv_trains_with_its_last_column_as_the_default_target()
    {
        var text = "x1,x2,y\n0,1,1\n1,0,2\n1,1,3\n2,2,6\n";
        var run = Start(new PlaygroundSettings { Data = DataSource.Csv, CsvText = text });
        Assert.Equal("y", run.Settings.Target);
        Assert.Equal("2-2-2-1", run.Data.Shape);
        run.TrainEpochs(100);
        Assert.True(run.Losses[^1] < run.Losses[0]);
    }
}
