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
/// multiplied into whole vectors of samples. A register block holds 3 outputs × 4 vectors of samples: 12
/// independent sums for 3 broadcasts and 4 loads per step of k, enough to keep both FMA units busy. Leftover
/// outputs take 1 output × 4 vectors. The bias is added after the sum, as <c>(A·W) + b</c> adds it, and ReLU is
/// applied as the result is stored.
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

        ref var a = ref MemoryMarshal.GetReference(input);
        ref var w = ref MemoryMarshal.GetReference(weights);
        ref var o = ref MemoryMarshal.GetReference(output);
        for (var r = 0; r < samples; r += BatchPartition.SampleGranule)
        {
            var j = 0;
            for (; j + 3 <= outputs; j += 3)
            {
                ThreeOutputs(ref Unsafe.Add(ref a, r), inputStride, inputs, ref Unsafe.Add(ref w, j * inputs), bias[j..], ref Unsafe.Add(ref o, (j * outputStride) + r), outputStride, relu);
            }

            for (; j < outputs; j++)
            {
                OneOutput(ref Unsafe.Add(ref a, r), inputStride, inputs, ref Unsafe.Add(ref w, j * inputs), bias[j], ref Unsafe.Add(ref o, (j * outputStride) + r), relu);
            }
        }
    }

    // Zᵀ[j..j+2, r..r+4V) = Σₖ W[k, j..j+2] · Aᵀ[k, r..r+4V) + b[j..j+2], then relu.
    private static void ThreeOutputs(
        ref double input, int inputStride, int inputs, ref double weights, ReadOnlySpan<double> bias,
        ref double output, int outputStride, bool relu)
    {
        var width = (nuint)Vector<double>.Count;
        Vector<double> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector<double> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector<double> s20 = default, s21 = default, s22 = default, s23 = default;
        ref var row = ref input;
        ref var w = ref weights; // W[k, j], with W[k, j+1] and W[k, j+2] one and two columns further
        for (var k = 0; k < inputs; k++)
        {
            var c0 = new Vector<double>(w);
            var c1 = new Vector<double>(Unsafe.Add(ref w, inputs));
            var c2 = new Vector<double>(Unsafe.Add(ref w, 2 * inputs));
            var x = Vector.LoadUnsafe(ref row);
            s00 = Vector.FusedMultiplyAdd(x, c0, s00);
            s10 = Vector.FusedMultiplyAdd(x, c1, s10);
            s20 = Vector.FusedMultiplyAdd(x, c2, s20);
            x = Vector.LoadUnsafe(ref row, width);
            s01 = Vector.FusedMultiplyAdd(x, c0, s01);
            s11 = Vector.FusedMultiplyAdd(x, c1, s11);
            s21 = Vector.FusedMultiplyAdd(x, c2, s21);
            x = Vector.LoadUnsafe(ref row, 2 * width);
            s02 = Vector.FusedMultiplyAdd(x, c0, s02);
            s12 = Vector.FusedMultiplyAdd(x, c1, s12);
            s22 = Vector.FusedMultiplyAdd(x, c2, s22);
            x = Vector.LoadUnsafe(ref row, 3 * width);
            s03 = Vector.FusedMultiplyAdd(x, c0, s03);
            s13 = Vector.FusedMultiplyAdd(x, c1, s13);
            s23 = Vector.FusedMultiplyAdd(x, c2, s23);
            row = ref Unsafe.Add(ref row, inputStride);
            w = ref Unsafe.Add(ref w, 1);
        }

        Store(ref output, s00, s01, s02, s03, bias[0], relu);
        Store(ref Unsafe.Add(ref output, outputStride), s10, s11, s12, s13, bias[1], relu);
        Store(ref Unsafe.Add(ref output, 2 * outputStride), s20, s21, s22, s23, bias[2], relu);
    }

    // Zᵀ[j, r..r+4V) = Σₖ W[k, j] · Aᵀ[k, r..r+4V) + b[j], then relu. Even and odd k are summed apart (8 sums),
    // so that the FMA latency is hidden even with a single output.
    private static void OneOutput(ref double input, int inputStride, int inputs, ref double weights, double bias, ref double output, bool relu)
    {
        var width = (nuint)Vector<double>.Count;
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector<double> t0 = default, t1 = default, t2 = default, t3 = default;
        ref var row = ref input;
        var k = 0;
        for (; k + 2 <= inputs; k += 2)
        {
            var c = new Vector<double>(Unsafe.Add(ref weights, k));
            s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), c, s0);
            s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, width), c, s1);
            s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 2 * width), c, s2);
            s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 3 * width), c, s3);
            row = ref Unsafe.Add(ref row, inputStride);
            var d = new Vector<double>(Unsafe.Add(ref weights, k + 1));
            t0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), d, t0);
            t1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, width), d, t1);
            t2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 2 * width), d, t2);
            t3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 3 * width), d, t3);
            row = ref Unsafe.Add(ref row, inputStride);
        }

        if (k < inputs)
        {
            var c = new Vector<double>(Unsafe.Add(ref weights, k));
            s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), c, s0);
            s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, width), c, s1);
            s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 2 * width), c, s2);
            s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, 3 * width), c, s3);
        }

        Store(ref output, s0 + t0, s1 + t1, s2 + t2, s3 + t3, bias, relu);
    }

    // out[0 .. 4V) = relu?(sum + b): the bias is added after the product, as (A·W) + b does.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double output, Vector<double> s0, Vector<double> s1, Vector<double> s2, Vector<double> s3, double b, bool relu)
    {
        var width = (nuint)Vector<double>.Count;
        var bias = new Vector<double>(b);
        s0 += bias;
        s1 += bias;
        s2 += bias;
        s3 += bias;
        if (relu)
        {
            // Vector.Max propagates NaN and prefers +0, exactly as Math.Max(0, z) in Activation.Relu.
            s0 = Vector.Max(s0, Vector<double>.Zero);
            s1 = Vector.Max(s1, Vector<double>.Zero);
            s2 = Vector.Max(s2, Vector<double>.Zero);
            s3 = Vector.Max(s3, Vector<double>.Zero);
        }

        s0.StoreUnsafe(ref output);
        s1.StoreUnsafe(ref output, width);
        s2.StoreUnsafe(ref output, 2 * width);
        s3.StoreUnsafe(ref output, 3 * width);
    }
}
