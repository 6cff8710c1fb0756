namespace Backprop.Cli;

/// <summary>Standard output cannot be written: the run stops, and the message says why.</summary>
internal sealed class StandardOutputException(string reason, Exception inner)
    : Exception($"Cannot write to standard output: {reason}.", inner);
