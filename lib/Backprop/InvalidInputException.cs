namespace Backprop;

/// <summary>
/// Bad input from the user (data, layer sizes, a learning rate, a file). The message names the problem in the
/// user's terms and says how to fix it; it is thrown before any arithmetic runs.
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the exception with a message that names the problem and the fix.</summary>
    public InvalidInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the lower-level error that revealed the problem.</summary>
    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
