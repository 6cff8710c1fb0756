using System.Globalization;
using Backprop.Charts;
using Microsoft.DotNet.Interactive.Formatting;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// One run of a lesson's twin: what each cell printed and displayed, collected into the lesson's notebook, which
/// <see cref="Finish"/> writes as an executed notebook and as a page.
/// </summary>
internal sealed class LessonRun
{
    private readonly NotebookFile _notebook;
    private readonly string _notebookPath;
    private readonly string _outFolder;
    private readonly Dictionary<int, JsonArray> _outputs = [];
    private int _cell;

    public LessonRun(string notebookPath, string outFolder)
    {
        _notebookPath = notebookPath;
        _notebook = NotebookFile.Load(notebookPath);
        _outFolder = outFolder;
        _cell = _notebook.CodeCells().First().Index;
        Display(ChartDisplay.PlotlyJs);
        Console.SetOut(new TeeWriter(Console.Out, Print) { NewLine = "\n" });
    }

    /// <summary>From now on, what the lesson prints and displays belongs to cell <paramref name="index"/>.</summary>
    public void StartCell(int index)
    {
        if (index < 0 || index >= _notebook.Cells.Count || !NotebookFile.IsCode(_notebook.Cells[index]!))
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(_notebookPath)} has no code cell {index}: the twin is older than its notebook; run `dotnet run notebooks/lessons.cs -- twins`.");
        }

        _cell = index;
    }

    /// <summary>
    /// Shows <paramref name="value"/> in the running cell in the formats the kernel uses: the type's preferred MIME
    /// types (HTML for tables and charts, text for a string).
    /// </summary>
    public void Display(object? value)
    {
        var formats = new List<KeyValuePair<string, string>>();
        if (value is null)
        {
            formats.Add(KeyValuePair.Create(PlainTextFormatter.MimeType, "<null>"));
        }
        else
        {
            var mimeTypes = Formatter.GetPreferredMimeTypesFor(value.GetType());
            formats.AddRange(mimeTypes.Select(mimeType => KeyValuePair.Create(mimeType, value.ToDisplayString(mimeType))));
        }

        Outputs().Add(NotebookFile.DisplayOutput(formats));
    }

    /// <summary>The files a run of <paramref name="notebookPath"/> writes into <paramref name="outFolder"/>: the executed notebook and the page.</summary>
    public static (string Notebook, string Page) Written(string notebookPath, string outFolder)
    {
        var stem = Path.GetFileNameWithoutExtension(notebookPath);
        return (Path.Combine(outFolder, stem + ".ipynb"), Path.Combine(outFolder, stem + ".html"));
    }

    /// <summary>Writes the executed lesson and says on standard error where it went.</summary>
    public void Finish()
    {
        var executed = _notebook.Clone();
        var count = 0;
        foreach (var (index, cell) in executed.CodeCells())
        {
            cell["outputs"] = _outputs.TryGetValue(index, out var outputs) ? outputs.DeepClone() : new JsonArray();
            cell["execution_count"] = ++count;
        }

        var images = ChartImages.AddBesideCharts(executed);
        var (notebookPath, pagePath) = Written(_notebookPath, _outFolder);
        executed.Save(notebookPath);
        LessonPage.Save(executed, pagePath);
        Console.Error.WriteLine($"Lesson written to {pagePath} (open it in a browser) and {notebookPath}");
        if (images.Browser is null && images.Charts > 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"No static images of the {images.Charts} charts: no Chromium found (install chromium, or set CHROMIUM to its path). The interactive charts are there."));
        }
    }

    private void Print(string text)
    {
        var outputs = Outputs();
        if (outputs.Count > 0 && outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream")
        {
            last["text"] = NotebookFile.Lines(NotebookFile.Text(last["text"]) + text);
        }
        else
        {
            outputs.Add(NotebookFile.StreamOutput(text));
        }
    }

    private JsonArray Outputs()
    {
        if (!_outputs.TryGetValue(_cell, out var outputs))
        {
            outputs = [];
            _outputs[_cell] = outputs;
        }

        return outputs;
    }
}
