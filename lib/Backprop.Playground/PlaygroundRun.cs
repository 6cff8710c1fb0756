using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Playground;

/// <summary>
/// One training run of the playground: the network, its data, every epoch's loss and the loss log. It trains a
/// number of epochs at a time with the library's <see cref="Trainer"/>, or one phase at a time (forward, loss,
/// backward, update) with <see cref="Network.Forward"/>, <see cref="Loss.Mse"/>, <see cref="Network.Backward"/> and
/// <see cref="Network.Update"/>, the same four steps <see cref="Trainer.Readable"/> takes, so both give the same numbers.
/// </summary>
public sealed class PlaygroundRun
{
    /// <summary>The loss log has a line every this many epochs, as the original prints.</summary>
    public const int PrintEvery = 100;

    private readonly List<double> _losses = [];
    private readonly List<string> _log = [];

    /// <summary>Starts a run of <paramref name="settings"/> on <paramref name="data"/> (whose network is copied), at epoch 0.</summary>
    /// <exception cref="InvalidInputException">The learning rate is not a finite number above 0: the library's message.</exception>
    public PlaygroundRun(PlaygroundSettings settings, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        Network = data.Network.Clone();
        foreach (var change in settings.LearningRates)
        {
            RequireLearningRate(change.LearningRate);
        }

        // A CSV's target is written down, so that a link and the exported program name the same column.
        Settings = settings with { Epoch = 0, Target = data.Columns.Count > 0 ? data.TargetName : settings.Target };
    }

    /// <summary>
    /// The settings, with the learning rate of every epoch so far and <see cref="PlaygroundSettings.Epoch"/> =
    /// <see cref="Epoch"/> (or, once training diverged, the epoch that diverged, counted).
    /// </summary>
    public PlaygroundSettings Settings { get; private set; }

    /// <summary>The data and the network as it started.</summary>
    public TrainingData Data { get; }

    /// <summary>The network being trained.</summary>
    public Network Network { get; }

    /// <summary>How many epochs have been trained (each with its update).</summary>
    public int Epoch => _losses.Count;

    /// <summary>Every epoch's loss, measured before its update, as <see cref="Trainer.Train(Network, Matrix{double}, Matrix{double}, int, double, Action{int, double}?, ITrainingMethod?)"/> returns them.</summary>
    public IReadOnlyList<double> Losses => _losses;

    /// <summary>The <c>Epoch N, Loss: x.xxxx</c> lines so far, one every <see cref="PrintEvery"/> epochs from epoch 0.</summary>
    public IReadOnlyList<string> LossLog => _log;

    /// <summary>The library's divergence message once the loss or a parameter stopped being finite; training has stopped.</summary>
    public string? Divergence { get; private set; }

    /// <summary>The step being taken phase by phase, or null between epochs.</summary>
    public PhaseStep? Step { get; private set; }

    /// <summary>
    /// Uses <paramref name="learningRate"/> from the next epoch on, without a reset; the earlier epochs keep theirs
    /// (the link and the exported program replay them). A step in progress finishes with the new rate.
    /// </summary>
    /// <exception cref="InvalidInputException">The rate is not a finite number above 0: the library's message; nothing changes.</exception>
    public void ChangeLearningRate(double learningRate)
    {
        RequireLearningRate(learningRate);
        Settings = Settings.WithLearningRateFrom(Epoch, learningRate);
    }

    /// <summary>
    /// Trains up to <paramref name="epochs"/> whole epochs with <see cref="Trainer"/> (a step in progress is dropped
    /// first: nothing changes before its update). Stops early when training diverges, and says why in <see cref="Divergence"/>.
    /// </summary>
    /// <returns>How many epochs were trained.</returns>
    public int TrainEpochs(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        Step = null;
        var start = Epoch;
        while (Divergence is null && Epoch < start + epochs)
        {
            // One call per stretch of epochs with one learning rate (a change takes effect at its epoch).
            var learningRate = Settings.LearningRateAt(Epoch);
            var nextChange = Settings.LearningRates.Select(change => change.FromEpoch).Where(from => from > Epoch).DefaultIfEmpty(int.MaxValue).Min();
            var count = Math.Min(start + epochs, nextChange) - Epoch;
            var first = Epoch;
            try
            {
                Trainer.Train(Network, Data.X, Data.Y, count, learningRate, onEpoch: (_, loss) => Record(loss));
            }
            catch (TrainingDivergedException diverged)
            {
                // Trainer counts from 0 in each call: tell the library the run's own epoch and losses.
                Diverged(first + diverged.Epoch, learningRate);
            }
        }

        if (Divergence is null)
        {
            Settings = Settings with { Epoch = Epoch };
        }

        return Epoch - start;
    }

    /// <summary>Trains until <paramref name="epoch"/> epochs are done (or training diverges): how a link is replayed.</summary>
    public void TrainTo(int epoch) => TrainEpochs(Math.Max(0, epoch - Epoch));

    /// <summary>
    /// Takes the next phase of one epoch: forward pass, then loss, then backward pass, then update (which ends the
    /// epoch). Returns the step with what every phase so far computed; null when training has diverged.
    /// </summary>
    public PhaseStep? StepPhase()
    {
        if (Divergence is not null)
        {
            return null;
        }

        var learningRate = Settings.LearningRateAt(Epoch);
        if (Step is null || Step.Done)
        {
            Step = new PhaseStep(Epoch, Network.Forward(Data.X));
            return Step;
        }

        switch (Step.Next)
        {
            case Phase.Loss:
                Step.Loss = Loss.Mse(Data.Y, Step.Forward.Prediction);
                if (!double.IsFinite(Step.Loss.Value))
                {
                    Diverged(Epoch, learningRate);
                }

                break;
            case Phase.Backward:
                Step.Gradients = Network.Backward(Step.Forward, Data.Y);
                Step.Trace = BackwardTrace.Of(Network, Step.Forward, Data.Y);
                break;
            case Phase.Update:
                Step.WeightsBefore = Network.Weights.Select(W => W.Clone()).ToArray();
                Step.BiasesBefore = Network.Biases.Select(b => b.Clone()).ToArray();
                Step.LearningRate = learningRate;
                Network.Update(Step.Gradients!, learningRate);
                Record(Step.Loss!.Value);
                Settings = Settings with { Epoch = Epoch };
                if (!ParametersAreFinite())
                {
                    Diverged(Epoch - 1, learningRate);
                }

                break;
        }

        Step.Next = Step.Next + 1;
        return Step;
    }

    /// <summary>The library's gradient check on the network as it is now, with its verdicts (ReLU kinks not judged).</summary>
    public GradientCheckResult CheckGradients() => GradientCheck.Run(Network, Data.X, Data.Y);

    /// <summary>The forward pass of the network as it is now, on every sample.</summary>
    public ForwardPass Forward() => Network.Forward(Data.X);

    /// <summary>
    /// A sentence for every hidden layer whose units are all dead (off for every sample), as lesson 3 explains it;
    /// empty when every layer has a live unit.
    /// </summary>
    public IReadOnlyList<string> DeadLayers()
    {
        if (!ParametersAreFinite())
        {
            return [];
        }

        var dead = ReluActivity.DeadUnits(Forward());
        return dead.GroupBy(unit => unit.Layer)
            .Where(layer => layer.Count() == Network.LayerSizes[layer.Key + 1])
            .Select(layer => DeadLayerMessage(layer.Key + 1, layer.Count()))
            .ToArray();
    }

    /// <summary>The dead-layer sentence for layer <paramref name="layer"/> (1-based) of <paramref name="units"/> units.</summary>
    public static string DeadLayerMessage(int layer, int units) =>
        $"Layer {layer} is dead: {(units == 1 ? "its unit is" : $"all {units} of its units are")} off (z ≤ 0) for every sample, " +
        "so the layer outputs 0 and passes no gradient back. Nothing reaches the output but its bias: the network predicts " +
        "the same number for every sample, and the weights before the layer never change again. " +
        "Reset with a smaller learning rate or He initialization.";

    /// <summary>
    /// Stops the run at <paramref name="epoch"/> with the library's message. The settings count that epoch as trained,
    /// so that a link or the exported program replays it and diverges at the same place.
    /// </summary>
    private void Diverged(int epoch, double learningRate)
    {
        Divergence = new TrainingDivergedException(epoch, _losses, learningRate, "the loss or a parameter stopped being a finite number").Message;
        Settings = Settings with { Epoch = epoch + 1 };
    }

    private void Record(double loss)
    {
        if (_losses.Count % PrintEvery == 0)
        {
            _log.Add(LossLine.Format(_losses.Count, loss));
        }

        _losses.Add(loss);
    }

    /// <summary>Checks a learning rate with the library's own rule and words, by asking the trainer for zero epochs.</summary>
    private void RequireLearningRate(double learningRate) =>
        Trainer.Train(Network, Data.X, Data.Y, epochs: 0, learningRate);

    private bool ParametersAreFinite() =>
        Network.Weights.All(W => W.Enumerate().All(double.IsFinite)) && Network.Biases.All(b => b.All(double.IsFinite));
}
