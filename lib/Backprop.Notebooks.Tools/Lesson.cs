using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks;

/// <summary>
/// The runtime of a lesson's console twin (<c>notebooks/NN-name.cs</c>, generated from its notebook): it runs the
/// lesson's cells as one program and writes the whole lesson, with what each cell printed and showed, as an executed
/// notebook and an HTML page. The generated twin calls <see cref="Start"/>, <see cref="Cell"/> before each cell's code
/// and <see cref="End"/>; the lesson's own code calls <see cref="display"/>, as it does in the kernel.
/// </summary>
/// <remarks>
/// Standard output gets exactly what the lesson prints with <c>Console.Write</c>/<c>WriteLine</c>; tables, charts and
/// pictures go only into the written lesson. The twin runs in the invariant culture, as the notebooks' setup does,
/// so numbers print as <c>0.0736</c> on every machine, and in the notebook's folder, as the kernel does, so relative
/// paths in cells mean the same.
/// </remarks>
public static class Lesson
{
    private static LessonRun? _run;

    /// <summary>
    /// Starts the lesson <paramref name="notebookName"/> (a file next to the twin, for example <c>01-backprop.ipynb</c>).
    /// </summary>
    /// <param name="notebookName">The lesson's notebook, the twin's source.</param>
    /// <param name="args">The twin's command line: <c>--out FOLDER</c> says where the lesson goes (default: <c>out/</c> beside the notebook).</param>
    public static void Start(string notebookName, string[] args)
    {
        ArgumentNullException.ThrowIfNull(notebookName);
        ArgumentNullException.ThrowIfNull(args);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Formatters.Register();

        var folder = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;
        var option = Array.IndexOf(args, "--out");
        var outFolder = option >= 0 && option + 1 < args.Length ? Path.GetFullPath(args[option + 1]) : Path.Combine(folder, "out");
        _run = new LessonRun(Path.Combine(folder, notebookName), outFolder);

        // The kernel runs in the notebook's folder, so a cell's relative paths (../data/...) mean the same here.
        Environment.CurrentDirectory = folder;
    }

    /// <summary>Marks the start of cell <paramref name="index"/> (its position among all the notebook's cells).</summary>
    public static void Cell(int index) => Running().StartCell(index);

    /// <summary>
    /// Shows <paramref name="value"/> in the lesson, as the kernel's <c>display</c> does: a table, a chart, a picture,
    /// in every format its formatter writes (HTML and text). In a twin it goes into the written lesson, not to
    /// standard output.
    /// </summary>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The kernel's name, so that one cell runs in both.")]
    public static void display(object? value) => Running().Display(value);

    /// <summary>Writes the lesson (see <see cref="Start"/>) and says on standard error where it went.</summary>
    public static void End()
    {
        Running().Finish();
        _run = null;
    }

    private static LessonRun Running() =>
        _run ?? throw new InvalidOperationException("The lesson has not started: a twin calls Lesson.Start first.");
}
