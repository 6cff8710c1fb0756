using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Backprop.Cells;

/// <summary>What a <see cref="CellSession"/> compiles cells against and how long it lets them run.</summary>
public sealed class CellSessionOptions
{
    /// <summary>
    /// The libraries cells may use, each as the bytes of its PE file (a real <c>.dll</c>, not the browser's Webcil
    /// <c>.wasm</c>): MathNet.Numerics, Backprop, Backprop.Files, Backprop.Charts, Backprop.Notebooks.Display,
    /// Backprop.Cells (the <c>display</c> function and the guard live there), Plotly.NET, Plotly.NET.CSharp,
    /// FSharp.Core, CsvHelper. .NET's own reference assemblies come with the runner (Basic.Reference.Assemblies.Net100).
    /// </summary>
    /// <remarks>
    /// They are only compiled against: a cell runs against the assemblies the app itself loaded, which must be the
    /// same builds (the same versions).
    /// </remarks>
    public required IReadOnlyList<byte[]> Libraries { get; init; }

    /// <summary>
    /// The <c>using</c> directives every cell starts with, as the kernel's setup cell leaves them
    /// (<see cref="LessonSetup.Usings"/> of <c>setup.dib</c>): for example <c>using Backprop;</c>. The kernel's own
    /// namespaces (<see cref="CellSession.KernelUsings"/>) need not be listed: every session has them.
    /// </summary>
    public IReadOnlyList<string> Usings { get; init; } = [];

    /// <summary>
    /// How long one cell may run before the guard stops it (default 30 s). In the browser this is what ends an
    /// endless loop (see <see cref="Guard"/>); it also bounds how long the page stays busy.
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How deep a cell's own methods may nest before the guard stops it as endless recursion (default 1000).</summary>
    public int MaxCallDepth { get; init; } = 1000;

    /// <summary>
    /// How many characters a cell's prints may show (default 100,000, about 2,000 lines; a lesson cell prints a few
    /// hundred). Past that a cell's prints are left out and its output ends with one line saying how many: a loop that
    /// prints without end must not flood the page.
    /// </summary>
    public int MaxPrintedCharacters { get; init; } = 100_000;

    /// <summary>How many values a cell may display (default 100; a lesson cell displays at most 5), as for prints.</summary>
    public int MaxDisplays { get; init; } = 100;

    /// <summary>What the setup cell (<c>#!import setup.dib</c>) shows in the browser, in one line.</summary>
    public string SetupNote { get; init; } =
        "Ready: the lessons' libraries (Backprop, Backprop.Files, Backprop.Charts, Backprop.Notebooks, MathNet.Numerics) are already loaded in the browser.";

    /// <summary>Options with the libraries read from files (on the desktop, where they are on disk).</summary>
    /// <param name="libraryPaths">The libraries' <c>.dll</c> files.</param>
    public static CellSessionOptions FromFiles(IEnumerable<string> libraryPaths)
    {
        ArgumentNullException.ThrowIfNull(libraryPaths);
        return new() { Libraries = libraryPaths.Select(File.ReadAllBytes).ToList() };
    }

    /// <summary>The assembly name in a library's PE image (<c>MathNet.Numerics</c>).</summary>
    /// <exception cref="BadImageFormatException">The bytes are not a .NET library (a Webcil file, for example).</exception>
    internal static string AssemblyName(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image, writable: false));
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("A library is not a .NET PE file (Webcil .wasm files cannot be compiled against): serve the .dll itself.");
        }

        var metadata = pe.GetMetadataReader();
        return metadata.GetString(metadata.GetAssemblyDefinition().Name);
    }
}
