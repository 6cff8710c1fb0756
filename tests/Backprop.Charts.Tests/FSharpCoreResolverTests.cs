using System.Reflection;
using System.Runtime.Loader;
using Microsoft.FSharp.Core;

namespace Backprop.Charts.Tests;

public class FSharpCoreResolverTests
{
    private static readonly Assembly LoadedFSharpCore = typeof(FSharpOption<int>).Assembly;

    [Fact]
    public void The_version_Plotly_NET_asks_for_is_read_from_Plotly_NET_itself()
    {
        var reference = typeof(Plotly.NET.GenericChart).Assembly.GetReferencedAssemblies().Single(a => a.Name == "FSharp.Core");

        Assert.Equal(reference.Version, FSharpCoreResolver.PlotlyFSharpCore);
        Assert.Equal(10, FSharpCoreResolver.PlotlyFSharpCore.Major);
    }

    [Fact]
    public void Resolve_answers_Plotly_NETs_FSharp_Core_request_with_the_loaded_one()
    {
        var loaded = LoadedFSharpCore;  // as in the kernel, an FSharp.Core is already loaded
        var requested = new AssemblyName("FSharp.Core") { Version = FSharpCoreResolver.PlotlyFSharpCore };

        var resolved = FSharpCoreResolver.Resolve(AssemblyLoadContext.Default, requested);

        Assert.Same(loaded, resolved);
    }

    [Fact]
    public void Resolve_leaves_other_versions_and_other_assemblies_to_the_runtime()
    {
        Assert.NotNull(LoadedFSharpCore);
        Assert.Null(FSharpCoreResolver.Resolve(AssemblyLoadContext.Default, new AssemblyName("FSharp.Core, Version=99.0.0.0")));
        Assert.Null(FSharpCoreResolver.Resolve(AssemblyLoadContext.Default, new AssemblyName("Plotly.NET, Version=99.0.0.0")));
    }

    [Fact]
    public void Loading_the_library_installs_the_handler()
    {
        // Using anything in the library runs its module initializer; no call to Install is needed.
        _ = LossChart.LossAxisTitle.Length + typeof(LossChart).Assembly.GetTypes().Length;

        Assert.True(FSharpCoreResolver.IsInstalled);
    }
}
