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

    /// <summary>
    /// The finite difference cannot measure this slope: the loss is not finite, the nudge is lost in the rounding of
    /// the parameter, or the loss is so large that its rounding hides the change. <see cref="GradientCheckEntry.Reason"/> says which.
    /// </summary>
    CannotJudge,
}

/// <summary>One parameter's gradient, from backpropagation and from finite differences, with the verdict.</summary>
public sealed record GradientCheckEntry
{
    /// <summary>An entry judged by the thresholds, or, with a <paramref name="reason"/>, one the finite difference cannot judge.</summary>
    private GradientCheckEntry(string parameter, double backprop, double numerical, bool crossesKink, string? reason)
    {
        Parameter = parameter;
        Backprop = backprop;
        Numerical = numerical;
        RelativeError = RelativeErrorOf(backprop, numerical);
        CrossesKink = crossesKink;
        Verdict = reason is null ? VerdictFor(backprop, numerical, RelativeError, crossesKink) : GradientVerdict.CannotJudge;
        Reason = reason;
    }

    /// <summary>Which parameter, as <c>W2[0,1]</c> or <c>b3[0]</c> (layers 1-based, indices 0-based as in NumPy).</summary>
    public string Parameter { get; }

    /// <summary>The gradient the backward pass computed.</summary>
    public double Backprop { get; }

    /// <summary>The central finite difference <c>(L(p + h) - L(p - h)) / 2h</c>.</summary>
    public double Numerical { get; }

    /// <summary><c>|backprop - numerical| / max(|backprop|, |numerical|)</c>, 0 when both are 0.</summary>
    public double RelativeError { get; }

    /// <summary>True when nudging the parameter by ±h switched some ReLU on or off: the loss has a kink there and the finite difference is not a fair judge.</summary>
    internal bool CrossesKink { get; }

    /// <summary>What the relative error means, by <see cref="GradientCheckResult"/>'s thresholds.</summary>
    public GradientVerdict Verdict { get; }

    /// <summary>Why the finite difference cannot judge this gradient (<see cref="GradientVerdict.CannotJudge"/>); null otherwise.</summary>
    public string? Reason { get; }

    /// <summary>An entry for one parameter, judged by the thresholds.</summary>
    internal static GradientCheckEntry Judge(string parameter, double backprop, double numerical, bool crossesKink) =>
        new(parameter, backprop, numerical, crossesKink, reason: null);

    /// <summary>An entry the finite difference cannot judge, with the reason.</summary>
    internal static GradientCheckEntry Unjudged(string parameter, double backprop, double numerical, bool crossesKink, string reason) =>
        new(parameter, backprop, numerical, crossesKink, reason);

    /// <summary><c>|a - b| / max(|a|, |b|)</c>, and 0 when both are 0.</summary>
    internal static double RelativeErrorOf(double a, double b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }

    /// <summary>Whether the two agree: relative error at most <see cref="GradientCheckResult.AgreeUpTo"/>, or both zero up to rounding.</summary>
    internal static bool Agree(double backprop, double numerical) =>
        RelativeErrorOf(backprop, numerical) <= GradientCheckResult.AgreeUpTo || Math.Abs(backprop - numerical) < GradientCheckResult.RoundingNoise;

    private static GradientVerdict VerdictFor(double backprop, double numerical, double relativeError, bool crossesKink)
    {
        if (Agree(backprop, numerical))
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
