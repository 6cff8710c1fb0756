// Lesson 3, what changes the loss curve: the notebook 03-experiments.ipynb as a console program, for machines without
// notebook support (.NET 10 or later). From the repository root:
//
//     dotnet run notebooks/03-experiments.cs                   prints what the notebook prints, writes the chart pages
//     dotnet run notebooks/03-experiments.cs -- --offline      the same, with plotly.js inside each page (no internet needed)
//     dotnet run notebooks/03-experiments.cs -- --out FOLDER   writes the chart pages to FOLDER
//
// Standard output gets the notebook's printed lines; each chart page's path goes to standard error. The pages are
// named 03-experiments-1-learning-rate.html and so on, next to this file unless --out says otherwise.
#:project ../lib/Backprop/Backprop.csproj
#:project ../lib/Backprop.Files/Backprop.Files.csproj
#:project ../lib/Backprop.Charts/Backprop.Charts.csproj
#:project ../lib/Backprop.Notebooks/Backprop.Notebooks.csproj

using Backprop;
using Backprop.Charts;
using Backprop.Files;
using Backprop.Notebooks;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

Formatters.Register();  // the same tables as the notebook, as text
var folder = ChartFolder(args);
var offline = args.Contains("--offline");

// The starting point: lessons 1 and 2's network and data
var rng = new NumPyRandom(seed: 0);
var network = Network.Create([3, 2, 2, 1], rng, Initialization.Randn);
var X = rng.Rand(10, 3);  // 10 samples, 3 features
var y = rng.Rand(10, 1);  // 10 targets

// 1. The learning rate: five runs of 1000 epochs; a run that diverges is reported, not plotted as NaN
Section("1. The learning rate");
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

Save(SweepChart.Create(sweep, "Learning-rate sweep: 3-2-2-1 network, 1000 epochs"), "1-learning-rate");

// Where is lr = 0.3 stuck? At the variance of y: it predicts one number for every sample.
var mean = y.Column(0).Average();
var variance = y.Column(0).Select(v => (v - mean) * (v - mean)).Average();
Console.WriteLine($"Variance of y:                {variance:F6}");
Console.WriteLine($"Final loss with lr = 0.3:     {sweep[3].Losses[^1]:F6}");
Console.WriteLine($"Predictions with lr = 0.3:    {string.Join(", ", trainedAt[0.3].Predict(X).Column(0).Select(p => p.ToString("F4")))}");

// 2. Dead ReLUs: which hidden units fire for which sample, before and after training
Section("2. Dead ReLUs");
var before = ReluActivity.ActiveUnits(network.Forward(X));
var afterSmallSteps = ReluActivity.ActiveUnits(trainedAt[0.01].Forward(X));
var afterBigSteps = ReluActivity.ActiveUnits(trainedAt[0.3].Forward(X));
Save(
    ActivityHeatmap.Create(
        [("Before training", before), ("After lr = 0.01", afterSmallSteps), ("After lr = 0.3", afterBigSteps)],
        "Which hidden ReLUs fire (green: active, grey: off), sample by sample"),
    "2-active-units");

var norms = new List<IReadOnlyList<double>>();
var deadPerEpoch = new List<int>();
Trainer.Train(network.Clone(), X, y, epochs: 30, learningRate: 0.3, onEpoch: details =>
{
    norms.Add(details.WeightGradientNorms);
    deadPerEpoch.Add(ReluActivity.DeadUnits(details.Forward).Count);
});
Console.WriteLine($"Dead hidden units (of 4), epoch by epoch: {string.Join(" ", deadPerEpoch)}");
Save(GradientNormChart.Create(norms, "lr = 0.3: weight gradient per layer, first 30 epochs", logScale: false), "3-dying-gradients");

// 3. Width and depth, all with He initialization so that only the shape differs
Section("3. Width and depth");
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

Save(SweepChart.Create(bySize, "Width and depth: 10 samples, 1000 epochs, lr = 0.01, He initialization"), "4-width-and-depth");

// 4. Initialization: randn against He in a deep, narrow network
Section("4. Initialization");
int[] deep = [3, 8, 8, 8, 8, 1];
var randnNet = Network.Create(deep, new NumPyRandom(seed: 0), Initialization.Randn);
var heNet = Network.Create(deep, new NumPyRandom(seed: 0), Initialization.He);
Console.WriteLine($"randn: {Sizes(randnNet, X)}");
Console.WriteLine($"He:    {Sizes(heNet, X)}");

var byInit = new List<LossSeries>();
foreach (var (name, net) in new[] { ("randn", randnNet), ("He", heNet) })
{
    var losses = Trainer.Train(net, X, y, epochs: 1000, learningRate: 0.01);
    var dead = ReluActivity.DeadUnits(net.Forward(X)).Count;
    Console.WriteLine($"{name,-5}: loss {losses[0]:F4} → {losses[^1]:F4}, {dead} of {ReluActivity.HiddenUnitCount(net)} hidden units dead");
    byInit.Add(new LossSeries($"{name} initialization", losses));
}

Save(SweepChart.Create(byInit, "Initialization: 3-8-8-8-8-1, 1000 epochs, lr = 0.01"), "5-initialization");

// 5. Real data: bike rentals, from the CSV file that ships with the repository
Section("5. Real data: bike rentals");
var data = CsvDataset.Load(RepositoryPath("data", "bike_rentals.csv"), targetColumn: "rentals");
Console.WriteLine($"{data.SampleCount} days. Features: {string.Join(", ", data.FeatureNames)}. Target: {data.TargetNames[0]}.");
Display(Show.Matrices(("features", data.Features), ("rentals", data.Targets)));

int trainDays = 240, testDays = data.SampleCount - trainDays;
var (train, test) = data.Split(trainDays);   // the first 240 days to train on, the rest held out
var (XTrain, yTrain) = (train.Features, train.Targets);
var (XTest, yTest) = (test.Features, test.Targets);
Console.WriteLine($"{trainDays} days to train on, {testDays} days to test on");

var raw = Network.Create([4, 16, 16, 1], new NumPyRandom(seed: 0), Initialization.He);
var rawLosses = Trainer.Train(raw, XTrain, yTrain, epochs: 1000, learningRate: 0.1);
Console.WriteLine($"Unscaled: loss {rawLosses[0]:G3} → {rawLosses[^1]:G3}, " +
                  $"{ReluActivity.DeadUnits(raw.Forward(XTrain)).Count} of {ReluActivity.HiddenUnitCount(raw)} hidden units dead");

var featureScaling = FeatureScaling.Fit(XTrain);  // statistics of the training days only
var targetScaling = FeatureScaling.Fit(yTrain);
var XTrainScaled = featureScaling.Apply(XTrain);
var yTrainScaled = targetScaling.Apply(yTrain);
var XTestScaled = featureScaling.Apply(XTest);
Display(Show.Matrices(("feature means", featureScaling.Means), ("feature std", featureScaling.StandardDeviations),
                      ("rentals mean", targetScaling.Means), ("rentals std", targetScaling.StandardDeviations)));

var bikes = Network.Create([4, 16, 16, 1], new NumPyRandom(seed: 0), Initialization.He);
var bikeNorms = new List<IReadOnlyList<double>>();
var bikeLosses = Trainer.Train(bikes, XTrainScaled, yTrainScaled, epochs: 1000, learningRate: 0.1,
                               onEpoch: details => bikeNorms.Add(details.WeightGradientNorms));
var line = Network.Create([4, 1], new NumPyRandom(seed: 0), Initialization.He);  // no hidden layer: a straight-line fit
var lineLosses = Trainer.Train(line, XTrainScaled, yTrainScaled, epochs: 1000, learningRate: 0.1);
Console.WriteLine($"4-16-16-1: loss {bikeLosses[0]:F4} → {bikeLosses[^1]:F4} (scaled units), " +
                  $"{ReluActivity.DeadUnits(bikes.Forward(XTrainScaled)).Count} of {ReluActivity.HiddenUnitCount(bikes)} hidden units dead");
Console.WriteLine($"4-1:       loss {lineLosses[0]:F4} → {lineLosses[^1]:F4} (scaled units)");
Save(
    SweepChart.Create([new LossSeries("straight line, 4-1", lineLosses), new LossSeries("network, 4-16-16-1", bikeLosses)],
                      "Bike rentals: training loss (scaled target)"),
    "6-bike-training");
Save(GradientNormChart.Create(bikeNorms, "Bike rentals: weight gradient per layer, 4-16-16-1, lr = 0.1"), "7-bike-gradients");

var predicted = targetScaling.Invert(bikes.Predict(XTestScaled));
var predictedByLine = targetScaling.Invert(line.Predict(XTestScaled));
Console.WriteLine($"Test days, typical error (RMSE): network {Math.Sqrt(Loss.Mse(yTest, predicted)):F0} bikes, " +
                  $"straight line {Math.Sqrt(Loss.Mse(yTest, predictedByLine)):F0} bikes (noise in the data: 200 bikes)");
Save(
    PredictionChart.Create(yTest, predicted, "Bike rentals on the 60 test days: network's prediction against the truth", "bikes hired per day"),
    "8-bike-predictions");

// Each chart becomes a page in the chart folder; its path goes to standard error.
void Save(GenericChart chart, string name)
{
    var page = ChartFile.Save(chart, Path.Combine(folder, $"03-experiments-{name}.html"), embedPlotlyJs: offline);
    Console.Error.WriteLine($"Chart written to {page}");
}

// The typical size (root mean square) of each layer's output, hidden layers then the prediction.
static string Sizes(Network net, Matrix<double> x) => string.Join("  ",
    net.Forward(x).Activations.Select(a => (a.FrobeniusNorm() / Math.Sqrt(a.RowCount * a.ColumnCount)).ToString("F2")));

// What a notebook cell shows, as text.
static void Display(object value) => Console.WriteLine(value.ToDisplayString(PlainTextFormatter.MimeType));

static void Section(string title) => Console.WriteLine($"\n== {title} ==\n");

// The repository root is the folder above this file's.
static string RepositoryPath(params string[] parts) =>
    Path.Combine([Path.GetDirectoryName(ThisFolder())!, .. parts]);

static string ThisFolder() => AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;

// The pages go where --out says, or next to this file.
static string ChartFolder(string[] args)
{
    var option = Array.IndexOf(args, "--out");
    return option >= 0 && option + 1 < args.Length ? args[option + 1] : ThisFolder();
}
