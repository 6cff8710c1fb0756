namespace Backprop.Engine;

/// <summary>How many bits of doubles the engine's kernels put in one SIMD vector.</summary>
public enum VectorWidth
{
    /// <summary>
    /// The widest the CPU runs natively: 512 bits where <c>Vector512.IsHardwareAccelerated</c> (AVX-512), else
    /// 256 where <c>Vector256.IsHardwareAccelerated</c> (AVX2), else 128. The runtime's own switches decide, so
    /// <c>DOTNET_EnableAVX512=0</c> in the environment makes it 256 bits.
    /// </summary>
    Widest = 0,

    /// <summary>2 doubles per vector.</summary>
    Bits128 = 128,

    /// <summary>4 doubles per vector.</summary>
    Bits256 = 256,

    /// <summary>8 doubles per vector. On a CPU without AVX-512 it still computes the same numbers, in software and slowly.</summary>
    Bits512 = 512,
}
