using System.Text.Encodings.Web;
using System.Text.Json;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// A Jupyter notebook (.ipynb, nbformat 4) as JSON: its cells, their sources, tags and outputs. Saved the way
/// Jupyter saves it (one-space indent, sorted keys, sources as lists of lines), so a tool's rewrite of a notebook
/// changes only what it means to change.
/// </summary>
internal sealed class NotebookFile
{
    private static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private NotebookFile(JsonObject root) => Root = root;

    /// <summary>The whole notebook.</summary>
    public JsonObject Root { get; }

    /// <summary>Every cell, markdown and code, in order.</summary>
    public JsonArray Cells => Root["cells"]!.AsArray();

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="InvalidDataException">The file is not a notebook; the message names it.</exception>
    public static NotebookFile Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a Jupyter notebook: {e.Message}", e);
        }
    }

    /// <summary>Reads a notebook from its JSON text.</summary>
    public static NotebookFile Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("the file is empty");
        if (root["cells"] is not JsonArray cells)
        {
            throw new InvalidOperationException("it has no \"cells\" list");
        }

        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"] is not JsonValue)
            {
                throw new InvalidOperationException($"cell {i} is {(cells[i] is null ? "null" : "not a cell")}, where a cell with a \"cell_type\" should be");
            }
        }

        return new NotebookFile(root);
    }

    /// <summary>A deep copy, to change without touching this one.</summary>
    public NotebookFile Clone() => new(Root.DeepClone().AsObject());

    /// <summary>The notebook as Jupyter writes it, ending with a newline.</summary>
    public string ToJson() => Sorted(Root)!.ToJsonString(Written) + "\n";

    /// <summary>Writes the notebook to <paramref name="path"/>, creating its folder if needed.</summary>
    /// <exception cref="IOException">The path is a folder or cannot be written; the message is one line saying why.</exception>
    public void Save(string path) => OutputFile.Write(path, ToJson());

    /// <summary>The code cells with their index among all cells.</summary>
    public IEnumerable<(int Index, JsonObject Cell)> CodeCells() =>
        Cells.Select((cell, index) => (index, cell!.AsObject())).Where(c => IsCode(c.Item2));

    /// <summary>Whether a cell holds code (not markdown).</summary>
    public static bool IsCode(JsonNode cell) => (string?)cell["cell_type"] == "code";

    /// <summary>A cell's source as one string (a notebook stores it as a string or as a list of lines).</summary>
    public static string Source(JsonNode cell) => Text(cell["source"]);

    /// <summary>Replaces a cell's source, stored as a list of lines as Jupyter does.</summary>
    public static void SetSource(JsonObject cell, string source) => cell["source"] = Lines(source);

    /// <summary>A cell's tags (<c>metadata.tags</c>), for example <c>exercise</c> or <c>solution</c>.</summary>
    public static IReadOnlyList<string> Tags(JsonNode cell) =>
        cell["metadata"]?["tags"] is JsonArray tags ? tags.Select(tag => (string?)tag ?? "").ToList() : [];

    /// <summary>Whether a cell carries <paramref name="tag"/>.</summary>
    public static bool HasTag(JsonNode cell, string tag) => Tags(cell).Contains(tag);

    /// <summary>Text stored as a string or a list of strings, joined.</summary>
    public static string Text(JsonNode? text) => text switch
    {
        JsonArray lines => string.Concat(lines.Select(line => (string?)line)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };

    /// <summary>Text as a notebook stores it: a list of lines, each but the last ending with its newline.</summary>
    public static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            lines.Add(JsonValue.Create(text[start..next]));
            start = next;
        }

        return lines;
    }

    /// <summary>A standard-output stream output.</summary>
    public static JsonObject StreamOutput(string text) => new()
    {
        ["name"] = "stdout",
        ["output_type"] = "stream",
        ["text"] = Lines(text),
    };

    /// <summary>A display output carrying one value in several formats (MIME type → content).</summary>
    public static JsonObject DisplayOutput(IEnumerable<KeyValuePair<string, string>> formats)
    {
        var data = new JsonObject();
        foreach (var (mimeType, content) in formats)
        {
            // Images are base64 strings; text formats are stored as lists of lines.
            data[mimeType] = mimeType.StartsWith("image/png", StringComparison.Ordinal) ? JsonValue.Create(content) : Lines(content);
        }

        return new JsonObject { ["data"] = data, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
