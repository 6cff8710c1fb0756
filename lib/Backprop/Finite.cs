using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>Whether numbers are finite, and which is the first that is not, named as the lessons name parameters (<c>W2[0,1]</c>).</summary>
internal static class Finite
{
    /// <summary>Whether every entry of <paramref name="m"/> is a finite number.</summary>
    public static bool All(Matrix<double> m) => m.Enumerate().All(double.IsFinite);

    /// <summary>Whether every entry of <paramref name="v"/> is a finite number.</summary>
    public static bool All(Vector<double> v) => v.All(double.IsFinite);

    /// <summary>
    /// The first entry that is not finite, layer by layer (the weights of a layer, then its bias), named
    /// <c>W2[0,1]</c> or <c>b3[0]</c> with the given prefixes (layers 1-based, indices 0-based as in NumPy); null if all are finite.
    /// </summary>
    public static (string Name, double Value)? FirstNonFinite(
        IReadOnlyList<Matrix<double>> weights, IReadOnlyList<Vector<double>> biases, string weightPrefix = "W", string biasPrefix = "b")
    {
        for (var layer = 0; layer < weights.Count; layer++)
        {
            var w = weights[layer];
            for (var row = 0; row < w.RowCount; row++)
            {
                for (var column = 0; column < w.ColumnCount; column++)
                {
                    if (!double.IsFinite(w[row, column]))
                    {
                        return (WeightName(weightPrefix, layer, row, column), w[row, column]);
                    }
                }
            }

            var b = biases[layer];
            for (var index = 0; index < b.Count; index++)
            {
                if (!double.IsFinite(b[index]))
                {
                    return (BiasName(biasPrefix, layer, index), b[index]);
                }
            }
        }

        return null;
    }

    /// <summary><c>W2[0,1]</c>: weight (row, column) of layer <paramref name="layer"/> (0-based), as the lessons write it.</summary>
    public static string WeightName(string prefix, int layer, int row, int column) => $"{prefix}{layer + 1}[{row},{column}]";

    /// <summary><c>b3[0]</c>: bias entry <paramref name="index"/> of layer <paramref name="layer"/> (0-based), as the lessons write it.</summary>
    public static string BiasName(string prefix, int layer, int index) => $"{prefix}{layer + 1}[{index}]";

    /// <summary>A non-finite number in words: "NaN", "infinite" or "minus infinite".</summary>
    public static string Describe(double value) => value switch
    {
        double.PositiveInfinity => "infinite",
        double.NegativeInfinity => "minus infinite",
        double.NaN => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
