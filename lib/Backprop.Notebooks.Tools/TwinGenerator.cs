using System.Text;
using System.Text.RegularExpressions;

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
/// </remarks>
internal static partial class TwinGenerator
{
    /// <summary>The file every lesson's setup cell imports, in the notebooks folder.</summary>
    public const string SetupFile = "setup.dib";

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
        if (codeCells.Count == 0 || !ImportsSetup(NotebookFile.Source(codeCells[0].Cell)))
        {
            throw new InvalidDataException($"{notebookName}: its first code cell must be the setup cell, `#!import {SetupFile}`.");
        }

        var packages = new List<string>();
        var usings = new SortedSet<string>(UsingOrder.Instance);
        foreach (var line in Lines(setup).Where(line => UsingLine().IsMatch(line)))
        {
            usings.Add(line.Trim());
        }

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

    /// <summary>Whether a setup cell's source is comments and the one import line.</summary>
    private static bool ImportsSetup(string source)
    {
        var code = Lines(source).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal)).ToList();
        return code.Count == 1 && code[0] == $"#!import {SetupFile}";
    }

    /// <summary>
    /// A cell's statements; its <c>using</c> lines go to <paramref name="usings"/>, its package references to
    /// <paramref name="packages"/> and its type declarations to <paramref name="types"/>.
    /// </summary>
    private static string Split(string notebookName, int index, string source, List<string> packages, SortedSet<string> usings, StringBuilder types)
    {
        var statements = new StringBuilder();
        var depth = 0;
        var inType = false;
        foreach (var line in Lines(source))
        {
            var trimmed = line.Trim();
            if (depth == 0 && !inType)
            {
                var package = PackageLine().Match(trimmed);
                if (package.Success)
                {
                    packages.Add($"{package.Groups["name"].Value}@{package.Groups["version"].Value}");
                    continue;
                }

                if (trimmed.StartsWith('#'))
                {
                    throw new InvalidDataException(
                        $"{notebookName}, cell {index}: `{trimmed}` works only in the kernel; only the setup cell and `#r \"nuget: Name, Version\"` lines may use directives.");
                }

                var code = WithoutComment(line);
                if (UsingLine().IsMatch(code))
                {
                    usings.Add(code);  // its comment stays in the notebook
                    continue;
                }

                inType = TypeDeclaration().IsMatch(line);
            }

            (inType ? types : statements).Append(line).Append('\n');
            depth += Braces(line);
            if (inType && depth == 0 && (trimmed.EndsWith('}') || trimmed.EndsWith(';')))
            {
                inType = false;
                types.Append('\n');
            }
        }

        var last = Lines(statements.ToString()).Select(WithoutComment).LastOrDefault(line => line.Length > 0);
        if (last is not null && !last.EndsWith(';') && !last.EndsWith('}'))
        {
            throw new InvalidDataException(
                $"{notebookName}, cell {index} ends with an expression (`{last}`), which only the kernel shows: write display(...) around it.");
        }

        return statements.ToString();
    }

    /// <summary>How much a line opens (+) or closes (−) braces, outside strings, characters and comments.</summary>
    private static int Braces(string line)
    {
        var code = WithoutComment(CharacterOrString().Replace(line, "\"\""));
        return code.Count(c => c == '{') - code.Count(c => c == '}');
    }

    private static string WithoutComment(string line)
    {
        var code = CharacterOrString().Replace(line, "\"\"");
        var comment = code.IndexOf("//", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).Trim();
    }

    private static IEnumerable<string> Lines(string text) => text.Replace("\r\n", "\n").Split('\n');

    [GeneratedRegex("""^using\s+(static\s+)?[A-Za-z_][\w.]*(\s*=\s*[\w.<>, ]+)?\s*;\s*$""")]
    private static partial Regex UsingLine();

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[\w.\-]+)\s*,\s*(?<version>[\w.\-+]+)\s*"$""")]
    private static partial Regex PackageLine();

    [GeneratedRegex("""^((public|internal|private|sealed|static|abstract|partial|readonly|file|unsafe)\s+)*(class|record|struct|interface|enum)\s""")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"'(\\.|[^'\\])'|\$?@""([^""]|"""")*""|@?\$?""(\\.|[^""\\])*""")]
    private static partial Regex CharacterOrString();

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
