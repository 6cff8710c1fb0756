using System.Reflection;
using Backprop.Web.Lessons;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OutputKind = Backprop.Web.Lessons.OutputKind;

namespace Backprop.Web.Running;

/// <summary>What running a cell gave: its outputs, and whether it was stopped.</summary>
/// <param name="Outputs">What shows below the cell.</param>
/// <param name="Stopped">True when Stop or the time limit ended it.</param>
public sealed record CellRun(IReadOnlyList<CellOutput> Outputs, bool Stopped);

/// <summary>
/// Runs a lesson's cells one after another in the page, each seeing what the cells before it defined.
/// PLACEHOLDER until Backprop.Cells lands: compiles each cell as a Roslyn script submission chained to the previous
/// one, prints what it writes, and shows <c>display</c>ed values as text.
/// </summary>
public sealed class LessonKernel(HttpClient http)
{
    /// <summary>The libraries a cell can use, served as PE files in <c>refs/</c> (see build/CellReferences.targets).</summary>
    private static readonly string[] Libraries =
        ["MathNet.Numerics", "Backprop", "Backprop.Files", "Backprop.Charts", "Plotly.NET", "Plotly.NET.CSharp", "FSharp.Core", "CsvHelper"];

    private const string Prelude = """
        using System.Globalization;
        using Backprop;
        using Backprop.Charts;
        using Backprop.Files;
        using Backprop.Grading;
        using Backprop.Pictures;
        using MathNet.Numerics.LinearAlgebra;
        public static System.Action<object?> Display = _ => { };
        void display(object? value) => Display(value);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        """;

    private List<MetadataReference>? references;
    private CSharpCompilation? previous;
    private object?[] submissions = new object?[64];
    private int count;
    private List<CellOutput>? outputs;

    /// <summary>Forgets every cell run so far (a new lesson, or Reset lesson).</summary>
    public void Reset()
    {
        previous = null;
        submissions = new object?[64];
        count = 0;
    }

    /// <summary>Asks the running cell to stop.</summary>
    public void Stop()
    {
    }

    /// <summary>Compiles and runs one cell.</summary>
    public async Task<CellRun> RunAsync(string code)
    {
        outputs = [];
        if (code.TrimStart().StartsWith("//", StringComparison.Ordinal) && code.Contains("#!import setup.dib", StringComparison.Ordinal))
        {
            outputs.Add(new CellOutput(OutputKind.Text, "The libraries are already loaded in the browser."));
            return new CellRun(outputs, false);
        }

        if (previous is null)
        {
            await RunSubmission(Prelude);
        }

        await RunSubmission(code);
        return new CellRun(outputs, false);
    }

    private async Task RunSubmission(string code)
    {
        references ??= await LoadReferences();
        var tree = CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest));
        var compilation = CSharpCompilation.CreateScriptCompilation(
            $"cell{count}", tree, references, new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary), previous, typeof(object));
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe);
        if (!emitted.Success)
        {
            foreach (var error in emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                outputs!.Add(new CellOutput(OutputKind.Error, error.ToString()));
            }

            return;
        }

        previous = compilation;
        var assembly = Assembly.Load(pe.ToArray());
        var entry = compilation.GetEntryPoint(default)!;
        var factory = assembly.GetType($"{entry.ContainingNamespace.MetadataName}.{entry.ContainingType.MetadataName}".TrimStart('.'))!
            .GetMethod(entry.MetadataName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
        if (count + 2 > submissions.Length)
        {
            Array.Resize(ref submissions, submissions.Length * 2);
        }

        count++;
        var console = new StringWriter();
        var before = Console.Out;
        Console.SetOut(console);
        try
        {
            var display = assembly.GetTypes().SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.Public)).FirstOrDefault(field => field.Name == "Display");
            display?.SetValue(null, new Action<object?>(value => Show(console, value)));
            var task = (Task<object>)factory.Invoke(null, [submissions])!;
            var value = await task;
            Flush(console);
            if (value is not null)
            {
                Show(console, value);
            }
        }
        catch (TargetInvocationException error) when (error.InnerException is { } inner)
        {
            Flush(console);
            outputs!.Add(new CellOutput(OutputKind.Error, $"{inner.GetType().Name}: {inner.Message}"));
        }
        catch (Exception error)
        {
            Flush(console);
            outputs!.Add(new CellOutput(OutputKind.Error, $"{error.GetType().Name}: {error.Message}"));
        }
        finally
        {
            Console.SetOut(before);
        }
    }

    private void Show(StringWriter console, object? value)
    {
        Flush(console);
        outputs!.Add(new CellOutput(OutputKind.Text, value?.ToString() ?? "null"));
    }

    private void Flush(StringWriter console)
    {
        var text = console.ToString();
        if (text.Length > 0)
        {
            outputs!.Add(new CellOutput(OutputKind.Printed, text));
            console.GetStringBuilder().Clear();
        }
    }

    private async Task<List<MetadataReference>> LoadReferences()
    {
        var all = new List<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All);
        foreach (var name in Libraries)
        {
            all.Add(MetadataReference.CreateFromImage(await http.GetByteArrayAsync($"refs/{name}.dll")));
        }

        return all;
    }
}
