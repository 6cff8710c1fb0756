using System.Text;
using Backprop.Cells;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// Writes a lesson's console twin, <c>notebooks/NN-name.cs</c> (a .NET 10 file-based app), from its notebook, the
/// lesson's one source.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The setup cell (the first code cell, <c>#!import setup.dib</c>) becomes a <c>#:project</c> directive and the
/// <c>using</c> lines of <c>setup.dib</c>; <c>#r "nuget: Name, 1.2.3"</c> in a later cell becomes
/// <c>#:package Name@1.2.3</c>.</item>
/// <item>Every other code cell is copied as it is, after a <c>Lesson.Cell(n)</c> line that tells the runtime
/// (<see cref="Lesson"/>) which cell runs, so the printed lines and displays land in cell <c>n</c> of the written
/// lesson. Its <c>using</c> lines move to the top, its type declarations to the end (C# wants them there).</item>
/// <item>A cell that ends with a bare expression (which the kernel would show) is refused: write
/// <c>display(...)</c>, which both the kernel and the twin understand.</item>
/// </list>
/// Cells are read with <see cref="CellCode"/> (Roslyn's script parser, the one the browser uses too), so strings,
/// raw strings and comments never pass for code.
/// </remarks>
internal static class TwinGenerator
{
    /// <summary>The file every lesson's setup cell imports, in the notebooks folder.</summary>
    public const string SetupFile = CellMagic.SetupFile;

    /// <summary>The library the twins load: it brings the lessons' libraries and the twin runtime.</summary>
    public const string Project = "../lib/Backprop.Notebooks.Tools/Backprop.Notebooks.Tools.csproj";

    /// <summary>The twin of the notebook <paramref name="notebookName"/> (for example <c>01-backprop.ipynb</c>).</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="notebookName">Its file name, which the twin names and reads at run time.</param>
    /// <param name="setup">The text of <see cref="SetupFile"/>.</param>
    /// <exception cref="InvalidDataException">A cell cannot become C# program code; the message says which and why.</exception>
    public static string Generate(NotebookFile notebook, string notebookName, string setup)
    {
        var codeCells = notebook.CodeCells().ToList();
        if (codeCells.Count == 0 || !CellCode.Parse(NotebookFile.Source(codeCells[0].Cell)).ImportsSetup)
        {
            throw new InvalidDataException($"{notebookName}: its first code cell must be the setup cell, `#!import {SetupFile}`.");
        }

        var packages = new List<string>();
        var usings = new SortedSet<string>(LessonSetup.Usings(setup), UsingOrder.Instance);

        var body = new StringBuilder();
        var types = new StringBuilder();
        foreach (var (index, cell) in codeCells.Skip(1))
        {
            var code = Split(notebookName, index, NotebookFile.Source(cell), packages, usings, types);
            body.Append("Lesson.Cell(").Append(index).Append(");\n");
            body.Append(code.TrimEnd('\n')).Append("\n\n");
        }

        var stem = Path.GetFileNameWithoutExtension(notebookName);
        var twin = new StringBuilder();
        twin.Append($"""
            // {stem}: generated from {notebookName} by `dotnet run notebooks/lessons.cs -- twins`. Do not edit: edit the
            // notebook, then run that command. The whole lesson without notebook tooling (.NET 10 SDK), from the repository root:
            //
            //     dotnet run notebooks/{stem}.cs                   prints the lesson's lines, writes notebooks/out/{stem}.ipynb and .html
            //     dotnet run notebooks/{stem}.cs -- --out FOLDER   writes them to FOLDER instead
            //
            // Standard output gets exactly what the lesson prints; standard error says where the lesson went.
            // Each Lesson.Cell(n) line marks where cell n of the notebook starts.
            #:project {Project}

            """);
        foreach (var package in packages.Distinct())
        {
            twin.Append("#:package ").Append(package).Append('\n');
        }

        twin.Append('\n');
        foreach (var line in usings)
        {
            twin.Append(line).Append('\n');
        }

        twin.Append("using static Backprop.Notebooks.Lesson;\n\n");
        twin.Append("Lesson.Start(\"").Append(notebookName).Append("\", args);\n\n");
        twin.Append(body);
        twin.Append("Lesson.End();\n");
        if (types.Length > 0)
        {
            twin.Append("\n// The lesson's types (a C# program declares them after its statements).\n");
            twin.Append(types.ToString().TrimEnd('\n')).Append('\n');
        }

        return twin.ToString();
    }

    /// <summary>
    /// A cell's statements; its <c>using</c> lines go to <paramref name="usings"/>, its package references to
    /// <paramref name="packages"/> and its type declarations to <paramref name="types"/>.
    /// </summary>
    private static string Split(string notebookName, int index, string source, List<string> packages, SortedSet<string> usings, StringBuilder types)
    {
        var cell = CellCode.Parse(source);
        if (cell.SyntaxErrors is [var error, ..])
        {
            throw new InvalidDataException($"{notebookName}, cell {index}: {error} (the kernel refuses it too).");
        }

        foreach (var magic in cell.Magics)
        {
            if (magic is not { Kind: CellMagicKind.NuGetPackage, Version: not null })
            {
                throw new InvalidDataException(
                    $"{notebookName}, cell {index}: `{magic.Text}` works only in the kernel; only the setup cell and `#r \"nuget: Name, Version\"` lines may use directives.");
            }

            packages.Add($"{magic.Package}@{magic.Version}");
        }

        usings.UnionWith(cell.Usings);  // a using line's comment stays in the notebook
        foreach (var type in cell.TypeDeclarations)
        {
            types.Append(type).Append('\n');
        }

        if (cell.TrailingExpression is { } expression)
        {
            throw new InvalidDataException(
                $"{notebookName}, cell {index} ends with an expression (`{expression}`), which only the kernel shows: write display(...) around it.");
        }

        return cell.Statements;
    }

    /// <summary>System namespaces first, then the rest, each alphabetically (as dotnet format orders them).</summary>
    private sealed class UsingOrder : IComparer<string>
    {
        public static readonly UsingOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            static (int, int, string) Key(string? line)
            {
                var name = (line ?? "").Replace("using ", "", StringComparison.Ordinal).TrimEnd(';');
                var isStatic = name.StartsWith("static ", StringComparison.Ordinal) ? 1 : 0;
                var isSystem = name.StartsWith("System", StringComparison.Ordinal) ? 0 : 1;
                return (isStatic, isSystem, name);
            }

            var (sx, kx, nx) = Key(x);
            var (sy, ky, ny) = Key(y);
            return sx != sy ? sx.CompareTo(sy) : kx != ky ? kx.CompareTo(ky) : string.CompareOrdinal(nx, ny);
        }
    }
}
