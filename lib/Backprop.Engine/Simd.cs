using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backprop.Engine;

/// <summary>
/// The vector operations the kernels use, for one vector type <typeparamref name="V"/> of <see cref="Count"/>
/// doubles. The kernels are generic over it, so each width is compiled into its own machine code (the JIT
/// specialises generics over structs) from one source.
/// </summary>
/// <remarks>
/// Every kernel takes <c>&lt;V, S&gt;</c> with <c>S : ISimd&lt;V&gt;</c>: <see cref="Simd128"/> (2 lanes), <see cref="Simd256"/> (AVX2, 4 lanes) or
/// <see cref="Simd512"/> (AVX-512, 8 lanes). Where the CPU lacks the instructions the same code still runs,
/// on .NET's software fallback: right, but slow. The three adapters below are alike line for line because
/// .NET 10 keeps the interface its own vector types share (<c>ISimdVector&lt;TSelf, T&gt;</c>) internal.
/// </remarks>
/// <typeparam name="V">The vector: <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector512{T}"/> of doubles.</typeparam>
internal interface ISimd<V>
    where V : struct
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    static abstract V Zero { get; }

    /// <summary>Every lane = <paramref name="value"/>.</summary>
    static abstract V Create(double value);

    /// <summary>The vector at <c>source[offset ..]</c>.</summary>
    static abstract V Load(ref double source, nuint offset);

    /// <summary><c>destination[offset ..] = value</c>.</summary>
    static abstract void Store(V value, ref double destination, nuint offset);

    /// <summary><c>a·b + c</c> lane by lane, rounded once (fused multiply-add).</summary>
    static abstract V MultiplyAdd(V a, V b, V c);

    static abstract V Add(V a, V b);

    static abstract V Subtract(V a, V b);

    static abstract V Multiply(V a, V b);

    static abstract V Divide(V a, V b);

    /// <summary><c>max(0, z)</c> lane by lane as <see cref="Math.Max(double, double)"/> takes it: NaN stays NaN, −0 gives +0.</summary>
    static abstract V Relu(V z);

    /// <summary><c>relu'(z) = (z &gt; 0 ? 1 : 0)</c> lane by lane.</summary>
    static abstract V ReluDerivative(V z);

    /// <summary>The sum of the lanes.</summary>
    static abstract double Sum(V value);
}

/// <summary>128-bit vectors: 2 doubles (SSE2 and FMA3 on x64, NEON on Arm).</summary>
internal readonly struct Simd128 : ISimd<Vector128<double>>
{
    public static int Count => Vector128<double>.Count;

    public static Vector128<double> Zero => Vector128<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Create(double value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(ref double source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Subtract(Vector128<double> a, Vector128<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Divide(Vector128<double> a, Vector128<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Relu(Vector128<double> z) => Vector128.Max(z, Vector128<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ReluDerivative(Vector128<double> z) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<double>.Zero), Vector128<double>.One, Vector128<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<double> value) => Vector128.Sum(value);
}

/// <summary>256-bit vectors: 4 doubles (AVX2 and FMA).</summary>
internal readonly struct Simd256 : ISimd<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Relu(Vector256<double> z) => Vector256.Max(z, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ReluDerivative(Vector256<double> z) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<double>.Zero), Vector256<double>.One, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> value) => Vector256.Sum(value);
}

/// <summary>512-bit vectors: 8 doubles (AVX-512F).</summary>
internal readonly struct Simd512 : ISimd<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Relu(Vector512<double> z) => Vector512.Max(z, Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ReluDerivative(Vector512<double> z) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<double>.Zero), Vector512<double>.One, Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> value) => Vector512.Sum(value);
}
