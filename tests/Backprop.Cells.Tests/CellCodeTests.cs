using Backprop.Cells;

namespace Backprop.Cells.Tests;

/// <summary>How a cell's source splits into magic lines, usings, statements and types (Roslyn's script parser).</summary>
public sealed class CellCodeTests
{
    [Fact]
    public void The_setup_cell_is_its_import_line_and_comments()
    {
        var cell = CellCode.Parse("// Loads the libraries.\n#!import setup.dib\n");

        Assert.True(cell.ImportsSetup);
        Assert.Equal([new CellMagic(1, "#!import setup.dib", CellMagicKind.ImportSetup)], cell.Magics);
        Assert.Equal("// Loads the libraries.\n\n", cell.Statements);
    }

    [Fact]
    public void Magic_lines_anywhere_are_read_and_blanked_so_positions_stay()
    {
        var cell = CellCode.Parse("#r \"nuget: MathNet.Numerics, 5.0.0\"\nvar x = 1;\n  #!time\n#r \"../lib/X.dll\"\nConsole.WriteLine(x);");

        Assert.Equal(
            [
                new CellMagic(0, "#r \"nuget: MathNet.Numerics, 5.0.0\"", CellMagicKind.NuGetPackage, "MathNet.Numerics", "5.0.0"),
                new CellMagic(2, "#!time", CellMagicKind.Other),
                new CellMagic(3, "#r \"../lib/X.dll\"", CellMagicKind.Reference),
            ],
            cell.Magics);
        Assert.Equal(cell.Source.Length, cell.Code.Length);
        Assert.Equal("var x = 1;\nConsole.WriteLine(x);\n", cell.Statements);
        Assert.Empty(cell.Tree.GetDiagnostics());
        Assert.False(cell.ImportsSetup);
    }

    [Fact]
    public void A_raw_string_with_hashes_braces_and_using_lines_is_one_statement()
    {
        var source = "var page = \"\"\"\n    #!import setup.dib\n    class Fake {\n    using System;\n    \"\"\";\nConsole.WriteLine(page);";

        var cell = CellCode.Parse(source);

        Assert.Empty(cell.Magics);
        Assert.Empty(cell.Usings);
        Assert.Empty(cell.TypeDeclarations);
        Assert.Equal(source + "\n", cell.Statements);
    }

    [Fact]
    public void Block_comments_hide_code_and_types_keep_their_lines()
    {
        var source = "/* class NotAType {\n#!time\n*/\nusing System.Text; // builders\nrecord Value(double Data)\n{\n    public string Brace => \"}\";\n}\nvar v = new Value(1);\nv.Brace";

        var cell = CellCode.Parse(source);

        Assert.Empty(cell.Magics);
        Assert.Equal(["using System.Text;"], cell.Usings);
        Assert.Equal(["record Value(double Data)\n{\n    public string Brace => \"}\";\n}\n"], cell.TypeDeclarations);
        Assert.Equal("/* class NotAType {\n#!time\n*/\nvar v = new Value(1);\nv.Brace\n", cell.Statements);
        Assert.Equal("v.Brace", cell.TrailingExpression);
    }

    [Theory]
    [InlineData("var x = 1;\nx + 1  // shown", "x + 1")]
    [InlineData("display(1);", null)]
    [InlineData("int F() => 1;\nF()", "F()")]
    [InlineData("if (true) { }", null)]
    public void The_trailing_expression_is_the_last_statement_without_a_semicolon(string source, string? expected)
    {
        Assert.Equal(expected, CellCode.Parse(source).TrailingExpression);
    }
}
