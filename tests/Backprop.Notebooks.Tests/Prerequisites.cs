namespace Backprop.Notebooks.Tests;

/// <summary>
/// What the notebooks need before they run, done once per test run: the local tools (dotnet-repl) restored, and
/// the libraries built in the configuration the notebooks load (<see cref="BuildCommand"/>, as the README says).
/// </summary>
internal static class Prerequisites
{
    /// <summary>The README's build step, which produces the dlls the notebooks reference.</summary>
    public static readonly string[] BuildCommand = ["build", "lib/Backprop.Notebooks", "-c", "Release"];

    private static readonly Lazy<bool> Ready = new(Prepare);

    public static void EnsureReady() => _ = Ready.Value;

    private static bool Prepare()
    {
        Require(CommandLine.Run(Repository.Root, "dotnet", "tool", "restore"));
        Require(CommandLine.Run(Repository.Root, "dotnet", BuildCommand));
        return true;
    }

    private static void Require(CommandResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }
}
