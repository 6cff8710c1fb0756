namespace Backprop.Web.Tests;

/// <summary>Paths in this repository, found from wherever the tests run.</summary>
internal static class Repository
{
    /// <summary>The folder holding Backprop.sln.</summary>
    public static string Root { get; } = FindRoot();

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
