// 03-experiments: generated from 03-experiments.ipynb by `dotnet run notebooks/lessons.cs -- twins`. Do not edit: edit the
// notebook, then run that command. The whole lesson without notebook tooling (.NET 10 SDK), from the repository root:
//
//     dotnet run notebooks/03-experiments.cs                   prints the lesson's lines, writes notebooks/out/03-experiments.ipynb and .html
//     dotnet run notebooks/03-experiments.cs -- --out FOLDER   writes them to FOLDER instead
//
// Standard output gets exactly what the lesson prints; standard error says where the lesson went.
// Each Lesson.Cell(n) line marks where cell n of the notebook starts.
#:project ../lib/Backprop.Notebooks/Backprop.Notebooks.csproj

using System.Globalization;
using Backprop;
using Backprop.Charts;
using Backprop.Files;
using Backprop.Notebooks;
using MathNet.Numerics.LinearAlgebra;
using static Backprop.Notebooks.Lesson;

Lesson.Start("03-experiments.ipynb", args);

Lesson.Cell(4);
var rng = new NumPyRandom(seed: 0);
var network = Network.Create([3, 2, 2, 1], rng, Initialization.Randn);
var X = rng.Rand(10, 3);  // 10 samples, 3 features
var y = rng.Rand(10, 1);  // 10 targets
display(network);

Lesson.Cell(6);
double[] learningRates = [0.001, 0.01, 0.1, 0.3, 2.0];
var sweep = new List<LossSeries>();
var trainedAt = new Dictionary<double, Network>();

foreach (var lr in learningRates)
{
    var copy = network.Clone();
    var losses = new List<double>();
    try
    {
        Trainer.Train(copy, X, y, epochs: 1000, learningRate: lr, onEpoch: (epoch, loss) => losses.Add(loss));
        Console.WriteLine($"lr = {lr}: loss {losses[0]:F4} at epoch 0, {losses[^1]:F4} at epoch 999");
        sweep.Add(new LossSeries($"lr = {lr}", losses));
    }
    catch (TrainingDivergedException diverged)
    {
        Console.WriteLine($"lr = {lr}: diverged at epoch {diverged.Epoch} (last finite loss {diverged.LastFiniteLoss:G3})");
        sweep.Add(new LossSeries($"lr = {lr} (diverged at epoch {diverged.Epoch})", losses));
    }

    trainedAt[lr] = copy;
}

display(SweepChart.Create(sweep, "Learning-rate sweep: 3-2-2-1 network, 1000 epochs"));

Lesson.Cell(8);
var mean = y.Column(0).Average();
var variance = y.Column(0).Select(v => (v - mean) * (v - mean)).Average();
Console.WriteLine($"Variance of y:                {variance:F6}");
Console.WriteLine($"Final loss with lr = 0.3:     {sweep[3].Losses[^1]:F6}");
Console.WriteLine($"Predictions with lr = 0.3:    {string.Join(", ", trainedAt[0.3].Predict(X).Column(0).Select(p => p.ToString("F4")))}");

Lesson.Cell(10);
var before = ReluActivity.ActiveUnits(network.Forward(X));
var afterSmallSteps = ReluActivity.ActiveUnits(trainedAt[0.01].Forward(X));
var afterBigSteps = ReluActivity.ActiveUnits(trainedAt[0.3].Forward(X));

display(ActivityHeatmap.Create(
    [("Before training", before), ("After lr = 0.01", afterSmallSteps), ("After lr = 0.3", afterBigSteps)],
    "Which hidden ReLUs fire (green: active, grey: off), sample by sample"));

Lesson.Cell(12);
var norms = new List<IReadOnlyList<double>>();
var deadPerEpoch = new List<int>();
Trainer.Train(network.Clone(), X, y, epochs: 30, learningRate: 0.3, onEpoch: details =>
{
    norms.Add(details.WeightGradientNorms);
    deadPerEpoch.Add(ReluActivity.DeadUnits(details.Forward).Count);
});

Console.WriteLine($"Dead hidden units (of 4), epoch by epoch: {string.Join(" ", deadPerEpoch)}");
display(GradientNormChart.Create(norms, "lr = 0.3: weight gradient per layer, first 30 epochs", logScale: false));

Lesson.Cell(14);
int[][] shapes = [[3, 2, 2, 1], [3, 16, 16, 1], [3, 64, 1], [3, 16, 16, 16, 1]];
var bySize = new List<LossSeries>();

foreach (var shape in shapes)
{
    var candidate = Network.Create(shape, new NumPyRandom(seed: 0), Initialization.He);
    var parameters = candidate.ParameterCount;
    var losses = Trainer.Train(candidate, X, y, epochs: 1000, learningRate: 0.01);
    var name = string.Join("-", shape);
    Console.WriteLine($"{name,-12} {parameters,4} parameters: loss {losses[0]:F4} → {losses[^1]:F4}");
    bySize.Add(new LossSeries($"{name} ({parameters} parameters)", losses));
}

display(SweepChart.Create(bySize, "Width and depth: 10 samples, 1000 epochs, lr = 0.01, He initialization"));

Lesson.Cell(16);
int[] deep = [3, 8, 8, 8, 8, 1];
var randnNet = Network.Create(deep, new NumPyRandom(seed: 0), Initialization.Randn);
var heNet = Network.Create(deep, new NumPyRandom(seed: 0), Initialization.He);

static string Sizes(Network net, Matrix<double> x) => string.Join("  ",
    net.Forward(x).Activations.Select(a => (a.FrobeniusNorm() / Math.Sqrt(a.RowCount * a.ColumnCount)).ToString("F2")));

Console.WriteLine($"randn: {Sizes(randnNet, X)}");
Console.WriteLine($"He:    {Sizes(heNet, X)}");

Lesson.Cell(18);
var byInit = new List<LossSeries>();
foreach (var (name, net) in new[] { ("randn", randnNet), ("He", heNet) })
{
    var losses = Trainer.Train(net, X, y, epochs: 1000, learningRate: 0.01);
    var dead = ReluActivity.DeadUnits(net.Forward(X)).Count;
    Console.WriteLine($"{name,-5}: loss {losses[0]:F4} → {losses[^1]:F4}, {dead} of {ReluActivity.HiddenUnitCount(net)} hidden units dead");
    byInit.Add(new LossSeries($"{name} initialization", losses));
}

display(SweepChart.Create(byInit, "Initialization: 3-8-8-8-8-1, 1000 epochs, lr = 0.01"));

Lesson.Cell(20);
var data = CsvDataset.Load("../data/bike_rentals.csv", targetColumn: "rentals");
Console.WriteLine($"{data.SampleCount} days. Features: {string.Join(", ", data.FeatureNames)}. Target: {data.TargetNames[0]}.");

display(Show.Matrices(("features", data.Features), ("rentals", data.Targets)));

Lesson.Cell(22);
int trainDays = 240, testDays = data.SampleCount - trainDays;
var (train, test) = data.Split(trainDays);   // the first 240 days to train on, the rest held out
var (XTrain, yTrain) = (train.Features, train.Targets);
var (XTest, yTest) = (test.Features, test.Targets);
Console.WriteLine($"{trainDays} days to train on, {testDays} days to test on");

Lesson.Cell(24);
var raw = Network.Create([4, 16, 16, 1], new NumPyRandom(seed: 0), Initialization.He);
var rawLosses = Trainer.Train(raw, XTrain, yTrain, epochs: 1000, learningRate: 0.1);
Console.WriteLine($"Unscaled: loss {rawLosses[0]:G3} → {rawLosses[^1]:G3}, " +
                  $"{ReluActivity.DeadUnits(raw.Forward(XTrain)).Count} of {ReluActivity.HiddenUnitCount(raw)} hidden units dead");

Lesson.Cell(26);
var featureScaling = FeatureScaling.Fit(XTrain);
var targetScaling = FeatureScaling.Fit(yTrain);
var XTrainScaled = featureScaling.Apply(XTrain);
var yTrainScaled = targetScaling.Apply(yTrain);
var XTestScaled = featureScaling.Apply(XTest);

display(Show.Matrices(("feature means", featureScaling.Means), ("feature std", featureScaling.StandardDeviations),
              ("rentals mean", targetScaling.Means), ("rentals std", targetScaling.StandardDeviations)));

Lesson.Cell(28);
var bikes = Network.Create([4, 16, 16, 1], new NumPyRandom(seed: 0), Initialization.He);
var bikeNorms = new List<IReadOnlyList<double>>();
var bikeLosses = Trainer.Train(bikes, XTrainScaled, yTrainScaled, epochs: 1000, learningRate: 0.1,
                               onEpoch: details => bikeNorms.Add(details.WeightGradientNorms));

var line = Network.Create([4, 1], new NumPyRandom(seed: 0), Initialization.He);
var lineLosses = Trainer.Train(line, XTrainScaled, yTrainScaled, epochs: 1000, learningRate: 0.1);

Console.WriteLine($"4-16-16-1: loss {bikeLosses[0]:F4} → {bikeLosses[^1]:F4} (scaled units), " +
                  $"{ReluActivity.DeadUnits(bikes.Forward(XTrainScaled)).Count} of {ReluActivity.HiddenUnitCount(bikes)} hidden units dead");
Console.WriteLine($"4-1:       loss {lineLosses[0]:F4} → {lineLosses[^1]:F4} (scaled units)");

display(SweepChart.Create([new LossSeries("straight line, 4-1", lineLosses), new LossSeries("network, 4-16-16-1", bikeLosses)],
                  "Bike rentals: training loss (scaled target)"));

Lesson.Cell(30);
display(GradientNormChart.Create(bikeNorms, "Bike rentals: weight gradient per layer, 4-16-16-1, lr = 0.1"));

Lesson.Cell(32);
var predicted = targetScaling.Invert(bikes.Predict(XTestScaled));
var predictedByLine = targetScaling.Invert(line.Predict(XTestScaled));

Console.WriteLine($"Test days, typical error (RMSE): network {Math.Sqrt(Loss.Mse(yTest, predicted)):F0} bikes, " +
                  $"straight line {Math.Sqrt(Loss.Mse(yTest, predictedByLine)):F0} bikes (noise in the data: 200 bikes)");

display(PredictionChart.Create(yTest, predicted, "Bike rentals on the 60 test days: network's prediction against the truth", "bikes hired per day"));

Lesson.End();
