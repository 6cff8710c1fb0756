namespace Backprop.Playground.Tests;

/// <summary>The checkout the tests run in, and files in it.</summary>
internal static class Repository
{
    /// <summary>The folder holding Backprop.sln, above the test's output folder.</summary>
    public static string Root { get; } = Find();

    /// <summary>The text of lesson 3's bike-rental data set, as the site serves it.</summary>
    public static string BikesCsv => File.ReadAllText(Path.Combine(Root, "data", "bike_rentals.csv"));

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
