using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Backprop.Engine;

/// <summary>
/// The loss and the error of the output layer on one tile: <c>Σ (y − y_pred)²</c> and
/// <c>dZ = mse_derivative(y, y_pred) = 2·(y_pred − y) / y.size</c>.
/// </summary>
/// <remarks>
/// The output layer is linear, so its <c>dZ</c> is <c>dL/dy_pred</c>. It overwrites the prediction, which nothing
/// needs afterwards. Padding samples (past the end of the batch) get <c>dZ = 0</c> and add nothing to the loss,
/// so they add nothing to any gradient either.
/// </remarks>
internal static class OutputErrorKernel
{
    /// <summary>
    /// The scalar reference for <see cref="Run{V, S}"/>: the same loss and <c>dZ</c>, one sample at a time.
    /// Each <c>dZ</c> is computed as the kernel computes it, so it is the same to the bit; the loss adds the
    /// squares in another order (the kernel adds them lane by lane), so it agrees to rounding.
    /// </summary>
    /// <param name="target">yᵀ: n_out rows of the tile's real samples.</param>
    /// <param name="predictionInDeltaOut">y_predᵀ on entry, dZᵀ on return: n_out rows, padding samples included.</param>
    /// <param name="size">y.size: samples × outputs of the whole batch.</param>
    /// <returns>This tile's <c>Σ (y − y_pred)²</c>.</returns>
    internal static double Reference(FeatureRows target, FeatureRows predictionInDeltaOut, double size)
    {
        var squares = 0.0;
        for (var j = 0; j < target.Count; j++)
        {
            var p = predictionInDeltaOut.Row(j);
            squares += Reference(target.Row(j), p[..target.Length], size);
            p[target.Length..].Clear();
        }

        return squares;
    }

    // Σ (y − p)² over one row's samples, and p ← 2·(p − y) / size in place.
    private static double Reference(ReadOnlySpan<double> y, Span<double> p, double size)
    {
        var squares = 0.0;
        for (var r = 0; r < p.Length; r++)
        {
            var difference = p[r] - y[r];
            squares += difference * difference;
            p[r] = 2.0 * difference / size;
        }

        return squares;
    }

    /// <param name="target">yᵀ: n_out rows of the tile's real samples.</param>
    /// <param name="predictionInDeltaOut">y_predᵀ on entry, dZᵀ on return: n_out rows, padding samples included.</param>
    /// <param name="size">y.size: samples × outputs of the whole batch.</param>
    /// <returns>This tile's <c>Σ (y − y_pred)²</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Run<V, S>(FeatureRows target, FeatureRows predictionInDeltaOut, double size)
        where V : struct
        where S : ISimd<V>
    {
        var samples = target.Length;
        Debug.Assert(target.Count == predictionInDeltaOut.Count && samples <= predictionInDeltaOut.Length);

        var width = S.Count;
        var whole = samples - (samples % width);
        var two = S.Create(2.0);
        var sizes = S.Create(size);
        var squares = S.Zero;
        var tail = 0.0;
        for (var j = 0; j < target.Count; j++)
        {
            var y = target.Row(j);
            var p = predictionInDeltaOut.Row(j);
            var r = 0;
            for (; r < whole; r += width)
            {
                // (y − p)² = (p − y)²: the same number, so one difference serves the loss and dZ.
                var difference = S.Subtract(S.Load(ref p[r], 0), S.Load(ref y[r], 0));
                squares = S.Add(squares, S.Multiply(difference, difference));
                S.Store(S.Divide(S.Multiply(two, difference), sizes), ref p[r], 0);
            }

            tail += Reference(y[r..], p[r..samples], size);
            p[samples..].Clear();
        }

        return S.Sum(squares) + tail;
    }
}
