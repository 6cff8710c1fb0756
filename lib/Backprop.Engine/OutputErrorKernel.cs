using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

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
    /// <param name="target">yᵀ: <paramref name="outputs"/> rows of targets, <paramref name="targetStride"/> apart.</param>
    /// <param name="targetStride">Distance between two rows of yᵀ.</param>
    /// <param name="predictionInDeltaOut">y_predᵀ on entry, dZᵀ on return: <paramref name="outputs"/> rows, <paramref name="stride"/> apart.</param>
    /// <param name="stride">Distance between two rows of y_predᵀ.</param>
    /// <param name="outputs">n_out: outputs of the network.</param>
    /// <param name="samples">Real samples in the tile.</param>
    /// <param name="paddedSamples">Samples including padding, a multiple of <see cref="BatchPartition.SampleGranule"/>.</param>
    /// <param name="size">y.size: samples × outputs of the whole batch.</param>
    /// <returns>This tile's <c>Σ (y − y_pred)²</c>.</returns>
    public static double Run(
        ReadOnlySpan<double> target, int targetStride,
        Span<double> predictionInDeltaOut, int stride, int outputs,
        int samples, int paddedSamples, double size)
    {
        Debug.Assert(paddedSamples % BatchPartition.SampleGranule == 0 && samples <= paddedSamples);
        Debug.Assert(target.Length >= ((outputs - 1) * targetStride) + samples);
        Debug.Assert(predictionInDeltaOut.Length >= ((outputs - 1) * stride) + paddedSamples);

        var width = Vector<double>.Count;
        var whole = samples - (samples % width);
        var two = new Vector<double>(2.0);
        var sizes = new Vector<double>(size);
        var squares = Vector<double>.Zero;
        var tail = 0.0;
        for (var j = 0; j < outputs; j++)
        {
            var y = target.Slice(j * targetStride, samples);
            var p = predictionInDeltaOut.Slice(j * stride, paddedSamples);
            var r = 0;
            for (; r < whole; r += width)
            {
                // (y − p)² = (p − y)²: the same number, so one difference serves the loss and dZ.
                var difference = new Vector<double>(p[r..]) - new Vector<double>(y[r..]);
                squares += difference * difference;
                (two * difference / sizes).CopyTo(p[r..]);
            }

            for (; r < samples; r++)
            {
                var difference = p[r] - y[r];
                tail += difference * difference;
                p[r] = 2.0 * difference / size;
            }

            p[samples..].Clear();
        }

        return Vector.Sum(squares) + tail;
    }
}
