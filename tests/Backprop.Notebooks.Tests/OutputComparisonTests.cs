using System.Text.Json.Nodes;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>What the freshness check compares in one cell, on hand-made cells (no kernel).</summary>
public sealed class OutputComparisonTests
{
    [Fact]
    public void A_measured_cells_displays_are_exempt_but_its_printed_lines_are_not()
    {
        var first = Cell(["measured"], "34 forward passes\n", "0.369 ms per gradient");
        var second = Cell(["measured"], "34 forward passes\n", "0.412 ms per gradient");
        var otherPrint = Cell(["measured"], "35 forward passes\n", "0.369 ms per gradient");

        Assert.Equal(OutputComparison.Comparable(first), OutputComparison.Comparable(second));
        Assert.NotEqual(OutputComparison.Comparable(first), OutputComparison.Comparable(otherPrint));
    }

    [Fact]
    public void A_cell_tagged_measured_on_one_side_only_is_still_exempt()
    {
        // dotnet-repl's executed notebook keeps no cell tags; the twin's and the committed notebook do.
        var committed = NotebookWith(Cell(["measured"], "34 forward passes\n", "0.369 ms"));
        var kernel = NotebookWith(Cell([], "34 forward passes\n", "0.412 ms"));

        Assert.Empty(OutputComparison.Differences(committed, kernel));
    }

    [Fact]
    public void An_untagged_cells_displays_are_compared()
    {
        Assert.NotEqual(
            OutputComparison.Comparable(Cell([], "34 forward passes\n", "0.369 ms")),
            OutputComparison.Comparable(Cell([], "34 forward passes\n", "0.412 ms")));
    }

    private static NotebookFile NotebookWith(JsonObject cell)
    {
        var setup = new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["source"] = "#!import setup.dib", ["outputs"] = new JsonArray() };
        cell["source"] = "Console.WriteLine(34);";
        var path = Path.Combine(Directory.CreateTempSubdirectory("comparison-").FullName, "01-x.ipynb");
        File.WriteAllText(path, new JsonObject { ["cells"] = new JsonArray(setup, cell), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 4 }.ToJsonString());
        return NotebookFile.Load(path);
    }

    private static JsonObject Cell(string[] tags, string printed, string displayed) => new()
    {
        ["cell_type"] = "code",
        ["metadata"] = new JsonObject { ["tags"] = new JsonArray([.. tags.Select(tag => (JsonNode)JsonValue.Create(tag))]) },
        ["outputs"] = new JsonArray(
            new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = printed },
            new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/plain"] = displayed } }),
    };
}
