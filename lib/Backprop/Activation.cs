using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>The ReLU activation of the hidden layers, and its derivative.</summary>
public static class Activation
{
    /// <summary><c>relu(x) = np.maximum(0, x)</c>, element by element.</summary>
    public static Matrix<double> Relu(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Map(value => Math.Max(0.0, value));
    }

    /// <summary>
    /// <c>relu_derivative(x) = (x &gt; 0).astype(float)</c>: 1 where the unit is active, 0 elsewhere
    /// (at exactly 0 the derivative is taken as 0, as in the original).
    /// </summary>
    public static Matrix<double> ReluDerivative(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Map(value => value > 0.0 ? 1.0 : 0.0);
    }
}
