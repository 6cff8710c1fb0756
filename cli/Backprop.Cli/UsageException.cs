namespace Backprop.Cli;

/// <summary>A bad command line: the message names the problem and the fix.</summary>
internal sealed class UsageException(string message) : Exception(message);
