using System.Globalization;
using System.Text;

namespace Backprop;

/// <summary>
/// A gradient check judged parameter by parameter, with the usual thresholds for double precision: a relative
/// error up to 1e-7 agrees, from 1e-2 is a bug, in between is suspicious. A nudge that crossed a ReLU kink is not
/// judged, nor is a slope the finite difference cannot measure (<see cref="GradientVerdict.CannotJudge"/>).
/// </summary>
/// <remarks>
/// <para>
/// Why these thresholds: away from a kink the loss is smooth, the central difference's own error is of order
/// <c>h²</c> (1e-10 for h = 1e-5) plus rounding of about 1e-16·L/h, so a correct gradient agrees to 1e-7 or
/// better. A bug usually changes a gradient by a fraction of itself (a forgotten factor 2, a missing ReLU
/// derivative), giving 1e-2 to 1.
/// </para>
/// <para>
/// Two gradients that differ by less than <see cref="RoundingNoise"/> in absolute terms agree whatever their
/// ratio: both are zero but for rounding (a unit that is off for every sample has gradient 0).
/// </para>
/// </remarks>
public sealed class GradientCheckResult
{
    /// <summary>Relative errors up to this agree.</summary>
    public const double AgreeUpTo = 1e-7;

    /// <summary>Relative errors from this up mean a bug (unless the nudge crossed a kink).</summary>
    public const double WrongFrom = 1e-2;

    /// <summary>Gradients closer than this (absolute) agree: both are zero up to rounding.</summary>
    internal const double RoundingNoise = 1e-10;

    internal GradientCheckResult(IReadOnlyList<GradientCheckEntry> entries) => Entries = entries;

    /// <summary>Every parameter, in the order the check visited them (W1, b1, W2, …), with its verdict.</summary>
    public IReadOnlyList<GradientCheckEntry> Entries { get; }

    /// <summary>True when every parameter agrees, but for nudges across a ReLU kink (none suspicious, none wrong, none that could not be judged).</summary>
    public bool Passed => Entries.All(entry => entry.Verdict is GradientVerdict.Agrees or GradientVerdict.AtKink);

    /// <summary>The parameters judged wrong, as <c>W2[0,1]</c>.</summary>
    internal IReadOnlyList<string> Wrong => Parameters(GradientVerdict.Wrong);

    /// <summary>The parameters whose nudge crossed a ReLU kink (not judged), as <c>W2[0,1]</c>.</summary>
    internal IReadOnlyList<string> Kinks => Parameters(GradientVerdict.AtKink);

    /// <summary>One sentence: how many parameters agree, and which do not.</summary>
    public string Summary
    {
        get
        {
            var agree = Count(GradientVerdict.Agrees);
            var sentence = new StringBuilder(string.Create(
                CultureInfo.InvariantCulture,
                $"{agree} of {Entries.Count} gradients agree with the finite differences (relative error ≤ {AgreeUpTo:0e+0})"));
            Clause(sentence, GradientVerdict.Wrong, $"wrong (relative error ≥ {WrongFrom.ToString("0e+0", CultureInfo.InvariantCulture)})");
            Clause(sentence, GradientVerdict.Suspicious, "suspicious");
            Clause(sentence, GradientVerdict.AtKink, "measured across a ReLU kink (not judged)");
            foreach (var reason in Entries.Where(entry => entry.Reason is not null).Select(entry => entry.Reason!).Distinct())
            {
                Clause(sentence, entry => entry.Reason == reason, $"not judged, because {reason}");
            }

            sentence.Append(Passed ? ". Passed." : Count(GradientVerdict.Wrong) + Count(GradientVerdict.Suspicious) > 0 ? ". Failed." : ". Not every gradient could be judged.");
            return sentence.ToString();
        }
    }

    /// <summary>How many parameters got <paramref name="verdict"/>.</summary>
    internal int Count(GradientVerdict verdict) => Entries.Count(entry => entry.Verdict == verdict);

    /// <summary>The summary.</summary>
    public override string ToString() => Summary;

    private void Clause(StringBuilder sentence, GradientVerdict verdict, string description) =>
        Clause(sentence, entry => entry.Verdict == verdict, description);

    private void Clause(StringBuilder sentence, Func<GradientCheckEntry, bool> which, string description)
    {
        var names = Entries.Where(which).Select(entry => entry.Parameter).ToList();
        if (names.Count > 0)
        {
            sentence.Append("; ").Append(names.Count.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(description)
                .Append(": ").AppendJoin(", ", names);
        }
    }

    private List<string> Parameters(GradientVerdict verdict) =>
        Entries.Where(entry => entry.Verdict == verdict).Select(entry => entry.Parameter).ToList();
}
