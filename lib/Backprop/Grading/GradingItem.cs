using System.Text;

namespace Backprop.Grading;

/// <summary>One checked quantity: its name, whether it is right, and a line to show the student.</summary>
/// <param name="Name">What was checked, as the lesson names it: <c>dL_dW2</c>, <c>relu_derivative(0)</c>.</param>
/// <param name="Passed">True when the student's value is right.</param>
/// <param name="Mistake">What the grader recognised: <see cref="Mistake.None"/> when right.</param>
/// <param name="Message">The line for the student: <c>✔ …</c> when right, <c>✘ …</c> with a hint when wrong, <c>○ … not done yet</c> when missing.</param>
public sealed record GradingItem(string Name, bool Passed, Mistake Mistake, string Message)
{
    /// <summary>A right value.</summary>
    internal static GradingItem Right(string name, string message) => new(Visible(name), true, Mistake.None, "✔ " + Visible(message));

    /// <summary>A wrong value, with a hint.</summary>
    internal static GradingItem Wrong(string name, Mistake mistake, string message) => new(Visible(name), false, mistake, "✘ " + Visible(message));

    /// <summary>Nothing there yet, with what to write.</summary>
    internal static GradingItem NotDone(string name, string what) => new(Visible(name), false, Mistake.NotDone, Visible($"○ {name}: not done yet; {what}"));

    /// <summary>A line that reports what happened (it grades nothing, so it counts as passed).</summary>
    internal static GradingItem Note(string name, string message) => new(Visible(name), true, Mistake.Note, "· " + Visible(message));

    /// <summary>The message.</summary>
    public override string ToString() => Message;

    /// <summary>
    /// The text with every control character (a NUL from an unset <c>char</c>, a tab, a line break) written as an
    /// escape, <c>\0</c>, so that one item is one visible line.
    /// </summary>
    internal static string Visible(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var visible = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            visible.Append(c switch
            {
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return visible.ToString();
    }
}
