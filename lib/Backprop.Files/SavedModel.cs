namespace Backprop.Files;

/// <summary>A model file's content: the network, and what it was trained on where the file says.</summary>
/// <param name="Network">The network.</param>
/// <param name="TrainedOn">The random data it was trained on, or null (trained on a CSV, or an older file).</param>
/// <param name="Columns">The CSV columns it was trained on, or null (trained on random data, or a file saved before column names were kept).</param>
public sealed record SavedModel(Network Network, RandomData? TrainedOn, ModelColumns? Columns);
