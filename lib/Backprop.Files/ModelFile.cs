using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Files;

/// <summary>
/// Saves and loads a network as JSON:
/// <c>{"layers":[3,2,2,1],"weights":[[[row],…] one n_in×n_out array per layer],"biases":[[…] per layer]}</c>,
/// and, for a model trained on random data, <c>"trainedOn":{"seed":0,"samples":10}</c>, or, for one trained on a CSV,
/// <c>"columns":{"features":["temp","humidity"],"target":"rides"}</c> (files without them load too).
/// </summary>
/// <remarks>
/// Every double is written in its shortest round-trip form, so loading gives back the same bits. Saving goes through
/// <see cref="AtomicFile"/>: a failed save leaves any earlier file untouched, and a file with several hard links is
/// rewritten in place under a lock (its remarks say exactly what that promises).
/// </remarks>
public static class ModelFile
{
    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/>, atomically.</summary>
    /// <param name="network">The model.</param>
    /// <param name="path">The file; a symbolic link is followed, a file's mode and owner are kept.</param>
    /// <param name="trainedOn">The random data it was trained on, if it was.</param>
    /// <param name="columns">The CSV columns it was trained on, if it was.</param>
    /// <exception cref="InvalidInputException">The file cannot be written: the message names it and the cause.</exception>
    public static void Save(Network network, string path, RandomData? trainedOn = null, ModelColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        RequireFinite(network);
        RequireColumnsFit(network, columns);
        AtomicFile.Write(path, stream => Write(network, stream, trainedOn, columns));
    }

    // JSON has no NaN or infinity, and a model that holds one predicts nothing: say so before any byte is written.
    private static void RequireFinite(Network network)
    {
        if (!network.Weights.All(W => W.Enumerate().All(double.IsFinite)) || !network.Biases.All(b => b.All(double.IsFinite)))
        {
            throw new InvalidInputException(
                "The network holds a NaN or infinite weight or bias (its training diverged), and a model file holds only finite numbers: " +
                "train it again with a smaller learning rate, then save it.");
        }
    }

    /// <summary>Writes <paramref name="network"/> as JSON to <paramref name="stream"/>.</summary>
    /// <param name="network">The model.</param>
    /// <param name="stream">Where the JSON goes.</param>
    /// <param name="trainedOn">The random data it was trained on, if it was.</param>
    /// <param name="columns">The CSV columns it was trained on, if it was.</param>
    public static void Write(Network network, Stream stream, RandomData? trainedOn = null, ModelColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        RequireFinite(network);
        RequireColumnsFit(network, columns);
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
        if (trainedOn is not null)
        {
            json.WriteStartObject("trainedOn");
            json.WriteNumber("seed", trainedOn.Seed);
            json.WriteNumber("samples", trainedOn.Samples);
            json.WriteEndObject();
        }

        if (columns is not null)
        {
            json.WriteStartObject("columns");
            json.WriteStartArray("features");
            foreach (var name in columns.Features)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteString("target", columns.Target);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>One feature name per input unit: the names are how a CSV's columns are found again.</summary>
    private static void RequireColumnsFit(Network network, ModelColumns? columns)
    {
        if (columns is not null && columns.Features.Count != network.LayerSizes[0])
        {
            throw new ArgumentException(
                $"The model has {Shown.Count(network.LayerSizes[0], "input")} but {Shown.Count(columns.Features.Count, "feature name")} were given: give one name per input.", nameof(columns));
        }
    }

    /// <summary>Loads a network saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, not JSON, truncated, or its shapes or values do not make a network.</exception>
    public static Network Load(string path) => LoadWithData(path).Network;

    /// <summary>Loads a network saved by <see cref="Save"/>, with the random data or the CSV columns it was trained on (each null if the file does not say).</summary>
    /// <exception cref="InvalidInputException">The file is missing, not JSON, truncated, or its shapes or values do not make a network.</exception>
    public static SavedModel LoadWithData(string path) =>
        InputFile.Read(
            path, "model file", "a model .json file", "check the path, or train and --save one first", stream => ReadWithData(stream, Shown.Text(Path.GetFileName(path))));

    /// <summary>Reads a network from JSON in <paramref name="stream"/>.</summary>
    public static Network Read(Stream stream, string sourceName = "the model file") => ReadWithData(stream, sourceName).Network;

    private static SavedModel ReadWithData(Stream stream, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(ReadBounded(stream, sourceName));
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

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw Malformed(sourceName, $"it gives \"{Shown.Text(property.Name)}\" twice");
                }
            }

            var layers = Array(root, "layers", sourceName).Select(e => Integer(e, "layers", sourceName)).ToArray();
            if (InputRules.LayerSizesProblem(layers) is { } problem)
            {
                throw Malformed(sourceName, $"layers {string.Join(',', layers)}{problem}");
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

            return new SavedModel(network, TrainedOn(root, sourceName), Columns(root, layers[0], sourceName));
        }
    }

    /// <summary>
    /// The whole content, read in blocks: a file that does not start like JSON (a binary file, <c>/dev/zero</c>)
    /// is refused after its first block, and one larger than any model can be after <see cref="int.MaxValue"/> bytes.
    /// </summary>
    private static ReadOnlyMemory<byte> ReadBounded(Stream stream, string sourceName)
    {
        var content = new MemoryStream();
        var block = new byte[1 << 16];
        int read;
        while ((read = stream.Read(block)) > 0)
        {
            if (content.Length == 0 && !StartsLikeJson(block.AsSpan(0, read)))
            {
                throw Malformed(sourceName, "it is not JSON text at all (a binary file?)");
            }

            if (content.Length + read > int.MaxValue)
            {
                throw Malformed(sourceName, $"it is larger than {int.MaxValue} bytes, more than any model file");
            }

            content.Write(block, 0, read);
        }

        return content.GetBuffer().AsMemory(0, (int)content.Length);
    }

    /// <summary>Whether the first character after a UTF-8 byte order mark and white space can start a JSON value (or there is only white space so far).</summary>
    private static bool StartsLikeJson(ReadOnlySpan<byte> start)
    {
        var text = start.StartsWith("\uFEFF"u8) ? start[3..] : start;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        return first < 0 || "{[\"-0123456789tfn"u8.Contains(text[first]);
    }

    private static RandomData? TrainedOn(JsonElement root, string sourceName)
    {
        if (!root.TryGetProperty("trainedOn", out var data))
        {
            return null;
        }

        if (data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("seed", out var seed) || seed.ValueKind != JsonValueKind.Number || !seed.TryGetInt64(out var seedValue) || InputRules.SeedProblem(seedValue) is not null
            || !data.TryGetProperty("samples", out var samples) || samples.ValueKind != JsonValueKind.Number || !samples.TryGetInt32(out var samplesValue) || InputRules.CountProblem(samplesValue, minimum: 1) is not null)
        {
            throw Malformed(sourceName, "trainedOn must hold a seed from 0 to 4294967295 and a number of samples of 1 or more");
        }

        return new RandomData(seedValue, samplesValue);
    }

    private static ModelColumns? Columns(JsonElement root, int inputs, string sourceName)
    {
        if (!root.TryGetProperty("columns", out var columns))
        {
            return null;
        }

        var problem = $"columns must hold \"features\", {inputs} different names (one per input), and a \"target\" name";
        if (columns.ValueKind != JsonValueKind.Object
            || !columns.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array
            || !columns.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.String
            || features.EnumerateArray().Any(name => name.ValueKind != JsonValueKind.String))
        {
            throw Malformed(sourceName, problem);
        }

        var names = features.EnumerateArray().Select(name => name.GetString()!).ToArray();
        if (names.Length != inputs || names.Distinct(StringComparer.Ordinal).Count() != names.Length || names.Append(target.GetString()!).Any(name => name.Length == 0) || names.Contains(target.GetString()!))
        {
            throw Malformed(sourceName, problem);
        }

        return new ModelColumns(names, target.GetString()!);
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
