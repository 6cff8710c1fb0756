// 03-experiments: generated from 03-experiments.ipynb by `dotnet run notebooks/lessons.cs -- twins`. Do not edit: edit the
// notebook, then run that command. The whole lesson without notebook tooling (.NET 10 SDK), from the repository root:
//
//     dotnet run notebooks/03-experiments.cs                   prints the lesson's lines, writes notebooks/out/03-experiments.ipynb and .html
//     dotnet run notebooks/03-experiments.cs -- --out FOLDER   writes them to FOLDER instead
//
// Standard output gets exactly what the lesson prints; standard error says where the lesson went.
// Each Lesson.Cell(n) line marks where cell n of the notebook starts.
#:project ../lib/Backprop.Notebooks.Tools/Backprop.Notebooks.Tools.csproj

using System.Globalization;
using Backprop;
using Backprop.Charts;
using Backprop.Files;
using Backprop.Grading;
using Backprop.Notebooks;
using Backprop.Pictures;
using MathNet.Numerics.LinearAlgebra;
using static Backprop.Notebooks.Lesson;

Lesson.Start("03-experiments.ipynb", args);

Lesson.Cell(4);
var (network, X, y) = RandomProblem.Original();   // 3-2-2-1, X: 10 samples × 3 features, y: 10 targets
display(network);

Lesson.Cell(6);
double[] learningRates = [0.001, 0.01, 0.1, 0.3, 2.0];
var sweep = new List<LossSeries>();
var trainedAt = new Dictionary<double, Network>();

foreach (var lr in learningRates)
{
    var copy = network.Clone();
    try
    {
        var losses = Trainer.Train(copy, X, y, epochs: 1000, learningRate: lr);
        Console.WriteLine($"lr = {lr}: loss {losses[0]:F4} at epoch 0, {losses[^1]:F4} at epoch 999");
        sweep.Add(new LossSeries($"lr = {lr}", losses));
    }
    catch (TrainingDivergedException diverged)
    {
        Console.WriteLine($"lr = {lr}: diverged at epoch {diverged.Epoch} (last finite loss {diverged.LastFiniteLoss:G3})");
        sweep.Add(new LossSeries($"lr = {lr} (diverged at epoch {diverged.Epoch})", diverged.Losses));
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
display(GradientFlowPicture.Draw(network, X, y, "Before training: the gradient reaches every weight (edge width = |dL_dW|)"));
display(GradientFlowPicture.Draw(trainedAt[0.3], X, y, "After 1000 epochs at lr = 0.3: layer 2 is dead and no gradient flows"));

Lesson.Cell(16);
// Trains a copy of the original network for 1000 epochs and counts the dead units of layer 2 (0, 1 or 2).
int DeadInLayer2(double learningRate)
{
    var copy = network.Clone();
    Trainer.Train(copy, X, y, epochs: 1000, learningRate);
    return ReluActivity.DeadUnits(copy.Forward(X)).Count(unit => unit.Layer == 1);  // layers count from 0
}

Console.WriteLine($"Dead units of layer 2 after lr = 0.01: {DeadInLayer2(0.01)}, after lr = 0.3: {DeadInLayer2(0.3)}");

Lesson.Cell(17);
double? largestSafeRate = null;  // TODO: try 0.01, 0.02, … with DeadInLayer2 and keep the largest with 0 dead

Lesson.Cell(19);
/// <summary>One line of an exercise check: ✔ or ✘ (○ when there is nothing to check yet), what was checked, a hint.</summary>

Lesson.Cell(20);
CheckItem[] CheckLargestSafeRate(double? answer)
{
    if (answer is not double rate)
        return [CheckItem.NotDoneYet("largestSafeRate is still null")];
    var next = Math.Round(rate + 0.01, 2);
    return
    [
        CheckItem.Of(Math.Round(rate, 2) == rate && rate > 0, $"{rate} is a positive multiple of 0.01", "use 0.01, 0.02, 0.03, …"),
        CheckItem.Of(DeadInLayer2(rate) == 0, $"at lr = {rate} both units of layer 2 survive", "a unit dies at this rate: go lower"),
        CheckItem.Of(DeadInLayer2(next) > 0, $"at lr = {next} a unit of layer 2 dies", "layer 2 survives this rate too: go higher"),
    ];
}

display(string.Join("\n", CheckLargestSafeRate(largestSafeRate)));

Lesson.Cell(23);
var xCurve = Matrix<double>.Build.Dense(25, 1, (i, _) => -3 + 6.0 * i / 24);   // 25 inputs from -3 to 3
var yCurve = xCurve.Map(Math.Sin);
var curveNet = Network.Create([1, 8, 8, 1], new NumPyRandom(seed: 0), Initialization.He);

var snapshots = new List<(string Name, Network Network)> { ("before training", curveNet.Clone()) };
var curveLosses = Trainer.Train(curveNet, xCurve, yCurve, epochs: 3000, learningRate: 0.01, onEpoch: (epoch, loss) =>
{
    if (epoch + 1 is 100 or 500 or 3000)
        snapshots.Add(($"after {epoch + 1} steps", curveNet.Clone()));
});

Console.WriteLine($"1-8-8-1 on sin x: loss {curveLosses[0]:F4} → {curveLosses[^1]:F4}, " +
                  $"{ReluActivity.DeadUnits(curveNet.Forward(xCurve)).Count} of 16 hidden units dead");
display(FunctionFitChart.Create(xCurve, yCurve, snapshots, "1-8-8-1 learning sin x: the prediction after 0, 100, 500 and 3000 steps"));

Lesson.Cell(25);
var curveNetBigSteps = Network.Create([1, 8, 8, 1], new NumPyRandom(seed: 0), Initialization.He);
var bigStepLosses = Trainer.Train(curveNetBigSteps, xCurve, yCurve, epochs: 3000, learningRate: 0.05);

var deadSmall = ReluActivity.DeadUnits(curveNet.Forward(xCurve)).Count;
var deadBig = ReluActivity.DeadUnits(curveNetBigSteps.Forward(xCurve)).Count;
Console.WriteLine($"lr = 0.01: loss {curveLosses[^1]:F4}, {deadSmall} of 16 units dead");
Console.WriteLine($"lr = 0.05: loss {bigStepLosses[^1]:F4}, {deadBig} of 16 units dead");

display(FunctionFitChart.Create(xCurve, yCurve,
    [($"lr = 0.01, {deadSmall} dead", curveNet), ($"lr = 0.05, {deadBig} dead", curveNetBigSteps)],
    "Dead units cost kinks: the same 1-8-8-1 after 3000 steps"));

Lesson.Cell(27);
int[] deep = [3, 8, 8, 8, 8, 1];
var randnNet = Network.Create(deep, new NumPyRandom(seed: 0), Initialization.Randn);
var heNet = Network.Create(deep, new NumPyRandom(seed: 0), Initialization.He);

static string Sizes(Network net, Matrix<double> x) => string.Join("  ",
    net.Forward(x).Activations.Select(a => (a.FrobeniusNorm() / Math.Sqrt(a.RowCount * a.ColumnCount)).ToString("F2")));

Console.WriteLine($"randn: {Sizes(randnNet, X)}");
Console.WriteLine($"He:    {Sizes(heNet, X)}");

Lesson.Cell(29);
var byInit = new List<LossSeries>();
foreach (var (name, net) in new[] { ("randn", randnNet), ("He", heNet) })
{
    var losses = Trainer.Train(net, X, y, epochs: 1000, learningRate: 0.01);
    var dead = ReluActivity.DeadUnits(net.Forward(X)).Count;
    Console.WriteLine($"{name,-5}: loss {losses[0]:F4} → {losses[^1]:F4}, {dead} of {ReluActivity.HiddenUnitCount(net)} hidden units dead");
    byInit.Add(new LossSeries($"{name} initialization", losses));
}

display(SweepChart.Create(byInit, "Initialization: 3-8-8-8-8-1, 1000 epochs, lr = 0.01"));

Lesson.Cell(31);
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

Lesson.Cell(33);
var data = CsvDataset.Load("../data/bike_rentals.csv", targetColumn: "rentals");
Console.WriteLine($"{data.SampleCount} days. Features: {string.Join(", ", data.FeatureNames)}. Target: {data.TargetNames[0]}.");

display(Show.Matrices(("features", data.Features), ("rentals", data.Targets)));

Lesson.Cell(35);
int trainDays = 240, testDays = data.SampleCount - trainDays;
var (train, test) = data.Split(trainDays);   // the first 240 days to train on, the rest held out
var (XTrain, yTrain) = (train.Features, train.Targets);
var (XTest, yTest) = (test.Features, test.Targets);
Console.WriteLine($"{trainDays} days to train on, {testDays} days to test on");

Lesson.Cell(37);
static string Spread(Vector<double> column)
{
    var mean = column.Average();
    var standardDeviation = Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average());
    return $"mean {mean,7:F1}, standard deviation {standardDeviation,6:F1}";
}

for (var feature = 0; feature < XTrain.ColumnCount; feature++)
    Console.WriteLine($"{train.FeatureNames[feature],-14} {Spread(XTrain.Column(feature))}");
Console.WriteLine($"{"rentals",-14} {Spread(yTrain.Column(0))}");

Lesson.Cell(39);
var raw = Network.Create([4, 16, 16, 1], new NumPyRandom(seed: 0), Initialization.He);
var deadAtStart = ReluActivity.DeadUnits(raw.Forward(XTrain)).Count;
var rawLosses = Trainer.Train(raw, XTrain, yTrain, epochs: 1000, learningRate: 0.1);
var deadAtEnd = ReluActivity.DeadUnits(raw.Forward(XTrain)).Count;

Console.WriteLine($"Raw data: {deadAtStart} of {ReluActivity.HiddenUnitCount(raw)} hidden units dead before the first step, {deadAtEnd} of {ReluActivity.HiddenUnitCount(raw)} after training");
Console.WriteLine($"Raw data: loss {rawLosses[0]:G3} at epoch 0, {rawLosses[1]:G3} at epoch 1, {rawLosses[^1]:G3} at epoch 999");
Console.WriteLine($"Variance of the training rentals: {Loss.Mse(yTrain, Matrix<double>.Build.Dense(trainDays, 1, yTrain.Column(0).Average())):G3}");

Lesson.Cell(41);
Matrix<double>? XTrainStandardized = null;  // TODO: XTrain standardized, with statistics from XTrain
Matrix<double>? yTrainStandardized = null;  // TODO: yTrain standardized, with statistics from yTrain
char whyFeaturesOnlyFails = ' ';            // TODO: 'a', 'b' or 'c'

Lesson.Cell(42);
// Trains a fresh 4-16-16-1 network (He, seed 0) for 1000 epochs at lr = 0.1 and describes how it went.
string Describe(Matrix<double> features, Matrix<double> target)
{
    var net = Network.Create([4, 16, 16, 1], new NumPyRandom(seed: 0), Initialization.He);
    var losses = Trainer.Train(net, features, target, epochs: 1000, learningRate: 0.1);
    var dead = ReluActivity.DeadUnits(net.Forward(features)).Count;
    return $"loss {losses[0]:G3} at epoch 0, {losses[1]:G3} at epoch 1, {losses[^1]:G3} at epoch 999; {dead} of {ReluActivity.HiddenUnitCount(net)} units dead";
}

bool Standardized(Matrix<double>? answer, Matrix<double> data) =>
    answer is not null && answer.RowCount == data.RowCount && answer.ColumnCount == data.ColumnCount
    && (answer - Standardization.Fit(data).Apply(data)).Enumerate().All(difference => Math.Abs(difference) < 1e-9);

CheckItem[] CheckScaling()
{
    var items = new List<CheckItem>();
    items.Add(XTrainStandardized is null ? CheckItem.NotDoneYet("XTrainStandardized is still null")
        : CheckItem.Of(Standardized(XTrainStandardized, XTrain), "XTrainStandardized: every column of XTrain has mean 0 and spread 1",
                       "Standardization.Fit(XTrain).Apply(XTrain): fit on the training days, apply to them"));
    items.Add(yTrainStandardized is null ? CheckItem.NotDoneYet("yTrainStandardized is still null")
        : CheckItem.Of(Standardized(yTrainStandardized, yTrain), "yTrainStandardized: the rentals have mean 0 and spread 1",
                       "fit a second scaling on yTrain (not on XTrain) and apply it to yTrain"));
    if (XTrainStandardized is not null)
        items.Add(new CheckItem("", $"features scaled, target raw: {Describe(XTrainStandardized, yTrain)}", ""));
    if (XTrainStandardized is not null && yTrainStandardized is not null)
        items.Add(new CheckItem("", $"both scaled: {Describe(XTrainStandardized, yTrainStandardized)}", ""));
    items.Add(whyFeaturesOnlyFails == ' ' ? CheckItem.NotDoneYet("whyFeaturesOnlyFails is not chosen")
        : CheckItem.Of(whyFeaturesOnlyFails == 'b', $"answer {whyFeaturesOnlyFails}",
                       "look at the loss at epoch 1 of the features-only run: what is measured in thousands?"));
    return items.ToArray();
}

display(string.Join("\n", CheckScaling()));

Lesson.Cell(45);
var featureScaling = Standardization.Fit(XTrain);
var targetScaling = Standardization.Fit(yTrain);
var XTrainScaled = featureScaling.Apply(XTrain);
var yTrainScaled = targetScaling.Apply(yTrain);
var XTestScaled = featureScaling.Apply(XTest);

display(Show.Matrices(("feature means", featureScaling.Means), ("feature std", featureScaling.StandardDeviations),
              ("rentals mean", targetScaling.Means), ("rentals std", targetScaling.StandardDeviations)));

Lesson.Cell(47);
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

Lesson.Cell(49);
display(GradientNormChart.Create(bikeNorms, "Bike rentals: weight gradient per layer, 4-16-16-1, lr = 0.1"));

Lesson.Cell(51);
var predicted = targetScaling.Invert(bikes.Predict(XTestScaled));
var predictedByLine = targetScaling.Invert(line.Predict(XTestScaled));

Console.WriteLine($"Test days, typical error (RMSE): network {Math.Sqrt(Loss.Mse(yTest, predicted)):F0} bikes, " +
                  $"straight line {Math.Sqrt(Loss.Mse(yTest, predictedByLine)):F0} bikes (noise in the data: 200 bikes)");

display(PredictionChart.Create(yTest, predicted, "Bike rentals on the 60 test days: network's prediction against the truth", "bikes hired per day"));

Lesson.Cell(53);
MathNet.Numerics.Control.UseSingleThread();  // one core for every product, so that both methods are timed alike
int forwardPasses = 0, backwardPasses = 0;

Gradients ByBackpropagation(Network net, Matrix<double> x, Matrix<double> target)
{
    var forward = net.Forward(x);
    forwardPasses++;
    var gradients = net.Backward(forward, target);
    backwardPasses++;
    return gradients;
}

// Every parameter's slope (L(θ + h) - L(θ - h)) / 2h: weights layer by layer, row by row, then the biases.
List<double> ByFiniteDifferences(Network net, Matrix<double> x, Matrix<double> target, double h = 1e-6)
{
    var slopes = new List<double>();
    void Nudge(Func<double> get, Action<double> set)
    {
        var original = get();
        set(original + h);
        var lossUp = net.LossOn(x, target);
        set(original - h);
        var lossDown = net.LossOn(x, target);
        set(original);  // back exactly where it was (adding h and taking it away again would round)
        forwardPasses += 2;
        slopes.Add((lossUp - lossDown) / (2 * h));
    }

    foreach (var W in net.Weights)
        for (var i = 0; i < W.RowCount; i++)
            for (var j = 0; j < W.ColumnCount; j++)
                Nudge(() => W[i, j], value => W[i, j] = value);
    foreach (var b in net.Biases)
        for (var i = 0; i < b.Count; i++)
            Nudge(() => b[i], value => b[i] = value);
    return slopes;
}

// Runs one way of computing the gradient again and again, for half a second and at least 5 times, and returns the
// passes of one run and the average time of a run.
(int Forward, int Backward, double Milliseconds) Measure(Action gradient)
{
    gradient();  // once first, so that compiling the code is not timed
    var runs = 0;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    do
    {
        (forwardPasses, backwardPasses) = (0, 0);
        gradient();
        runs++;
    }
    while (clock.Elapsed.TotalSeconds < 0.5 || runs < 5);

    return (forwardPasses, backwardPasses, clock.Elapsed.TotalMilliseconds / runs);
}

Lesson.Cell(54);
foreach (var (name, net, x, target) in new[] { ("3-2-2-1, 10 samples", network, X, y), ("4-16-16-1, 240 days", bikes, XTrainScaled, yTrainScaled) })
{
    var oneForward = Measure(() => { net.LossOn(x, target); forwardPasses++; });  // what each nudge costs
    var backprop = Measure(() => ByBackpropagation(net, x, target));
    var nudging = Measure(() => ByFiniteDifferences(net, x, target));

    var exact = ByBackpropagation(net, x, target);
    var exactInOrder = exact.Weights.SelectMany(dW => dW.ToRowMajorArray()).Concat(exact.Biases.SelectMany(db => db));
    var largestDifference = exactInOrder.Zip(ByFiniteDifferences(net, x, target), (a, b) => Math.Abs(a - b)).Max();

    // The pass counts and the agreement are exact, so they are printed; the times are this machine's and change
    // from run to run, so they are shown beside them (a cell tagged "measured": its times are never compared).
    Console.WriteLine($"{name}, {net.ParameterCount} parameters:");
    Console.WriteLine($"  backpropagation:    {backprop.Forward} forward + {backprop.Backward} backward pass");
    Console.WriteLine($"  finite differences: {nudging.Forward} forward passes");
    Console.WriteLine($"  largest difference between the two gradients: {largestDifference:G2}");
    var c = backprop.Milliseconds / oneForward.Milliseconds;  // one backpropagation, counted in forward passes
    display($"""
        {name}, measured on this machine:
          one forward pass and its loss: {oneForward.Milliseconds:G3} ms
          backpropagation:    {backprop.Milliseconds:G3} ms per gradient (as long as {c:F1} forward passes)
          finite differences: {nudging.Milliseconds:G3} ms per gradient
          expected from the pass counts: {nudging.Forward} / {c:F1} = {nudging.Forward / c:F0} times as long
          measured: finite differences took {nudging.Milliseconds / backprop.Milliseconds:F0} times as long
        """);
}

Lesson.End();

// The lesson's types (a C# program declares them after its statements).
record CheckItem(string Result, string Item, string Hint)
{
    /// <summary>✔ when <paramref name="passed"/>, else ✘ with the hint.</summary>
    public static CheckItem Of(bool passed, string item, string hint) => new(passed ? "✔" : "✘", item, passed ? "" : hint);

    /// <summary>The answer is still empty.</summary>
    public static CheckItem NotDoneYet(string item) => new("○", item, "not done yet");

    /// <summary>A line of text for a report: the mark, the item and, after a dash, the hint.</summary>
    public override string ToString() => Hint == "" ? $"{Result} {Item}".Trim() : $"{Result} {Item} — {Hint}";
}
