using System.Text.Json;

namespace Backprop.Playground.Tests;

/// <summary>The original run as NumPy printed it (tests/Backprop.Tests/Fixtures/training.json).</summary>
internal static class NumPyFixture
{
    /// <summary>The ten <c>Epoch N, Loss</c> lines of the original's 1000 epochs.</summary>
    public static IReadOnlyList<string> OriginalPrinted()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "training.json")));
        var original = document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "original");
        return original.GetProperty("printed").EnumerateArray().Select(line => line.GetString()!).ToArray();
    }
}
