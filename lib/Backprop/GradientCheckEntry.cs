namespace Backprop;

/// <summary>What a gradient check says about one parameter.</summary>
public enum GradientVerdict
{
    /// <summary>Backprop and the finite difference agree: relative error at most <see cref="GradientCheckResult.AgreeUpTo"/>.</summary>
    Agrees,

    /// <summary>Close but not close enough to be rounding: between <see cref="GradientCheckResult.AgreeUpTo"/> and <see cref="GradientCheckResult.WrongFrom"/>. Look again.</summary>
    Suspicious,

    /// <summary>They disagree: relative error <see cref="GradientCheckResult.WrongFrom"/> or more. A bug.</summary>
    Wrong,

    /// <summary>They disagree, but the nudge switched a ReLU on or off: the finite difference measured across a kink, so it is no judge here.</summary>
    AtKink,
}

/// <summary>One parameter's gradient, from backpropagation and from finite differences, with the verdict.</summary>
/// <param name="Parameter">Which parameter, as <c>W2[0,1]</c> or <c>b3[0]</c> (layers 1-based, indices 0-based as in NumPy).</param>
/// <param name="Backprop">The gradient the backward pass computed.</param>
/// <param name="Numerical">The central finite difference <c>(L(p + h) - L(p - h)) / 2h</c>.</param>
/// <param name="RelativeError"><c>|backprop - numerical| / max(|backprop|, |numerical|)</c>, 0 when both are 0.</param>
/// <param name="CrossesKink">True when nudging the parameter by ±h switched some ReLU on or off: the loss has a kink there and the finite difference is not a fair judge.</param>
/// <param name="Verdict">What the relative error means, by <see cref="GradientCheckResult"/>'s thresholds.</param>
public sealed record GradientCheckEntry(string Parameter, double Backprop, double Numerical, double RelativeError, bool CrossesKink, GradientVerdict Verdict)
{
    /// <summary>An entry for one parameter, judged by the thresholds.</summary>
    internal static GradientCheckEntry Judge(string parameter, double backprop, double numerical, bool crossesKink)
    {
        var relativeError = RelativeErrorOf(backprop, numerical);
        return new(parameter, backprop, numerical, relativeError, crossesKink, VerdictFor(backprop, numerical, relativeError, crossesKink));
    }

    /// <summary><c>|a - b| / max(|a|, |b|)</c>, and 0 when both are 0.</summary>
    internal static double RelativeErrorOf(double a, double b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }

    private static GradientVerdict VerdictFor(double backprop, double numerical, double relativeError, bool crossesKink)
    {
        if (relativeError <= GradientCheckResult.AgreeUpTo || Math.Abs(backprop - numerical) < GradientCheckResult.RoundingNoise)
        {
            return GradientVerdict.Agrees;
        }

        if (crossesKink)
        {
            return GradientVerdict.AtKink;
        }

        return relativeError >= GradientCheckResult.WrongFrom || double.IsNaN(relativeError) ? GradientVerdict.Wrong : GradientVerdict.Suspicious;
    }
}
