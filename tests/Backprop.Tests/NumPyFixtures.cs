using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests;

/// <summary>
/// Reads the reference numbers that NumPy produced (made by Fixtures/make_fixtures.py; CI only reads them).
/// </summary>
internal static class NumPyFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file))).RootElement;

    public static JsonElement TrainingCase(string name) =>
        Load("training.json").GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<string> TrainingCaseNames() =>
        Load("training.json").GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static Matrix<double> Matrix(JsonElement rows) =>
        Matrix<double>.Build.DenseOfRowArrays(rows.EnumerateArray().Select(Doubles));

    public static Vector<double> Vector(JsonElement values) => Vector<double>.Build.DenseOfArray(Doubles(values));

    public static double[] Doubles(JsonElement values) => values.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static int[] Integers(JsonElement values) => values.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static string[] Strings(JsonElement values) => values.EnumerateArray().Select(v => v.GetString()!).ToArray();

    /// <summary>Losses, with NumPy's non-finite ones stored as null.</summary>
    public static double?[] NullableDoubles(JsonElement values) =>
        values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();
}
