namespace Backprop.Tests;

/// <summary>The checkout the tests run in.</summary>
internal static class Repository
{
    /// <summary>The folder holding Backprop.sln, above the test's output folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "Backprop.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException($"No Backprop.sln above {AppContext.BaseDirectory}.");
        }

        return folder;
    }
}
