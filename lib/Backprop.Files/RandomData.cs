namespace Backprop.Files;

/// <summary>
/// The random data a model was trained on, <c>X = rand(samples, n0)</c> and <c>y = rand(samples, nL)</c> after
/// <c>seed(seed)</c> and the weights: a model file keeps it, so that a run resuming from the file draws the same X and y.
/// </summary>
/// <param name="Seed">The NumPy seed, 0 to 4294967295.</param>
/// <param name="Samples">Rows of X and y, at least 1.</param>
public sealed record RandomData(long Seed, int Samples);
