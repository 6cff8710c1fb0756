using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// Every quantity of one backward pass and update, with its right value and the values the known mistakes give:
/// the backward pass is replayed once per <see cref="PlantedMistake"/>. Layer indices are 0-based; names are 1-based.
/// </summary>
internal sealed class BackwardQuantities
{
    private readonly Network _network;
    private readonly int _samples;
    private readonly double _learningRate;
    private readonly BackwardTrace _right;
    private readonly List<(BackwardTrace Trace, Mistake Mistake, string Hint)> _mistakes = [];

    public BackwardQuantities(Network network, Matrix<double> X, Matrix<double> y, double learningRate)
    {
        _network = network;
        _samples = X.RowCount;
        _learningRate = learningRate;
        var forward = network.ForwardCore(X);
        _right = BackwardTrace.With(network, forward, y, PlantedMistake.None);

        void Plant(PlantedMistake planted, Mistake mistake, string hint) =>
            _mistakes.Add((BackwardTrace.With(network, forward, y, planted), mistake, hint));

        Plant(new PlantedMistake(MseFactor: 0.5), Mistake.FactorTwoMissing,
            "is exactly half the right value: the 2 of the MSE derivative is missing; dL_dy = 2 * (y_pred - y) / y.size");
        for (var hidden = 0; hidden < network.LayerCount - 1; hidden++)
        {
            var k = hidden + 1;
            Plant(new PlantedMistake(NoReluDerivativeIn: hidden), Mistake.ReluDerivativeMissing,
                $"matches the backward pass with relu'(z{k}) left out: dL_dz{k} = dL_da{k} * relu_derivative(z{k}); a mistake in layer {k} reaches every layer below it too");
        }

        var early = Enumerable.Range(1, network.LayerCount - 1).ToList();
        foreach (var layer in early)
        {
            Plant(new PlantedMistake(UpdatedEarly: [layer], LearningRate: learningRate), Mistake.UpdatedTooEarly, EarlyHint([layer]));
        }

        if (early.Count > 1)
        {
            Plant(new PlantedMistake(UpdatedEarly: early, LearningRate: learningRate), Mistake.UpdatedTooEarly, EarlyHint(early));
        }
    }

    public Quantity dL_dW(int i) =>
        Make($"dL_dW{i + 1}", t => t.dL_dW[i], $"a {InputRules.Shape(_network.Weights[i])} matrix, shaped like W{i + 1}", $"dL_dW{i + 1} = {Input(i)}.T @ {Dz(i)}", isVector: false);

    public Quantity dL_db(int i)
    {
        var quantity = Make($"dL_db{i + 1}", t => t.dL_db[i].ToRowMatrix(), $"{_network.Biases[i].Count} values, like b{i + 1}", $"dL_db{i + 1} = np.sum({Dz(i)}, axis=0)", isVector: true);
        return quantity.Add(_right.dL_dz[i].RowSums().ToRowMatrix(), Mistake.WrongAxis,
            $"sums each row (one value per sample) instead of each column: {quantity.Formula}, the sum over the samples (in C#: .SumOfEachColumn())");
    }

    public Quantity dL_da(int i) =>
        Make($"dL_da{i + 1}", t => t.dL_da[i], Rows(i), $"dL_da{i + 1} = {Dz(i + 1)} @ W{i + 2}.T", isVector: false);

    public Quantity dL_dz(int i) =>
        Make($"dL_dz{i + 1}", t => t.dL_dz[i], Rows(i), $"dL_dz{i + 1} = dL_da{i + 1} * relu_derivative(z{i + 1})", isVector: false);

    public Quantity NewW(int i)
    {
        var W = _network.Weights[i];
        var quantity = Make($"new W{i + 1}", t => W - (_learningRate * t.dL_dW[i]), $"a {InputRules.Shape(W)} matrix, like W{i + 1}", $"W{i + 1} -= lr * dL_dW{i + 1}", isVector: false);
        if (W.RowCount == W.ColumnCount)
        {
            quantity.Add(W - (_learningRate * _right.dL_dW[i].Transpose()), Mistake.Transposed,
                $"was stepped along the transpose of dL_dW{i + 1}: a .T is missing or extra in dL_dW{i + 1} = {Input(i)}.T @ {Dz(i)}");
        }

        return Steps(quantity, W.Clone(), _right.dL_dW[i]);
    }

    public Quantity NewB(int i)
    {
        var b = _network.Biases[i].ToRowMatrix();
        var quantity = Make($"new b{i + 1}", t => b - (_learningRate * t.dL_db[i].ToRowMatrix()), $"{b.ColumnCount} values, like b{i + 1}", $"b{i + 1} -= lr * dL_db{i + 1}", isVector: true);
        return Steps(quantity, b, _right.dL_db[i].ToRowMatrix());
    }

    /// <summary>The quantity with its right value and the mistakes every gradient can have.</summary>
    private Quantity Make(string name, Func<BackwardTrace, Matrix<double>> pick, string what, string formula, bool isVector)
    {
        var right = pick(_right);
        var quantity = new Quantity(name, right, what, formula, isVector, _samples);
        if (!isVector)
        {
            var shape = right.RowCount == right.ColumnCount ? "" : $"{InputRules.Shape(right.Transpose())}, ";
            quantity.Add(right.Transpose(), Mistake.Transposed, $"is {shape}the transpose of the right value ({what}): a .T is missing or extra; {formula}");
        }

        quantity.Add(-right, Mistake.WrongSign,
            "has the wrong sign (exactly −1 times the right value): dL_dy = 2 * (y_pred - y) / y.size is prediction minus target");
        foreach (var (trace, mistake, hint) in _mistakes)
        {
            quantity.Add(pick(trace), mistake, hint);
        }

        return quantity;
    }

    /// <summary>The mistakes of the update step itself: the wrong direction, no learning rate, no update.</summary>
    private Quantity Steps(Quantity quantity, Matrix<double> before, Matrix<double> gradient)
    {
        var parameter = quantity.Name["new ".Length..];
        quantity.Add(before + (_learningRate * gradient), Mistake.WrongSign,
            $"moved up the gradient, so the loss grows: subtract, {quantity.Formula}");
        quantity.Add(before - gradient, Mistake.LearningRateMissing,
            $"took the whole gradient as the step: multiply it by the learning rate, {quantity.Formula}");
        return quantity.Add(before, Mistake.NotUpdated, $"is still the old {parameter}: {quantity.Formula}");
    }

    private string Rows(int hidden) => $"a {_samples}×{_network.LayerSizes[hidden + 1]} matrix (samples × units of layer {hidden + 1})";

    private string Input(int i) => i == 0 ? "X" : $"a{i}";

    private string Dz(int i) => i == _network.LayerCount - 1 ? "dL_dy" : $"dL_dz{i + 1}";

    private string EarlyHint(IReadOnlyList<int> layers)
    {
        var weights = string.Join(" and ", layers.Select(layer => $"W{layer + 1}").Reverse());
        var needs = string.Join(", ", layers.Reverse().Select(layer => $"dL_da{layer} = {Dz(layer)} @ W{layer + 1}.T needs the old W{layer + 1}"));
        return $"matches gradients computed with {weights} already updated: {needs}; compute every gradient first, then update";
    }
}
