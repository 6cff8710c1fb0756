namespace Backprop.Charts;

/// <summary>One training run's loss per epoch, with the name its curve has in a chart's legend.</summary>
/// <param name="Name">What the legend shows, for example <c>lr = 0.01</c>.</param>
/// <param name="Losses">The loss of epoch 0, 1, 2, …; may be shorter than other runs' if this one stopped early.</param>
public sealed record LossSeries(string Name, IReadOnlyList<double> Losses);
