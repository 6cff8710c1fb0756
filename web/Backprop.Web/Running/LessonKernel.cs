using Backprop.Cells;
using Backprop.Notebooks;
using PageOutput = Backprop.Web.Lessons.CellOutput;
using PageOutputKind = Backprop.Web.Lessons.OutputKind;

namespace Backprop.Web.Running;

/// <summary>What running a cell gave: its outputs, and whether it was stopped.</summary>
/// <param name="Outputs">What shows below the cell.</param>
/// <param name="Stopped">True when Stop, the time limit or the depth limit ended it.</param>
public sealed record CellRun(IReadOnlyList<PageOutput> Outputs, bool Stopped);

/// <summary>
/// A lesson's cells run in the page, one submission after another (Backprop.Cells' <see cref="CellSession"/>, the
/// runner the desktop tests use too), with the outputs the shared display runtime renders. This class only fetches
/// what the session needs from the site and turns its outputs into the page's.
/// </summary>
public sealed class LessonKernel(HttpClient http)
{
    /// <summary>The libraries a cell can use, served as PE files in <c>refs/</c> (see build/CellReferences.targets).</summary>
    private static readonly string[] Libraries =
    [
        "MathNet.Numerics", "CsvHelper", "Plotly.NET", "Plotly.NET.CSharp", "FSharp.Core",
        "Backprop", "Backprop.Files", "Backprop.Charts", "Backprop.Notebooks.Display", "Backprop.Cells",
    ];

    /// <summary>
    /// Files the lessons read from disk, by the path a cell names (lesson 3: <c>../data/bike_rentals.csv</c>, from the
    /// notebooks folder). The site serves them as <c>data/NAME</c>; they are written into the page's in-memory file
    /// system where that path leads.
    /// </summary>
    private static readonly string[] DataFiles = ["../data/bike_rentals.csv"];

    private CellSessionOptions? options;
    private CellSession? session;

    /// <summary>
    /// How long one cell may run in the page before the guard stops it. A cell that never ends keeps the page's one
    /// thread until then (WebAssembly has no second thread; see Backprop.Cells' Guard); the longest lesson cell
    /// takes about a tenth of this.
    /// </summary>
    public static TimeSpan TimeLimit { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Forgets every cell run so far (a new lesson, or Reset lesson).</summary>
    public void Reset() => session = null;

    /// <summary>
    /// Asks the running cell to stop. A cell that awaits stops at once; one that computes without pause holds the
    /// page's thread, so the click is handled when it ends or reaches its time limit.
    /// </summary>
    public void Stop() => CellSession.Stop();

    /// <summary>Compiles and runs one cell after the ones run before it.</summary>
    public async Task<CellRun> RunAsync(string code)
    {
        options ??= await LoadOptions();
        session ??= new CellSession(options);
        var result = await session.RunAsync(code);
        return new CellRun(
            [.. result.Outputs.Select(ToPage)],
            result.Status is CellStatus.Stopped or CellStatus.TimedOut or CellStatus.TooDeep);
    }

    private async Task<CellSessionOptions> LoadOptions()
    {
        var libraries = await Task.WhenAll(Libraries.Select(name => http.GetByteArrayAsync($"refs/{name}.pe")));
        var setup = await http.GetStringAsync("notebooks/setup.dib");
        foreach (var file in DataFiles)
        {
            var path = Path.GetFullPath(file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync($"data/{Path.GetFileName(file)}"));
        }

        return new CellSessionOptions { Libraries = libraries, Usings = LessonSetup.Usings(setup), TimeLimit = TimeLimit };
    }

    private static PageOutput ToPage(Backprop.Cells.CellOutput output) => output switch
    {
        CellText text => new PageOutput(PageOutputKind.Printed, text.Text),
        CellError error => new PageOutput(PageOutputKind.Error, error.Message),
        CellDisplay display => display.Formats[0] switch
        {
            { MimeType: Renderings.HtmlMimeType } html => new PageOutput(PageOutputKind.Html, html.Content),
            { MimeType: "image/svg+xml" } svg => new PageOutput(PageOutputKind.Svg, svg.Content),
            var other => new PageOutput(PageOutputKind.Text, other.Content),
        },
        _ => new PageOutput(PageOutputKind.Text, output.ToString() ?? ""),
    };
}
