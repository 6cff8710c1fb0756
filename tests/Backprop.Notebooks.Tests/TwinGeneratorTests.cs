using System.Text.Json.Nodes;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>How a notebook's cells become its twin's program, on small notebooks (no kernel, no build).</summary>
public sealed class TwinGeneratorTests
{
    private const string Setup = "#!csharp\n\n#r \"../lib/X.dll\"\nusing Backprop;\nusing MathNet.Numerics.LinearAlgebra;\n";

    [Fact]
    public void Each_cell_follows_its_marker_with_usings_on_top_and_types_at_the_end()
    {
        var twin = Generate(
            "// setup\n#!import setup.dib",
            "using System.Text;\nvar value = new Value(2);\nConsole.WriteLine(value.Data);",
            "#r \"nuget: Markdig, 1.6.0\"\nrecord Value(double Data)\n{\n    public Value Twice() => new(Data * 2);\n}\n\ndisplay(new Value(1).Twice());");

        Assert.Contains("#:project ../lib/Backprop.Notebooks.Tools/Backprop.Notebooks.Tools.csproj\n#:package Markdig@1.6.0\n", twin, StringComparison.Ordinal);
        Assert.Contains("using System.Text;\nusing Backprop;\nusing MathNet.Numerics.LinearAlgebra;\nusing static Backprop.Notebooks.Lesson;\n", twin, StringComparison.Ordinal);
        Assert.Contains(
            "Lesson.Start(\"01-x.ipynb\", args);\n\nLesson.Cell(1);\nvar value = new Value(2);\nConsole.WriteLine(value.Data);\n\nLesson.Cell(2);\n\ndisplay(new Value(1).Twice());\n\nLesson.End();\n",
            twin, StringComparison.Ordinal);
        Assert.EndsWith("record Value(double Data)\n{\n    public Value Twice() => new(Data * 2);\n}\n", twin, StringComparison.Ordinal);
    }

    [Fact]
    public void A_using_line_with_a_comment_goes_to_the_top_too_without_its_comment()
    {
        var twin = Generate("#!import setup.dib", "using Backprop.Pictures;  // pictures of the network\nvar x = 1;\ndisplay(x);");

        Assert.Contains("using Backprop.Pictures;\n", twin, StringComparison.Ordinal);
        Assert.Contains("Lesson.Cell(1);\nvar x = 1;\ndisplay(x);\n", twin, StringComparison.Ordinal);
        Assert.DoesNotContain("// pictures of the network", twin, StringComparison.Ordinal);
    }

    [Fact]
    public void A_using_line_after_code_is_refused_with_the_compilers_message()
    {
        var error = Assert.Throws<InvalidDataException>(() => Generate("#!import setup.dib", "var x = 1;\nusing Backprop.Pictures;\ndisplay(x);"));

        Assert.Equal(
            "01-x.ipynb, cell 1: (2,1): error CS1529: A using clause must precede all other elements defined in the namespace except extern alias declarations (the kernel refuses it too).",
            error.Message);
    }

    [Fact]
    public void Raw_strings_and_block_comments_are_code_not_directives_types_or_braces()
    {
        var twin = Generate(
            "#!import setup.dib",
            "var page = \"\"\"\n    #!time\n    class Fake {\n    using System;\n    \"\"\";\n/* record Gone(int X);\n   #r \"nuget: Nope, 1.0.0\"\n{ */\nConsole.WriteLine(page);",
            "record Shown(string Brace)\n{\n    public string Close => \"\"\"\n        }}}\n        \"\"\";\n}\ndisplay(new Shown(\"{\"));");

        Assert.Contains(
            "Lesson.Cell(1);\nvar page = \"\"\"\n    #!time\n    class Fake {\n    using System;\n    \"\"\";\n/* record Gone(int X);\n   #r \"nuget: Nope, 1.0.0\"\n{ */\nConsole.WriteLine(page);\n\nLesson.Cell(2);\ndisplay(new Shown(\"{\"));\n\nLesson.End();\n",
            twin, StringComparison.Ordinal);
        Assert.DoesNotContain("#:package Nope", twin, StringComparison.Ordinal);
        Assert.DoesNotContain("\nusing System;\n", twin, StringComparison.Ordinal);
        Assert.EndsWith("record Shown(string Brace)\n{\n    public string Close => \"\"\"\n        }}}\n        \"\"\";\n}\n", twin, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_that_ends_with_a_bare_expression_is_refused_with_its_number()
    {
        var error = Assert.Throws<InvalidDataException>(() => Generate("#!import setup.dib", "var x = 1;\nx + 1  // shown by the kernel"));

        Assert.Equal("01-x.ipynb, cell 1 ends with an expression (`x + 1`), which only the kernel shows: write display(...) around it.", error.Message);
    }

    [Fact]
    public void A_kernel_directive_other_than_a_package_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Generate("#!import setup.dib", "#!time\nvar x = 1;"));

        Assert.StartsWith("01-x.ipynb, cell 1: `#!time` works only in the kernel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_without_the_setup_cell_first_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Generate("var x = 1;"));

        Assert.Equal("01-x.ipynb: its first code cell must be the setup cell, `#!import setup.dib`.", error.Message);
    }

    [Fact]
    public void The_twins_command_writes_the_twins_and_its_check_fails_on_a_stale_one()
    {
        var folder = Directory.CreateTempSubdirectory("twins-command-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "setup.dib"), Setup);
            File.WriteAllText(Path.Combine(folder, "01-x.ipynb"), Notebook("#!import setup.dib", "Console.WriteLine(1);").ToJson());
            var twin = Path.Combine(folder, "01-x.cs");
            File.WriteAllText(twin, "// edited by hand\n");

            Assert.Equal(1, LessonTool.Run(folder, ["twins", "--check"]));
            Assert.Equal(0, LessonTool.Run(folder, ["twins"]));
            Assert.Contains("Lesson.Cell(1);\nConsole.WriteLine(1);\n", File.ReadAllText(twin), StringComparison.Ordinal);
            Assert.Equal(0, LessonTool.Run(folder, ["twins", "--check"]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Generate(params string[] codeCells) => TwinGenerator.Generate(Notebook(codeCells), "01-x.ipynb", Setup);

    private static NotebookFile Notebook(params string[] codeCells)
    {
        var cells = new JsonArray();
        foreach (var source in codeCells)
        {
            var cell = new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray() };
            NotebookFile.SetSource(cell, source);
            cells.Add(cell);
        }

        return NotebookFile.Parse(new JsonObject { ["cells"] = cells, ["metadata"] = new JsonObject() }.ToJsonString());
    }
}
