namespace Backprop.Files;

/// <summary>
/// The CSV columns a model was trained on: its features, in the order of the first layer's units, and its target.
/// A model file keeps them, so that <c>--predict</c> and <c>--load --data</c> find each feature by name, in any order.
/// </summary>
/// <param name="Features">The feature columns' names, one per input unit, in the model's order.</param>
/// <param name="Target">The target column's name.</param>
public sealed record ModelColumns(IReadOnlyList<string> Features, string Target);
