using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Backprop.Charts;

/// <summary>
/// Lets Plotly.NET run in the .NET Interactive kernel, which ships an older FSharp.Core than Plotly.NET asks for.
/// </summary>
/// <remarks>
/// <para>
/// Plotly.NET 6.0.0 is built against FSharp.Core 10.1 (assembly version 10.1.0.0). The final .NET Interactive
/// kernel (used by VS Code's Polyglot Notebooks, Jupyter's .NET kernel and dotnet-repl) has already loaded
/// FSharp.Core 10.0 (assembly version 10.0.0.0) for itself, and a notebook cannot load a second copy: without
/// help, the first chart fails with <c>FileNotFoundException: Could not load file or assembly 'FSharp.Core,
/// Version=10.1.0.0'</c>. Referencing a newer FSharp.Core package from the notebook does not help.
/// </para>
/// <para>
/// The fix: when the runtime cannot find an FSharp.Core, hand it the FSharp.Core that is already loaded. The
/// parts of FSharp.Core that Plotly.NET uses are the same in both versions, so the charts work. A module
/// initializer installs the handler as soon as anything in this library is first used, before any Plotly.NET
/// code runs, so a notebook needs no code of its own. In a console program the right FSharp.Core is copied next
/// to the program, the runtime finds it, and the handler is never asked.
/// </para>
/// </remarks>
internal static class FSharpCoreResolver
{
    private static Version? _plotlyFSharpCore;

    /// <summary>The FSharp.Core assembly version Plotly.NET 6.0.0 references (read from its metadata when first asked).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Asked only from Resolve, which the runtime calls only where assemblies are loaded from files; a natively compiled program loads none.")]
    internal static Version PlotlyFSharpCore => _plotlyFSharpCore ??= typeof(Plotly.NET.GenericChart).Assembly.GetReferencedAssemblies()
        .First(reference => reference.Name == "FSharp.Core").Version!;

    private static int _installed;

    /// <summary>Whether <see cref="Install"/> has subscribed the handler.</summary>
    internal static bool IsInstalled => Volatile.Read(ref _installed) == 1;

    /// <summary>
    /// Subscribes <see cref="Resolve"/> to <see cref="AssemblyLoadContext.Default"/>'s <c>Resolving</c> event,
    /// once. Runs by itself when this library is loaded; calling it again does nothing.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A notebook must not have to call anything: the fix has to run when the library loads.")]
    public static void Install()
    {
        // A natively compiled program (Native AOT, as `dotnet publish` builds the console program) has every
        // assembly compiled in and loads none, so there is nothing to resolve.
        if (RuntimeFeature.IsDynamicCodeSupported && Interlocked.Exchange(ref _installed, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += Resolve;
        }
    }

    /// <summary>
    /// The handler: for the FSharp.Core that Plotly.NET was built against (<see cref="PlotlyFSharpCore"/>), when
    /// the runtime could not find it, the FSharp.Core already loaded in this process if it is of the same major
    /// version; for any other request, or if none is loaded, <c>null</c> (the runtime then reports its usual error).
    /// </summary>
    public static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (requested.Name != "FSharp.Core" || requested.Version != PlotlyFSharpCore)
        {
            return null;
        }

        return AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(assembly => assembly.GetName() is { Name: "FSharp.Core", Version.Major: var major } && major == PlotlyFSharpCore.Major);
    }
}
