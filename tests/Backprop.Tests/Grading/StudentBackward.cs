using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

/// <summary>The slips a student can make in lesson 2's backward pass; each test plants one.</summary>
public enum Slip
{
    None,
    TransposedW1,       // dL_dW1 = dL_dz1.T @ X: 2×3 instead of 3×2
    TransposedW2,       // dL_dW2 = dL_dz2.T @ a1: 2×2, the transpose of the right one
    NoReluDerivative2,  // dL_dz2 = dL_da2
    NoReluDerivative1,  // dL_dz1 = dL_da1
    NoFactorTwo,        // dL_dy = (y_pred - y) / y.size
    WrongAxis,          // dL_db = np.sum(dL_dz, axis=1)
    EarlyUpdate,        // W3 -= lr * dL_dW3 before dL_da2 = dL_dy @ W3.T
    WrongSign,          // dL_dy = 2 * (y - y_pred) / y.size
}

/// <summary>
/// A student's backward pass and update for the 3-2-2-1 network, written line by line as lesson 1's train cell writes
/// it (not through the library), with one slip planted.
/// </summary>
internal sealed record StudentBackward(
    Matrix<double> dL_dy, Matrix<double> dL_da2, Matrix<double> dL_dz2, Matrix<double> dL_da1, Matrix<double> dL_dz1,
    Matrix<double> dL_dW1, Matrix<double> dL_dW2, Matrix<double> dL_dW3, Vector<double> dL_db1, Vector<double> dL_db2, Vector<double> dL_db3,
    Matrix<double> W1, Matrix<double> W2, Matrix<double> W3, Vector<double> b1, Vector<double> b2, Vector<double> b3)
{
    public const double lr = 0.01;

    public static StudentBackward Write(RandomProblem problem, Slip slip)
    {
        var (X, y) = (problem.X, problem.Y);
        var (W1, W2, W3) = (problem.Network.Weights[0].Clone(), problem.Network.Weights[1].Clone(), problem.Network.Weights[2].Clone());
        var (b1, b2, b3) = (problem.Network.Biases[0].Clone(), problem.Network.Biases[1].Clone(), problem.Network.Biases[2].Clone());
        Matrix<double> relu(Matrix<double> x) => x.Map(v => Math.Max(0, v));
        Matrix<double> relu_derivative(Matrix<double> x) => x.Map(v => v > 0 ? 1.0 : 0.0);
        Vector<double> sum(Matrix<double> dz) => slip == Slip.WrongAxis ? dz.RowSums() : dz.ColumnSums();

        var z1 = (X * W1).AddToEachRow(b1);
        var a1 = relu(z1);
        var z2 = (a1 * W2).AddToEachRow(b2);
        var a2 = relu(z2);
        var z3 = (a2 * W3).AddToEachRow(b3);
        var y_pred = z3;

        var n = y.RowCount * y.ColumnCount;
        var dL_dy = slip switch
        {
            Slip.NoFactorTwo => (y_pred - y) / n,
            Slip.WrongSign => 2 * (y - y_pred) / n,
            _ => 2 * (y_pred - y) / n,
        };
        var dL_dW3 = a2.Transpose() * dL_dy;
        var dL_db3 = sum(dL_dy);
        if (slip == Slip.EarlyUpdate)
        {
            W3 = Step(W3, dL_dW3);
            b3 = Step(b3, dL_db3);
        }

        var dL_da2 = dL_dy * W3.Transpose();
        var dL_dz2 = slip == Slip.NoReluDerivative2 ? dL_da2 : dL_da2.PointwiseMultiply(relu_derivative(z2));
        var dL_dW2 = slip == Slip.TransposedW2 ? dL_dz2.Transpose() * a1 : a1.Transpose() * dL_dz2;
        var dL_db2 = sum(dL_dz2);
        var dL_da1 = dL_dz2 * W2.Transpose();
        var dL_dz1 = slip == Slip.NoReluDerivative1 ? dL_da1 : dL_da1.PointwiseMultiply(relu_derivative(z1));
        var dL_dW1 = slip == Slip.TransposedW1 ? dL_dz1.Transpose() * X : X.Transpose() * dL_dz1;
        var dL_db1 = sum(dL_dz1);

        if (slip != Slip.EarlyUpdate)
        {
            W3 = Step(W3, dL_dW3);
            b3 = Step(b3, dL_db3);
        }

        W2 = Step(W2, dL_dW2);
        b2 = Step(b2, dL_db2);
        W1 = Step(W1, dL_dW1);
        b1 = Step(b1, dL_db1);
        return new StudentBackward(dL_dy, dL_da2, dL_dz2, dL_da1, dL_dz1, dL_dW1, dL_dW2, dL_dW3, dL_db1, dL_db2, dL_db3, W1, W2, W3, b1, b2, b3);
    }

    /// <summary>W -= lr * dL_dW, where the shapes let the student run it (a wrong-shaped gradient stops them in NumPy).</summary>
    private static Matrix<double> Step(Matrix<double> W, Matrix<double> dW) =>
        W.RowCount == dW.RowCount && W.ColumnCount == dW.ColumnCount ? W - (lr * dW) : W;

    private static Vector<double> Step(Vector<double> b, Vector<double> db) => b.Count == db.Count ? b - (lr * db) : b;

    public Backprop.Grading.GradingReport Grade(RandomProblem problem) =>
        Backprop.Grading.BackwardGrader.Check(
            problem.Network, problem.X, problem.Y,
            dL_dW: [dL_dW1, dL_dW2, dL_dW3], dL_db: [dL_db1, dL_db2, dL_db3],
            dL_dz: [dL_dz1, dL_dz2], dL_da: [dL_da1, dL_da2],
            newW: [W1, W2, W3], newB: [b1, b2, b3], learningRate: lr);
}
