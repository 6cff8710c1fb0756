using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backprop.Web.Lessons;

/// <summary>A markdown or code cell of a lesson's notebook.</summary>
/// <param name="Index">Its place among all the notebook's cells, from 0.</param>
/// <param name="IsCode">True for a code cell.</param>
/// <param name="Source">Its text, as committed.</param>
/// <param name="Tags">Its tags (<c>exercise</c>, <c>check</c>, <c>solution</c>, <c>measured</c>).</param>
/// <param name="CodeNumber">For a code cell, its number among the code cells, from 1 ("Code cell 3"); 0 otherwise.</param>
/// <param name="CommittedOutputs">The outputs the committed notebook holds for it.</param>
public sealed record NotebookCell(int Index, bool IsCode, string Source, IReadOnlyList<string> Tags, int CodeNumber, IReadOnlyList<CellOutput> CommittedOutputs);

/// <summary>
/// A lesson's notebook (.ipynb, nbformat 4) as the site serves it: its cells to show, and the JSON to write back with
/// a student's code and outputs ("Download notebook").
/// </summary>
public sealed class LessonNotebook
{
    private readonly JsonNode document;

    private LessonNotebook(JsonNode document, IReadOnlyList<NotebookCell> cells)
    {
        this.document = document;
        Cells = cells;
    }

    /// <summary>Every cell, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The code cells, in order (code cell N is <c>CodeCells[N - 1]</c>).</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(cell => cell.IsCode);

    /// <summary>Reads a notebook's JSON.</summary>
    /// <exception cref="JsonException">The text is not a notebook.</exception>
    public static LessonNotebook Parse(string json)
    {
        var document = JsonNode.Parse(json) ?? throw new JsonException("The notebook is empty.");
        var cells = new List<NotebookCell>();
        var codeNumber = 0;
        foreach (var node in document["cells"]?.AsArray() ?? throw new JsonException("The notebook has no cells."))
        {
            var isCode = (string?)node!["cell_type"] == "code";
            var tags = node["metadata"]?["tags"]?.AsArray().Select(tag => (string)tag!).ToList() ?? [];
            var outputs = node["outputs"]?.AsArray().SelectMany(ReadOutput).ToList() ?? [];
            cells.Add(new NotebookCell(cells.Count, isCode, Text(node["source"]), tags, isCode ? ++codeNumber : 0, outputs));
        }

        return new LessonNotebook(document, cells);
    }

    /// <summary>
    /// The notebook with these cells' sources and outputs in place of the committed ones: what "Download notebook"
    /// saves. Cells not in the dictionaries keep what the notebook had.
    /// </summary>
    /// <param name="sources">Code cell sources by cell index (the student's edits).</param>
    /// <param name="outputs">Outputs by cell index (the cells run in the page).</param>
    public string WithCells(IReadOnlyDictionary<int, string> sources, IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> outputs)
    {
        var copy = document.DeepClone();
        var cells = copy["cells"]!.AsArray();
        var executionCount = 0;
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index]!;
            if (sources.TryGetValue(index, out var source))
            {
                cell["source"] = Lines(source);
            }

            if (outputs.TryGetValue(index, out var cellOutputs))
            {
                cell["outputs"] = new JsonArray([.. cellOutputs.Select(WriteOutput)]);
                cell["execution_count"] = ++executionCount;
            }
        }

        return copy.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static IEnumerable<CellOutput> ReadOutput(JsonNode? output)
    {
        switch ((string?)output?["output_type"])
        {
            case "stream":
                yield return new CellOutput(OutputKind.Printed, Text(output!["text"]));
                break;
            case "error":
                yield return new CellOutput(OutputKind.Error, $"{(string?)output!["ename"]}: {(string?)output["evalue"]}");
                break;
            case "display_data" or "execute_result":
                var data = output!["data"];
                if (data?["image/svg+xml"] is { } svg)
                {
                    yield return new CellOutput(OutputKind.Svg, Text(svg));
                }
                else if (data?["text/html"] is { } html)
                {
                    yield return new CellOutput(OutputKind.Html, Text(html));
                }
                else if (data?["image/png"] is { } png)
                {
                    yield return new CellOutput(OutputKind.Png, Text(png).Replace("\n", "", StringComparison.Ordinal));
                }
                else if (data?["text/plain"] is { } text)
                {
                    yield return new CellOutput(OutputKind.Text, Text(text));
                }

                break;
        }
    }

    private static JsonNode WriteOutput(CellOutput output) => output.Kind switch
    {
        OutputKind.Printed => new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = Lines(output.Content) },
        OutputKind.Error => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = "Error",
            ["evalue"] = output.Content,
            ["traceback"] = new JsonArray(output.Content),
        },
        _ => new JsonObject
        {
            ["output_type"] = "display_data",
            ["metadata"] = new JsonObject(),
            ["data"] = new JsonObject
            {
                [output.Kind switch { OutputKind.Svg => "image/svg+xml", OutputKind.Png => "image/png", OutputKind.Text => "text/plain", _ => "text/html" }] = Lines(output.Content),
            },
        },
    };

    /// <summary>A notebook's multi-line string: a list of lines, each but the last ending with its newline.</summary>
    private static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(line => (string?)line)),
        null => "",
        _ => (string?)node ?? "",
    };
}
