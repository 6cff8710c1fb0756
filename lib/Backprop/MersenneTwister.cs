namespace Backprop;

/// <summary>
/// The 32-bit Mersenne Twister (MT19937) seeded the way NumPy's legacy <c>np.random.seed(int)</c> seeds it.
/// </summary>
/// <remarks>
/// Seeding uses the classic <c>init_genrand</c> recurrence
/// <c>mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] &gt;&gt; 30)) + i</c>.
/// Each call to <see cref="NextUInt32"/> returns the next tempered 32-bit output.
/// </remarks>
internal sealed class MersenneTwister
{
    private const int StateLength = 624;
    private const int ShiftSize = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[StateLength];
    private int _position;

    /// <summary>Creates a generator seeded with <paramref name="seed"/>, as <c>np.random.seed(seed)</c>.</summary>
    public MersenneTwister(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < StateLength; i++)
        {
            var previous = _state[i - 1];
            _state[i] = unchecked((1812433253u * (previous ^ (previous >> 30))) + (uint)i);
        }

        _position = StateLength; // the first draw regenerates the whole state
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt32()
    {
        if (_position >= StateLength)
        {
            Regenerate();
        }

        var y = _state[_position++];

        // Tempering: spreads the state's bits so every output bit is well mixed.
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// A double in [0, 1) with 53 random bits, made from two outputs exactly as NumPy does:
    /// <c>((a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6)) / 2^53</c>.
    /// </summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) / 9007199254740992.0;
    }

    /// <summary>Refills the 624-word state (the "twist").</summary>
    private void Regenerate()
    {
        for (var i = 0; i < StateLength; i++)
        {
            var y = (_state[i] & UpperMask) | (_state[(i + 1) % StateLength] & LowerMask);
            var next = _state[(i + ShiftSize) % StateLength] ^ (y >> 1);
            _state[i] = (y & 1) == 0 ? next : next ^ MatrixA;
        }

        _position = 0;
    }
}
