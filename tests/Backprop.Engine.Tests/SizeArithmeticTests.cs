using Backprop.Engine;

namespace Backprop.Tests.Engine;

/// <summary>Buffer sizes are computed with checked arithmetic: a network too large to index never wraps around.</summary>
public class SizeArithmeticTests
{
    [Fact]
    public void A_layout_whose_parameter_count_overflows_an_int_throws_instead_of_wrapping()
    {
        // 65536 × 65536 weights is 2^32: it wraps to 0 in unchecked int arithmetic.
        Assert.Throws<OverflowException>(() => new NetworkLayout([65536, 65536, 1]));
    }

    [Fact]
    public void A_layout_just_under_the_limit_is_laid_out()
    {
        var layout = new NetworkLayout([46340, 46340]);

        Assert.Equal((46340L * 46340) + 46340, layout.ParameterCount);
    }

    [Fact]
    public void Rounding_a_size_up_past_the_int_range_throws()
    {
        Assert.Throws<OverflowException>(() => BatchPartition.RoundUp(int.MaxValue - 2, 8));
        Assert.Equal(16, BatchPartition.RoundUp(9, 8));
    }

    [Fact]
    public void The_message_for_sizes_too_large_names_them_and_the_fix()
    {
        var error = FastEngine.TooLarge([134217728, 1], samples: 1);

        Assert.Equal("1 sample through layers 134217728,1 need buffers larger than .NET arrays allow: use fewer samples or smaller layers.", error.Message);
    }
}
