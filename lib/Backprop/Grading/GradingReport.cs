namespace Backprop.Grading;

/// <summary>What the grader says about a student's work: one <see cref="GradingItem"/> per checked quantity.</summary>
public sealed class GradingReport
{
    internal GradingReport(IReadOnlyList<GradingItem> items) => Items = items;

    /// <summary>Every checked quantity, in the order the lesson computes them.</summary>
    public IReadOnlyList<GradingItem> Items { get; }

    /// <summary>True when every item is right.</summary>
    public bool Passed => Items.All(item => item.Passed);

    /// <summary>The item named <paramref name="name"/> (<c>dL_dW2</c>).</summary>
    /// <exception cref="KeyNotFoundException">No item has that name.</exception>
    internal GradingItem this[string name] =>
        Items.FirstOrDefault(item => item.Name == name)
        ?? throw new KeyNotFoundException($"The report has no item named {name}: it has {string.Join(", ", Items.Select(item => item.Name))}.");

    /// <summary>One line per item: <c>✔ dL_dW3 is right</c>, <c>✘ dL_dW2 …</c>.</summary>
    public override string ToString() => string.Join("\n", Items.Select(item => item.Message));
}
