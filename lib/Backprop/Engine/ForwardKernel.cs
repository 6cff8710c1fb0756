using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Backprop.Engine;

/// <summary>
/// One layer of the forward pass on one tile: <c>Z = A·W + b</c>, then <c>A' = relu(Z)</c> on hidden layers.
/// </summary>
/// <remarks>
/// Tiles are stored feature by feature (see <see cref="BatchPartition"/>), so the kernel computes
/// <c>Zᵀ[j, r] = Σₖ W[k, j] · Aᵀ[k, r]</c> with the samples r along SIMD lanes: each weight is broadcast and
/// multiplied into a whole vector of samples. A register block holds 4 outputs × 2 vectors of samples
/// (8 independent sums, enough to keep both FMA units busy); leftover outputs take 1 output × 4 vectors.
/// The bias is added after the sum, as <c>(A·W) + b</c> adds it, and ReLU is applied as the result is stored.
/// </remarks>
internal static class ForwardKernel
{
    /// <param name="input">Aᵀ: <paramref name="inputs"/> rows of samples, <paramref name="inputStride"/> apart.</param>
    /// <param name="inputStride">Distance between two input rows.</param>
    /// <param name="inputs">n_in: rows of Aᵀ.</param>
    /// <param name="weights">W (inputs × outputs) in column-major order: <c>W[k, j]</c> at <c>j·inputs + k</c>.</param>
    /// <param name="bias">b, one value per output.</param>
    /// <param name="output">Zᵀ or relu(Zᵀ): <paramref name="outputs"/> rows, <paramref name="outputStride"/> apart.</param>
    /// <param name="outputStride">Distance between two output rows.</param>
    /// <param name="outputs">n_out: rows of Zᵀ.</param>
    /// <param name="samples">Samples in the tile, a multiple of <see cref="BatchPartition.SampleGranule"/>.</param>
    /// <param name="relu">Whether this is a hidden layer (ReLU) or the linear output layer.</param>
    public static void Run(
        ReadOnlySpan<double> input, int inputStride, int inputs,
        ReadOnlySpan<double> weights, ReadOnlySpan<double> bias,
        Span<double> output, int outputStride, int outputs,
        int samples, bool relu)
    {
        Debug.Assert(samples % BatchPartition.SampleGranule == 0);
        Debug.Assert(input.Length >= ((inputs - 1) * inputStride) + samples);
        Debug.Assert(output.Length >= ((outputs - 1) * outputStride) + samples);
        Debug.Assert(weights.Length >= inputs * outputs && bias.Length >= outputs);

        var j = 0;
        for (; j + 4 <= outputs; j += 4)
        {
            FourOutputs(input, inputStride, inputs, weights, bias, output, outputStride, j, samples, relu);
        }

        for (; j < outputs; j++)
        {
            OneOutput(input, inputStride, inputs, weights, bias, output, outputStride, j, samples, relu);
        }
    }

    // Zᵀ[j..j+3, r..r+2V) = Σₖ W[k, j..j+3] · Aᵀ[k, r..r+2V) + b[j..j+3], then relu.
    private static void FourOutputs(
        ReadOnlySpan<double> input, int inputStride, int inputs,
        ReadOnlySpan<double> weights, ReadOnlySpan<double> bias,
        Span<double> output, int outputStride, int j, int samples, bool relu)
    {
        var width = Vector<double>.Count;
        ref var a = ref MemoryMarshal.GetReference(input);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var o = ref MemoryMarshal.GetReference(output);
        var w0 = j * inputs;
        var w1 = w0 + inputs;
        var w2 = w1 + inputs;
        var w3 = w2 + inputs;
        for (var r = 0; r < samples; r += 2 * width)
        {
            Vector<double> s00 = default, s01 = default, s10 = default, s11 = default;
            Vector<double> s20 = default, s21 = default, s30 = default, s31 = default;
            for (var k = 0; k < inputs; k++)
            {
                var row = (nuint)((k * inputStride) + r);
                var x0 = Vector.LoadUnsafe(ref a, row);
                var x1 = Vector.LoadUnsafe(ref a, row + (nuint)width);
                var c0 = new Vector<double>(Unsafe.Add(ref w, w0 + k));
                s00 = Vector.FusedMultiplyAdd(x0, c0, s00);
                s01 = Vector.FusedMultiplyAdd(x1, c0, s01);
                var c1 = new Vector<double>(Unsafe.Add(ref w, w1 + k));
                s10 = Vector.FusedMultiplyAdd(x0, c1, s10);
                s11 = Vector.FusedMultiplyAdd(x1, c1, s11);
                var c2 = new Vector<double>(Unsafe.Add(ref w, w2 + k));
                s20 = Vector.FusedMultiplyAdd(x0, c2, s20);
                s21 = Vector.FusedMultiplyAdd(x1, c2, s21);
                var c3 = new Vector<double>(Unsafe.Add(ref w, w3 + k));
                s30 = Vector.FusedMultiplyAdd(x0, c3, s30);
                s31 = Vector.FusedMultiplyAdd(x1, c3, s31);
            }

            Store(ref o, (j * outputStride) + r, s00, s01, bias[j], relu);
            Store(ref o, ((j + 1) * outputStride) + r, s10, s11, bias[j + 1], relu);
            Store(ref o, ((j + 2) * outputStride) + r, s20, s21, bias[j + 2], relu);
            Store(ref o, ((j + 3) * outputStride) + r, s30, s31, bias[j + 3], relu);
        }
    }

    // Zᵀ[j, r..r+4V) = Σₖ W[k, j] · Aᵀ[k, r..r+4V) + b[j], then relu.
    private static void OneOutput(
        ReadOnlySpan<double> input, int inputStride, int inputs,
        ReadOnlySpan<double> weights, ReadOnlySpan<double> bias,
        Span<double> output, int outputStride, int j, int samples, bool relu)
    {
        var width = Vector<double>.Count;
        ref var a = ref MemoryMarshal.GetReference(input);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var o = ref MemoryMarshal.GetReference(output);
        var w0 = j * inputs;
        for (var r = 0; r < samples; r += 4 * width)
        {
            Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (var k = 0; k < inputs; k++)
            {
                var row = (nuint)((k * inputStride) + r);
                var c = new Vector<double>(Unsafe.Add(ref w, w0 + k));
                s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, row), c, s0);
                s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, row + (nuint)width), c, s1);
                s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, row + (nuint)(2 * width)), c, s2);
                s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, row + (nuint)(3 * width)), c, s3);
            }

            var at = (j * outputStride) + r;
            Store(ref o, at, s0, s1, bias[j], relu);
            Store(ref o, at + (2 * width), s2, s3, bias[j], relu);
        }
    }

    // out[at .. at+2V) = relu?(sum + b): the bias is added after the product, as (A·W) + b does.
    private static void Store(ref double output, int at, Vector<double> sum0, Vector<double> sum1, double b, bool relu)
    {
        var bias = new Vector<double>(b);
        var z0 = sum0 + bias;
        var z1 = sum1 + bias;
        if (relu)
        {
            // Vector.Max propagates NaN and prefers +0, exactly as Math.Max(0, z) in Activation.Relu.
            z0 = Vector.Max(z0, Vector<double>.Zero);
            z1 = Vector.Max(z1, Vector<double>.Zero);
        }

        z0.StoreUnsafe(ref output, (nuint)at);
        z1.StoreUnsafe(ref output, (nuint)(at + Vector<double>.Count));
    }
}
