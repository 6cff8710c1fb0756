namespace Backprop;

/// <summary>
/// Bad input from the user (data, layer sizes, a learning rate, a file). The message names the problem in the
/// user's terms and says how to fix it; it is thrown before any arithmetic runs.
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the exception with a message that names the problem and the fix.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public InvalidInputException(string message)
        : base(message ?? throw new ArgumentNullException(nameof(message)))
    {
    }

    /// <summary>Creates the exception with a message and the lower-level error that revealed the problem.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="innerException"/> is null.</exception>
    public InvalidInputException(string message, Exception innerException)
        : base(message ?? throw new ArgumentNullException(nameof(message)), innerException ?? throw new ArgumentNullException(nameof(innerException)))
    {
    }
}
