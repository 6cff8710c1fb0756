using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// Every quantity the backward pass computes, not only the parameter gradients that <see cref="Network.Backward"/>
/// returns: <c>dL_dy</c>, then for each layer on the way back <c>dL_dW</c>, <c>dL_db</c>, <c>dL_da</c> and <c>dL_dz</c>.
/// The grader compares a student's intermediates with these, and the pictures print them on the wires.
/// </summary>
/// <remarks>
/// The same loop as <see cref="Network.Backward"/> (its tests check that the parameter gradients are equal), kept
/// separate because it also keeps what the network throws away, and because the grader replays it with a
/// <see cref="PlantedMistake"/> to recognise what a student did.
/// </remarks>
public sealed class BackwardTrace
{
    private BackwardTrace(
        Matrix<double> dL_dy, Matrix<double>[] dL_dz, Matrix<double>[] dL_da, Matrix<double>[] dL_dW, Vector<double>[] dL_db)
    {
        this.dL_dy = dL_dy;
        this.dL_dz = dL_dz;
        this.dL_da = dL_da;
        this.dL_dW = dL_dW;
        this.dL_db = dL_db;
    }

    /// <summary><c>dL_dy = mse_derivative(y, y_pred)</c>, samples × outputs.</summary>
    public Matrix<double> dL_dy { get; }

    /// <summary><c>dL_dz1, dL_dz2, …</c>, one per layer (samples × units); the last is <c>dL_dy</c>, as the output layer is linear.</summary>
    public IReadOnlyList<Matrix<double>> dL_dz { get; }

    /// <summary><c>dL_da1, dL_da2, …</c>, one per hidden layer (samples × units): <c>dL_da1 = dL_dz2 @ W2.T</c>.</summary>
    public IReadOnlyList<Matrix<double>> dL_da { get; }

    /// <summary><c>dL_dW1, dL_dW2, …</c>, each shaped like its weight matrix.</summary>
    public IReadOnlyList<Matrix<double>> dL_dW { get; }

    /// <summary><c>dL_db1, dL_db2, …</c>, each as long as its bias.</summary>
    public IReadOnlyList<Vector<double>> dL_db { get; }

    /// <summary>The backward pass of <paramref name="network"/> on its forward pass and the targets, keeping every intermediate.</summary>
    /// <exception cref="InvalidInputException">y does not fit the forward pass.</exception>
    public static BackwardTrace Of(Network network, ForwardPass forward, Matrix<double> target)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(forward);
        Checks.RequireTargetFor(network, forward.Input, target);
        return With(network, forward, target, PlantedMistake.None);
    }

    /// <summary>The backward pass with <paramref name="mistake"/> planted in it, on checked inputs.</summary>
    internal static BackwardTrace With(Network network, ForwardPass forward, Matrix<double> target, PlantedMistake mistake)
    {
        var layers = network.LayerCount;
        var dz = new Matrix<double>[layers];
        var da = new Matrix<double>[layers - 1];
        var dW = new Matrix<double>[layers];
        var db = new Vector<double>[layers];

        var dL_dy = mistake.MseFactor * Loss.MseDerivativeCore(target, forward.Prediction);  // dL_dy = 2 * (y_pred - y) / y.size
        dz[layers - 1] = dL_dy;
        for (var i = layers - 1; i >= 0; i--)
        {
            dW[i] = forward.InputOf(i).TransposeThisAndMultiply(dz[i]);                // dL_dW3 = a2.T @ dL_dy
            db[i] = dz[i].SumOfEachColumn();                                            // dL_db3 = np.sum(dL_dy, axis=0)
            if (i > 0)
            {
                var W = mistake.UpdatesEarly(i) ? network.Weights[i] - (mistake.LearningRate * dW[i]) : network.Weights[i];
                da[i - 1] = dz[i].TransposeAndMultiply(W);                              // dL_da2 = dL_dy @ W3.T
                dz[i - 1] = mistake.SkipsReluDerivative(i - 1)
                    ? da[i - 1]
                    : da[i - 1].PointwiseMultiply(Activation.ReluDerivative(forward.PreActivations[i - 1])); // dL_dz2 = dL_da2 * relu_derivative(z2)
            }
        }

        return new BackwardTrace(dL_dy, dz, da, dW, db);
    }
}
