namespace Backprop.Testing;

/// <summary>Paths in the checkout the tests run in, found from wherever the tests run.</summary>
internal static class Repository
{
    /// <summary>The folder holding Backprop.sln, above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The lessons' folder.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>A path below the root, one part per folder.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Backprop.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Backprop.sln above {AppContext.BaseDirectory}.");
    }
}
