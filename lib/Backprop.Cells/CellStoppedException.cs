namespace Backprop.Cells;

/// <summary>A cell was stopped by the <see cref="Guard"/>: Stop, its time limit, or endless recursion.</summary>
public sealed class CellStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CellStoppedException()
        : this(CellStatus.Stopped, "Stopped.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CellStoppedException(string message)
        : this(CellStatus.Stopped, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CellStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = CellStatus.Stopped;
    }

    internal CellStoppedException(CellStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Why the cell stopped: <see cref="CellStatus.Stopped"/>, <see cref="CellStatus.TimedOut"/> or <see cref="CellStatus.TooDeep"/>.</summary>
    public CellStatus Status { get; }
}
