using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Backprop.Cells;

/// <summary>
/// A notebook cell's code, parsed once with Roslyn's script parser (<see cref="SourceCodeKind.Script"/>), as the
/// .NET Interactive kernel reads it: its magic lines (<c>#!import setup.dib</c>, <c>#r "nuget: …"</c>, <c>#r "path"</c>,
/// other <c>#!</c> commands), its <c>using</c> directives, its statements and members, and its type declarations.
/// </summary>
/// <remarks>
/// The console twins' generator and the lessons in the browser both read cells through this type. The parser sees
/// strings (raw, verbatim, interpolated), characters and comments as C# does, so a <c>#</c>, a brace or a
/// <c>using</c> inside them is never mistaken for code. Every part is whole lines of the cell: a magic line, a
/// <c>using</c> directive's lines and a type declaration's lines (from its first token to its last, its leading
/// comments staying with the statements) are taken out; every other line is a statement line.
/// </remarks>
public sealed class CellCode
{
    /// <summary>How cells are parsed: C# as the compiler knows it, as a script (top-level statements, members and a final expression).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The cell as written.</summary>
    public string Source { get; }

    /// <summary>
    /// The cell's C#: its source with each magic line blanked out (spaces), so that every line and column is where
    /// the student sees it, and a compiler's error points into the cell.
    /// </summary>
    public string Code { get; }

    /// <summary><see cref="Code"/>, parsed as a script.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>The magic lines, which the kernel runs and C# does not know, in order.</summary>
    public IReadOnlyList<CellMagic> Magics { get; }

    /// <summary>The <c>using</c> directives, each as written without its comment (<c>using Backprop.Pictures;</c>).</summary>
    public IReadOnlyList<string> Usings { get; }

    /// <summary>
    /// Every line that is neither a magic line, a <c>using</c> directive nor part of a type declaration, in order, each
    /// followed by <c>\n</c>: the statements, the methods and the comments between them.
    /// </summary>
    public string Statements { get; }

    /// <summary>Each type declaration (class, record, struct, interface, enum, delegate) as its lines, each followed by <c>\n</c>.</summary>
    public IReadOnlyList<string> TypeDeclarations { get; }

    /// <summary>
    /// The expression the cell ends with, without a semicolon (the kernel shows its value), as written; null when the
    /// cell ends otherwise.
    /// </summary>
    public string? TrailingExpression { get; }

    /// <summary>
    /// The parser's errors (a <c>using</c> after code, a missing brace, …), each as the kernel shows it:
    /// <c>(2,1): error CS1529: …</c>, with the line and column in the cell. Empty when the cell parses.
    /// </summary>
    public IReadOnlyList<string> SyntaxErrors =>
        [.. Tree.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(CellDiagnostics.Format)];

    /// <summary>Whether the cell is the lessons' setup cell: comments and the one line <c>#!import setup.dib</c>.</summary>
    public bool ImportsSetup =>
        Magics.Count == 1 && Magics[0].Kind == CellMagicKind.ImportSetup && !Tree.GetRoot().ChildNodes().Any();

    /// <summary>Parses a cell's source.</summary>
    /// <param name="source">The cell as written (lines end with <c>\n</c> or <c>\r\n</c>).</param>
    public static CellCode Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CellCode(source);
    }

    private CellCode(string source)
    {
        Source = source;
        var original = CSharpSyntaxTree.ParseText(source, ParseOptions);
        var text = original.GetText();
        var magics = original.GetRoot().DescendantTrivia(descendIntoTrivia: false)
            .Where(IsMagic)
            .Select(trivia => text.Lines.GetLineFromPosition(trivia.SpanStart).LineNumber)
            .Distinct()
            .Select(line => CellMagic.Of(line, text.Lines[line].ToString().Trim()))
            .ToList();
        Magics = magics;

        Code = Blank(source, text, magics);
        Tree = magics.Count == 0 ? original : CSharpSyntaxTree.ParseText(Code, ParseOptions);
        var root = (CompilationUnitSyntax)Tree.GetRoot();
        var lines = Tree.GetText().Lines;

        // Each line of the cell is a statement line unless a magic line, a using directive or a type declaration takes it.
        var taken = new bool[lines.Count];
        foreach (var magic in magics)
        {
            taken[magic.Line] = true;
        }

        var usings = new List<string>();
        foreach (var directive in root.Usings)
        {
            Take(taken, lines, directive.Span);
            usings.Add(directive.ToString());
        }

        Usings = usings;

        var types = new List<string>();
        foreach (var member in root.Members.Where(member => member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax))
        {
            var (first, last) = Take(taken, lines, member.Span);
            types.Add(string.Concat(Enumerable.Range(first, last - first + 1).Select(line => lines[line] + "\n")));
        }

        TypeDeclarations = types;
        Statements = string.Concat(Enumerable.Range(0, lines.Count).Where(line => !taken[line]).Select(line => lines[line] + "\n"));
        TrailingExpression = root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } final }
            ? final.Expression.ToString()
            : null;
    }

    /// <summary>A line the kernel reads as a command: C# has only <c>#r</c> and <c>#load</c> for scripts, and calls the rest bad directives.</summary>
    private static bool IsMagic(SyntaxTrivia trivia) =>
        trivia.IsKind(SyntaxKind.ReferenceDirectiveTrivia) || trivia.IsKind(SyntaxKind.LoadDirectiveTrivia)
        || trivia.IsKind(SyntaxKind.ShebangDirectiveTrivia) || trivia.IsKind(SyntaxKind.BadDirectiveTrivia)
        || trivia.IsKind(SyntaxKind.IgnoredDirectiveTrivia);

    private static string Blank(string source, SourceText text, List<CellMagic> magics)
    {
        var code = source.ToCharArray();
        foreach (var magic in magics)
        {
            var span = text.Lines[magic.Line].Span;
            Array.Fill(code, ' ', span.Start, span.Length);
        }

        return new string(code);
    }

    private static (int First, int Last) Take(bool[] taken, TextLineCollection lines, TextSpan span)
    {
        var first = lines.GetLineFromPosition(span.Start).LineNumber;
        var last = lines.GetLineFromPosition(span.End).LineNumber;
        Array.Fill(taken, true, first, last - first + 1);
        return (first, last);
    }
}
