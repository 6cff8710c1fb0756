using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Files;

/// <summary>
/// Saves and loads a network as JSON:
/// <c>{"layers":[3,2,2,1],"weights":[[[row],…] one n_in×n_out array per layer],"biases":[[…] per layer]}</c>.
/// </summary>
/// <remarks>
/// Every double is written in its shortest round-trip form, so loading gives back the same bits. Saving is
/// atomic: a failed save leaves any earlier file untouched.
/// </remarks>
public static class ModelFile
{
    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(Network network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        AtomicFile.Write(path, stream => Write(network, stream));
    }

    /// <summary>Writes <paramref name="network"/> as JSON to <paramref name="stream"/>.</summary>
    public static void Write(Network network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteStartArray("layers");
        foreach (var size in network.LayerSizes)
        {
            json.WriteNumberValue(size);
        }

        json.WriteEndArray();
        json.WriteStartArray("weights");
        foreach (var w in network.Weights)
        {
            json.WriteStartArray();
            foreach (var row in w.EnumerateRows())
            {
                WriteNumbers(json, row);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("biases");
        foreach (var b in network.Biases)
        {
            WriteNumbers(json, b);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Loads a network saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, not JSON, truncated, or its shapes or values do not make a network.</exception>
    public static Network Load(string path)
    {
        return InputFile.Read(
            path, "model file", "a model .json file", "check the path, or train and --save one first", stream => Read(stream, Path.GetFileName(path)));
    }

    /// <summary>Reads a network from JSON in <paramref name="stream"/>.</summary>
    public static Network Read(Stream stream, string sourceName = "the model file")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException error)
        {
            throw Malformed(sourceName, $"it is not complete, valid JSON ({error.Message})", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(sourceName, "it must be a JSON object with layers, weights and biases");
            }

            var layers = Array(root, "layers", sourceName).Select(e => Integer(e, "layers", sourceName)).ToArray();
            try
            {
                NetworkShape.CheckLayerSizes(layers);
            }
            catch (InvalidInputException error)
            {
                throw Malformed(sourceName, error.Message.TrimEnd('.'), error);
            }

            var weights = Array(root, "weights", sourceName).Select((e, i) => Matrix(e, $"weights[{i}]", sourceName)).ToArray();
            var biases = Array(root, "biases", sourceName).Select((e, i) => Vector(e, $"biases[{i}]", sourceName)).ToArray();
            if (weights.Length != layers.Length - 1)
            {
                throw Malformed(sourceName, $"layers lists {layers.Length} sizes, so it needs {layers.Length - 1} weight matrices, but it has {weights.Length}");
            }

            Network network;
            try
            {
                network = new Network(weights, biases);
            }
            catch (InvalidInputException error)
            {
                throw Malformed(sourceName, error.Message.TrimEnd('.'), error);
            }

            if (!network.LayerSizes.SequenceEqual(layers))
            {
                throw Malformed(sourceName, $"layers says {string.Join(',', layers)} but the weights have shapes for {string.Join(',', network.LayerSizes)}");
            }

            return network;
        }
    }

    private static void WriteNumbers(Utf8JsonWriter json, IEnumerable<double> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string sourceName)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(sourceName, $"it has no \"{name}\" array");
        }

        return element.EnumerateArray();
    }

    private static int Integer(JsonElement element, string where, string sourceName) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value)
            ? value
            : throw Malformed(sourceName, $"{where} must hold whole numbers");

    private static double Number(JsonElement element, string where, string sourceName) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw Malformed(sourceName, $"{where} holds {element.GetRawText()}, which is not a finite number");

    private static Vector<double> Vector(JsonElement element, string where, string sourceName)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(sourceName, $"{where} must be an array of numbers");
        }

        return Vector<double>.Build.DenseOfEnumerable(element.EnumerateArray().Select(e => Number(e, where, sourceName)).ToArray());
    }

    private static Matrix<double> Matrix(JsonElement element, string where, string sourceName)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            throw Malformed(sourceName, $"{where} must be a non-empty array of rows");
        }

        var rows = element.EnumerateArray().Select((row, i) => Vector(row, $"{where}[{i}]", sourceName)).ToArray();
        if (rows.Any(row => row.Count != rows[0].Count))
        {
            throw Malformed(sourceName, $"the rows of {where} have different lengths");
        }

        return Matrix<double>.Build.DenseOfRowVectors(rows);
    }

    private static InvalidInputException Malformed(string sourceName, string problem, Exception? inner = null)
    {
        var message = $"Cannot load {sourceName}: {problem}. Save the model again with --save, or fix the file.";
        return inner is null ? new InvalidInputException(message) : new InvalidInputException(message, inner);
    }
}
