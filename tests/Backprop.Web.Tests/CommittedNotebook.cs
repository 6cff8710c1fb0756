using System.Text.Json.Nodes;

namespace Backprop.Web.Tests;

/// <summary>What a committed lesson notebook (notebooks/NN-name.ipynb, run in the real kernel) printed, by code cell.</summary>
internal static class CommittedNotebook
{
    /// <summary>
    /// Each code cell's printed text (its <c>stream</c> outputs), keyed by code cell number from 1; cells tagged
    /// <c>measured</c> (timings) are left out.
    /// </summary>
    public static IReadOnlyDictionary<int, string> Printed(string slug) =>
        PrintedBy(Repository.PathOf("notebooks", $"{slug}.ipynb"));

    /// <summary>The same for any notebook file, for example one that Jupyter ran.</summary>
    public static IReadOnlyDictionary<int, string> PrintedBy(string path)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        var printed = new Dictionary<int, string>();
        var number = 0;
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            if ((string?)cell!["cell_type"] != "code")
            {
                continue;
            }

            number++;
            var tags = cell["metadata"]?["tags"]?.AsArray().Select(tag => (string?)tag) ?? [];
            if (tags.Contains("measured"))
            {
                continue;
            }

            printed[number] = string.Concat(cell["outputs"]!.AsArray()
                .Where(output => (string?)output!["output_type"] == "stream")
                .Select(output => Text(output!["text"])));
        }

        return printed;
    }

    /// <summary>How many display equations (<c>$$ … $$</c>) the notebook's markdown cells hold.</summary>
    public static int DisplayEquations(string slug)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Repository.PathOf("notebooks", $"{slug}.ipynb")))!;
        return notebook["cells"]!.AsArray()
            .Where(cell => (string?)cell!["cell_type"] == "markdown")
            .Sum(cell => Text(cell!["source"]).Split("$$").Length / 2);
    }

    private static string Text(JsonNode? node) => node is JsonArray lines ? string.Concat(lines.Select(line => (string?)line)) : (string?)node ?? "";
}
