namespace Backprop.Grading;

/// <summary>One checked quantity: its name, whether it is right, and a line to show the student.</summary>
/// <param name="Name">What was checked, as the lesson names it: <c>dL_dW2</c>, <c>relu_derivative(0)</c>.</param>
/// <param name="Passed">True when the student's value is right.</param>
/// <param name="Mistake">What the grader recognised: <see cref="Mistake.None"/> when right.</param>
/// <param name="Message">The line for the student: <c>✔ …</c> when right, <c>✘ …</c> with a hint when wrong, <c>○ … not done yet</c> when missing.</param>
public sealed record GradingItem(string Name, bool Passed, Mistake Mistake, string Message)
{
    /// <summary>A right value.</summary>
    internal static GradingItem Right(string name, string message) => new(name, true, Mistake.None, "✔ " + message);

    /// <summary>A wrong value, with a hint.</summary>
    internal static GradingItem Wrong(string name, Mistake mistake, string message) => new(name, false, mistake, "✘ " + message);

    /// <summary>Nothing there yet, with what to write.</summary>
    internal static GradingItem NotDone(string name, string what) => new(name, false, Mistake.NotDone, $"○ {name}: not done yet; {what}");

    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
