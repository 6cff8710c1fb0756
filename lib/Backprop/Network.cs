using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// A fully connected network: ReLU hidden layers, a linear output layer, trained on the mean squared error.
/// The original notebook's network is <c>Network.Create([3, 2, 2, 1], new NumPyRandom(0))</c>.
/// </summary>
/// <remarks>
/// Weights are stored as NumPy stores them: <c>W</c> is n_in×n_out, so a layer computes <c>X @ W + b</c>
/// with one sample per row of <c>X</c>.
/// </remarks>
public sealed class Network
{
    private readonly Matrix<double>[] _weights;
    private readonly Vector<double>[] _biases;

    /// <summary>Creates a network from existing parameters (copied), for example ones loaded from a file.</summary>
    /// <param name="weights">One n_in×n_out matrix per layer.</param>
    /// <param name="biases">One vector of length n_out per layer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> or <paramref name="biases"/> is null.</exception>
    /// <exception cref="InvalidInputException">An entry is missing (null), the shapes do not chain, or a parameter is not finite.</exception>
    public Network(IEnumerable<Matrix<double>> weights, IEnumerable<Vector<double>> biases)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        var given = weights.ToArray();
        var givenBiases = biases.ToArray();
        LayerSizes = Checks.RequireNetworkShape(given, givenBiases);
        _weights = given.Select(w => w!.Clone()).ToArray();
        _biases = givenBiases.Select(b => b!.Clone()).ToArray();
    }

    /// <summary>
    /// Creates a network with random weights drawn from <paramref name="random"/> in layer order
    /// (<c>W1 = randn(n0, n1)</c>, then <c>W2</c>, …) and zero biases, as the original notebook does.
    /// </summary>
    /// <param name="layerSizes">Units per layer, input first: <c>[3, 2, 2, 1]</c> for the original.</param>
    /// <param name="random">The generator; its state advances by one normal per weight.</param>
    /// <param name="initialization"><see cref="Initialization.Randn"/> as the original, or <see cref="Initialization.He"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layerSizes"/> or <paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialization"/> is not a defined value.</exception>
    /// <exception cref="InvalidInputException">There are fewer than two layers, or a layer has no units.</exception>
    public static Network Create(IReadOnlyList<int> layerSizes, NumPyRandom random, Initialization initialization = Initialization.Randn)
    {
        Checks.RequireLayerSizes(layerSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (!Enum.IsDefined(initialization))
        {
            throw new ArgumentOutOfRangeException(nameof(initialization), initialization, "Use Initialization.Randn or Initialization.He.");
        }

        var weights = new List<Matrix<double>>();
        var biases = new List<Vector<double>>();
        for (var layer = 0; layer < layerSizes.Count - 1; layer++)
        {
            int inputs = layerSizes[layer], outputs = layerSizes[layer + 1];
            var w = random.Randn(inputs, outputs);
            if (initialization == Initialization.He)
            {
                var scale = Math.Sqrt(2.0 / inputs);
                w = w.Map(value => value * scale);
            }

            weights.Add(w);
            biases.Add(Vector<double>.Build.Dense(outputs));
        }

        return new Network(weights, biases);
    }

    /// <summary>Units per layer, input first: <c>[3, 2, 2, 1]</c> for the original.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>How many numbers training adjusts: every weight and every bias.</summary>
    public int ParameterCount => _weights.Sum(w => w.RowCount * w.ColumnCount) + _biases.Sum(b => b.Count);

    /// <summary>Number of weight layers (one less than the number of entries in <see cref="LayerSizes"/>).</summary>
    public int LayerCount => _weights.Length;

    /// <summary><c>W1, W2, …</c>: each n_in×n_out. Changing them changes the network.</summary>
    public IReadOnlyList<Matrix<double>> Weights => _weights;

    /// <summary><c>b1, b2, …</c>: each of length n_out. Changing them changes the network.</summary>
    public IReadOnlyList<Vector<double>> Biases => _biases;

    /// <summary>How many times <see cref="Update"/> (or training) has changed the parameters: a forward pass made before the last update no longer matches them.</summary>
    internal int UpdateCount { get; private set; }

    /// <summary>A deep copy, so that one can be trained while the other is kept.</summary>
    /// <exception cref="InvalidInputException">A parameter is not finite (after a <see cref="TrainingDivergedException"/>).</exception>
    public Network Clone() => new(_weights, _biases);

    /// <summary>
    /// The forward pass, keeping every intermediate:
    /// <code>
    /// z1 = X @ W1 + b1;   a1 = relu(z1)
    /// z2 = a1 @ W2 + b2;  a2 = relu(z2)
    /// z3 = a2 @ W3 + b3;  y_pred = z3      (linear output layer)
    /// </code>
    /// </summary>
    /// <param name="input">X: one sample per row, one feature per column.</param>
    /// <exception cref="InvalidInputException">X is empty, holds a NaN or infinity, or does not have one column per input unit; or a weight or bias is not finite (training diverged).</exception>
    public ForwardPass Forward(Matrix<double> input)
    {
        Checks.RequireInput(this, input);
        return ForwardCore(input);
    }

    /// <summary>The prediction <c>y_pred</c> for each row of <paramref name="input"/>.</summary>
    /// <inheritdoc cref="Forward"/>
    public Matrix<double> Predict(Matrix<double> input) => Forward(input).Prediction;

    /// <summary>
    /// The backward pass: the chain rule applied from the loss back to the first layer.
    /// <code>
    /// dL_dy  = mse_derivative(y, y_pred)            (for the output layer, dL_dz = dL_dy)
    /// dL_dW  = a_prev.T @ dL_dz                     (how the loss changes with each weight)
    /// dL_db  = np.sum(dL_dz, axis=0)                (each bias touches every sample)
    /// dL_da_prev = dL_dz @ W.T                      (pass the error back through the weights)
    /// dL_dz_prev = dL_da_prev * relu_derivative(z_prev)   (and through the ReLU)
    /// </code>
    /// </summary>
    /// <remarks>
    /// The forward pass must be this network's, made since its last <see cref="Update"/>: a pass remembers the network
    /// that made it and that network's update count. A shape check would not do: a <see cref="Clone"/> has the same
    /// shapes but other weights once one of them is trained, and its backward pass would silently mix the two.
    /// Values written straight into <see cref="Weights"/> or <see cref="Biases"/> are not tracked.
    /// </remarks>
    /// <param name="forward">This network's forward pass on the input, made since its last update.</param>
    /// <param name="target">y: the wanted outputs, one row per sample.</param>
    /// <exception cref="InvalidInputException">The forward pass is another network's or older than the last update; y does not have one row per sample and one column per output, or holds a NaN or infinity; or a gradient overflowed.</exception>
    public Gradients Backward(ForwardPass forward, Matrix<double> target)
    {
        ArgumentNullException.ThrowIfNull(forward);
        Checks.RequireForwardOf(this, forward);
        Checks.RequireTargetFor(this, forward.Input, target);
        var gradients = BackwardCore(forward, target);
        if (Finite.FirstNonFinite(gradients.Weights, gradients.Biases, "dL_dW", "dL_db") is { } entry)
        {
            throw new InvalidInputException(
                $"The backward pass made {entry.Name} {Finite.Describe(entry.Value)}: X, y or the weights hold values too large. Scale the data (for example to mean 0 and spread 1) or start from smaller weights.");
        }

        return gradients;
    }

    /// <summary>
    /// One step of gradient descent on every parameter: <c>W -= lr * dL_dW</c>, <c>b -= lr * dL_db</c>.
    /// </summary>
    /// <remarks>The step is tried on a copy first: a step that would make a parameter NaN or infinite is refused, and the network is left as it was.</remarks>
    /// <param name="gradients">Gradients shaped like this network's parameters.</param>
    /// <param name="learningRate">lr: a finite number above 0.</param>
    /// <exception cref="InvalidInputException">The gradients belong to a network of another shape, the learning rate is invalid, or the step would make a parameter NaN or infinite.</exception>
    public void Update(Gradients gradients, double learningRate)
    {
        Checks.RequireGradientsFor(this, gradients);
        Checks.RequireLearningRate(learningRate);
        var trial = Clone();
        trial.UpdateCore(gradients, learningRate);
        if (trial.FirstNonFiniteParameter() is { } entry)
        {
            throw new InvalidInputException(
                $"This update would make {entry.Name} {Finite.Describe(entry.Value)} (learning rate {learningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}): " +
                "use a smaller learning rate. The network is unchanged.");
        }

        UpdateCore(gradients, learningRate);
    }

    /// <summary>The mean squared error of the network's predictions on <paramref name="input"/>.</summary>
    /// <exception cref="InvalidInputException">X and y do not fit the network.</exception>
    public double LossOn(Matrix<double> input, Matrix<double> target)
    {
        Checks.RequireTarget(this, input, target);
        return Loss.MseCore(target, ForwardCore(input).Prediction);
    }

    /// <summary>Whether every weight and bias is a finite number.</summary>
    internal bool ParametersAreFinite() => FirstNonFiniteParameter() is null;

    /// <summary>The first weight or bias that is not a finite number, as <c>W2[0,1]</c> with its value; null if all are finite.</summary>
    internal (string Name, double Value)? FirstNonFiniteParameter() => Finite.FirstNonFinite(_weights, _biases);

    // The passes themselves, on inputs the public methods above have checked.
    internal ForwardPass ForwardCore(Matrix<double> input)
    {
        var z = new Matrix<double>[LayerCount];
        var a = new Matrix<double>[LayerCount];
        var previous = input;                                           // a0 = X
        for (var i = 0; i < LayerCount; i++)
        {
            z[i] = (previous * _weights[i]).AddToEachRow(_biases[i]);   // z1 = X @ W1 + b1
            a[i] = i < LayerCount - 1 ? Activation.Relu(z[i]) : z[i];   // a1 = relu(z1); y_pred = z3 (linear)
            previous = a[i];
        }

        return new ForwardPass(this, input, z, a);
    }

    internal Gradients BackwardCore(ForwardPass forward, Matrix<double> target)
    {
        var dW = new Matrix<double>[LayerCount];
        var db = new Vector<double>[LayerCount];

        var dz = Loss.MseDerivativeCore(target, forward.Prediction);                   // dL_dy = mse_derivative(y, y_pred)
        for (var i = LayerCount - 1; i >= 0; i--)
        {
            dW[i] = forward.InputOf(i).Transpose() * dz;                                // dL_dW3 = a2.T @ dL_dy
            db[i] = dz.SumOfEachColumn();                                               // dL_db3 = np.sum(dL_dy, axis=0)
            if (i > 0)
            {
                var da = dz * _weights[i].Transpose();                                  // dL_da2 = dL_dy @ W3.T
                dz = da.PointwiseMultiply(Activation.ReluDerivative(forward.PreActivations[i - 1])); // dL_dz2 = dL_da2 * relu_derivative(z2)
            }
        }

        return new Gradients(dW, db);
    }

    internal void UpdateCore(Gradients gradients, double learningRate)
    {
        for (var i = 0; i < LayerCount; i++)
        {
            var W = _weights[i];
            var b = _biases[i];
            W.Subtract(learningRate * gradients.Weights[i], W);                         // W -= lr * dL_dW
            b.Subtract(learningRate * gradients.Biases[i], b);                          // b -= lr * dL_db
        }

        UpdateCount++;
    }
}
