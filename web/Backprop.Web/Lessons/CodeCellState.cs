namespace Backprop.Web.Lessons;

/// <summary>Where a code cell's outputs come from.</summary>
public enum CellStatus
{
    /// <summary>The committed notebook's outputs, shown until the cell runs here ("not yet run here").</summary>
    Committed,

    /// <summary>Waiting in a Run all.</summary>
    Queued,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Ran in this page; its outputs are this page's.</summary>
    Ran,

    /// <summary>Stopped before or while it ran (Stop, or its time limit).</summary>
    Stopped,
}

/// <summary>A code cell on the page: its current code (the student's) and its outputs.</summary>
public sealed class CodeCellState(NotebookCell cell)
{
    /// <summary>The notebook's cell.</summary>
    public NotebookCell Cell { get; } = cell;

    /// <summary>The code as the student left it (the committed code until edited).</summary>
    public string Source { get; set; } = cell.Source;

    /// <summary>Where <see cref="Outputs"/> come from.</summary>
    public CellStatus Status { get; set; } = CellStatus.Committed;

    /// <summary>What shows below the cell.</summary>
    public IReadOnlyList<CellOutput> Outputs { get; set; } = cell.CommittedOutputs;

    /// <summary>Its run in this page, counted from 1 over the page's runs (Jupyter's execution count); 0 before.</summary>
    public int RunNumber { get; set; }

    /// <summary>True when the code differs from the committed code.</summary>
    public bool IsEdited => Source != Cell.Source;

    /// <summary>Back to the committed notebook's code and outputs (Reset lesson).</summary>
    public void Reset()
    {
        Source = Cell.Source;
        Status = CellStatus.Committed;
        Outputs = Cell.CommittedOutputs;
        RunNumber = 0;
    }
}
