using System.Diagnostics.CodeAnalysis;

namespace Backprop.Grading;

/// <summary>What running a student's function gave: its result, or the one line that says why there is none.</summary>
/// <typeparam name="T">What the function returns.</typeparam>
internal sealed class StudentRun<T>
{
    private readonly T? _result;

    private StudentRun(T? result, GradingItem? failure)
    {
        _result = result;
        Failure = failure;
    }

    /// <summary>
    /// Why there is no result: "○ not done yet" (it throws <see cref="NotImplementedException"/>), or a ✘ line for an
    /// exception, a time-out, or code that was not run (recursion, <c>Environment.Exit</c>); null when it returned.
    /// </summary>
    public GradingItem? Failure { get; }

    /// <summary>True when the function returned (its result may still be null or wrong: the grader judges that).</summary>
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Returned => Failure is null;

    /// <summary>What the function returned.</summary>
    /// <exception cref="InvalidOperationException">It did not return (see <see cref="Failure"/>).</exception>
    public T? Result => Returned ? _result : throw new InvalidOperationException($"The student's function did not return: {Failure.Message}");

    internal static StudentRun<T> Success(T? result) => new(result, null);

    internal static StudentRun<T> Failed(GradingItem failure) => new(default, failure);
}
