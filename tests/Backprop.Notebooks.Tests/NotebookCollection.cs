namespace Backprop.Notebooks.Tests;

/// <summary>
/// Every test that starts the kernel, builds or runs a twin belongs here: xunit then runs them one after
/// another, never two kernels or two builds at once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    public const string Name = "Notebooks, one at a time";
}
