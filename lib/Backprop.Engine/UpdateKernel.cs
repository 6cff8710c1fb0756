using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Engine;

/// <summary>One gradient-descent step on every parameter at once: <c>θ -= lr · g</c>.</summary>
/// <remarks>
/// All weights and biases live in one array, and their gradients in another of the same layout, so one loop
/// updates the whole network. Each element is computed as <c>θ − (lr · g)</c>, the same two roundings as
/// <see cref="Network.Update"/>.
/// </remarks>
internal static class UpdateKernel
{
    // θ[i] = θ[i] − lr · g[i]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate)
    {
        var width = Vector<double>.Count;
        var rate = new Vector<double>(learningRate);
        var i = 0;
        for (; i + width <= parameters.Length; i += width)
        {
            (new Vector<double>(parameters[i..]) - (rate * new Vector<double>(gradient[i..]))).CopyTo(parameters[i..]);
        }

        Reference(parameters[i..], gradient[i..], learningRate);
    }

    /// <summary>The scalar reference for <see cref="Step"/>, which also does its last few elements: <c>θ[i] −= lr · g[i]</c>.</summary>
    /// <param name="parameters">θ, updated in place.</param>
    /// <param name="gradient">g, as long as θ.</param>
    /// <param name="learningRate">lr.</param>
    internal static void Reference(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= learningRate * gradient[i];
        }
    }
}
