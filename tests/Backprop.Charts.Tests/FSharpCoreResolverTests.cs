using System.Reflection;
using System.Runtime.Loader;
using Microsoft.FSharp.Core;

namespace Backprop.Charts.Tests;

public class FSharpCoreResolverTests
{
    private static readonly Assembly LoadedFSharpCore = typeof(FSharpOption<int>).Assembly;

    [Fact]
    public void Resolve_answers_a_request_for_another_FSharp_Core_with_the_loaded_one()
    {
        var resolved = FSharpCoreResolver.Resolve(AssemblyLoadContext.Default, new AssemblyName("FSharp.Core, Version=99.0.0.0"));

        Assert.Same(LoadedFSharpCore, resolved);
    }

    [Fact]
    public void Resolve_leaves_other_assemblies_to_the_runtime()
    {
        var resolved = FSharpCoreResolver.Resolve(AssemblyLoadContext.Default, new AssemblyName("Plotly.NET, Version=99.0.0.0"));

        Assert.Null(resolved);
    }

    [Fact]
    public void Loading_the_library_installs_the_handler_so_a_newer_FSharp_Core_request_succeeds()
    {
        // Using anything in the library runs its module initializer; no call to Install is needed.
        _ = LossChart.EpochAxisTitle.Length + typeof(LossChart).Assembly.GetTypes().Length;

        // The kernel's situation in miniature: a version newer than the one present is asked for.
        var loaded = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("FSharp.Core, Version=99.0.0.0"));

        Assert.Same(LoadedFSharpCore, loaded);
    }
}
