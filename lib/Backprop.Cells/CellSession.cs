using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Backprop.Notebooks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Cells;

/// <summary>
/// One lesson's cells, run one after another as the kernel runs them: each cell is compiled with Roslyn as a script
/// submission chained to the cells that compiled before it, so a variable, method or type that one cell defines is
/// seen by the cells after it; it is loaded and run, and what it prints, displays and ends with becomes its outputs.
/// </summary>
/// <remarks>
/// <para>
/// Magic commands: <c>#!import setup.dib</c> shows <see cref="CellSessionOptions.SetupNote"/> (the libraries are
/// already there, and its <c>using</c> directives come from <see cref="CellSessionOptions.Usings"/>); <c>#r "nuget: X"</c>
/// of a library the session has is accepted silently; any other magic line gets one line saying that it works only
/// in the kernel, and the rest of the cell runs.
/// </para>
/// <para>
/// A cell runs with the invariant culture (numbers print as <c>0.0736</c>), as the lessons' setup cell arranges in the
/// kernel. Cells run one at a time in a process, across sessions: the console and the <see cref="Guard"/> are shared.
/// </para>
/// <para>
/// Compile errors are the compiler's errors on the cell as written, one a line, <c>(line,column): error CS…: …</c>
/// counted from 1 in the cell, as the kernel shows them; warnings are not shown (the kernel does not show them). A
/// cell that does not compile is not part of the chain: fix it and run it again.
/// </para>
/// </remarks>
public sealed class CellSession
{
    /// <summary>
    /// The namespaces every cell sees without a <c>using</c>: those the .NET Interactive C# kernel imports before any
    /// cell runs, so a lesson says <c>List</c> and <c>Console</c> without a using, and a cell that needs another
    /// namespace (<c>System.IO</c>) needs its using here as it does in the kernel.
    /// </summary>
    public static IReadOnlyList<string> KernelUsings { get; } =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    private static readonly SemaphoreSlim OneCellAtATime = new(1, 1);

    /// <summary>How long a cell that awaits gets, once stopped, to end at its own next tick before it is left behind.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait <see cref="Task.Delay(TimeSpan)"/> takes.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private readonly CellSessionOptions _options;
    private readonly IReadOnlyList<MetadataReference> _references;
    private readonly HashSet<string> _libraryNames;
    private readonly CSharpCompilationOptions _compilationOptions;
    private readonly AssemblyLoadContext _loadContext;
    private readonly CellGlobals _globals;
    private readonly string _name;
    private CSharpCompilation? _previous;
    private object?[] _submissions;
    private int _cellsCompiled;
    private CellOutputs? _outputs;

    /// <summary>Starts a session: no cell has run yet.</summary>
    /// <exception cref="BadImageFormatException">A library is not a .NET PE file.</exception>
    public CellSession(CellSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Libraries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TimeLimit, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCallDepth, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPrintedCharacters, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDisplays, 0, nameof(options));
        _options = options;
        _libraryNames = new(options.Libraries.Select(CellSessionOptions.AssemblyName), StringComparer.OrdinalIgnoreCase);
        _references = [.. Basic.Reference.Assemblies.Net100.References.All, .. options.Libraries.Select(image => MetadataReference.CreateFromImage(image))];
        _compilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            concurrentBuild: false,  // WebAssembly has one thread
            usings: KernelUsings);
        _name = "cells" + Guid.NewGuid().ToString("N")[..8];
        _loadContext = new AssemblyLoadContext(_name);
        _globals = new CellGlobals(Show);
        _submissions = new object?[8];
        _submissions[0] = _globals;
    }

    /// <summary>
    /// Asks the running cell to stop at its next loop iteration or method call (see <see cref="Guard"/>: in the
    /// browser only a cell that awaits lets the click through; the time limit ends the others).
    /// </summary>
    public static void Stop() => Guard.RequestStop();

    /// <summary>Compiles and runs one cell after the ones run before it.</summary>
    /// <param name="source">The cell as written.</param>
    /// <returns>How it ended and what it showed; never throws for the cell's own faults.</returns>
    public async Task<CellResult> RunAsync(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        await OneCellAtATime.WaitAsync().ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        _outputs = new CellOutputs(_options.MaxPrintedCharacters, _options.MaxDisplays);
        try
        {
            var status = await CompileAndRunAsync(CellCode.Parse(source)).ConfigureAwait(false);
            return new CellResult(status, _outputs.Finish(), clock.Elapsed);
        }
        finally
        {
            _outputs = null;
            OneCellAtATime.Release();
        }
    }

    private async Task<CellStatus> CompileAndRunAsync(CellCode cell)
    {
        foreach (var magic in cell.Magics)
        {
            if (Note(magic) is { } note)
            {
                Show(new CellDisplay(Renderings.Of(note)));
            }
        }

        if (_previous is null)
        {
            StartWithSetupUsings();
        }

        var tree = cell.Tree;
        var compilation = Compile(GuardInstrumenter.Instrument(tree));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var codeless = !emitted.Success && !emitted.Diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        if (!emitted.Success && !codeless)
        {
            // The errors of the cell as written: positions in the student's lines, not in the guarded copy.
            var errors = Compile(tree).GetDiagnostics()
                .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
                .Select(CellDiagnostics.Format)
                .ToList();
            if (errors.Count == 0 && GuardInstrumenter.HasGuardedLambdas(tree))
            {
                // A lambda whose body has no type of its own (() => null) does not compile inside Guard.Call: the
                // cell runs with its lambdas as written, its loops and methods still guarded.
                compilation = Compile(GuardInstrumenter.Instrument(tree, guardLambdas: false));
                image.SetLength(0);
                emitted = compilation.Emit(image);
            }

            if (!emitted.Success)
            {
                Show(new CellError(errors.Count > 0 ? string.Join('\n', errors) : "The cell does not compile once guarded against endless loops: please report it.\n"
                    + string.Join('\n', emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(CellDiagnostics.Format))));
                return CellStatus.CompileError;
            }
        }

        if (emitted.Success && EndingCalls.Find(image) is { } ending)
        {
            Show(new CellError($"Not run: the cell calls Environment.{ending}, which would stop the .NET runtime that runs the cells and lose every cell's variables. Remove that call."));
            return CellStatus.Refused;
        }

        // A cell of usings and comments emits nothing (Roslyn says so with no error) and runs nothing; its usings
        // still reach the cells after it.
        _previous = compilation;
        _cellsCompiled++;
        if (codeless || compilation.GetEntryPoint(default) is not { } entryPoint)
        {
            return CellStatus.Completed;
        }

        image.Position = 0;
        var assembly = _loadContext.LoadFromStream(image);
        var factory = assembly.GetType(entryPoint.ContainingType.MetadataName, throwOnError: true)!
            .GetMethod(entryPoint.MetadataName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
        if (_submissions.Length <= _cellsCompiled + 1)
        {
            Array.Resize(ref _submissions, _submissions.Length * 2);
        }

        return await RunAsync(cell, factory).ConfigureAwait(false);
    }

    private async Task<CellStatus> RunAsync(CellCode cell, MethodInfo factory)
    {
        var (console, errorConsole, culture, uiCulture) = (Console.Out, Console.Error, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        Console.SetOut(new CellWriter(text => Print(text, isError: false)));
        Console.SetError(new CellWriter(text => Print(text, isError: true)));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        Guard.Start(_options.TimeLimit, _options.MaxCallDepth);
        try
        {
            var context = new CellContext();
            Task<object?> running;
            var outer = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(context);  // where the cell's awaits resume
            try
            {
                running = (Task<object?>)factory.Invoke(null, [_submissions])!;
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(outer);
            }

            var value = await EndOf(running, context).ConfigureAwait(false);
            if (cell.TrailingExpression is not null && value is not null)
            {
                Show(new CellDisplay(Renderings.Of(value), IsResult: true));
            }

            return CellStatus.Completed;
        }
        catch (Exception exception)
        {
            var cause = Unwrap(exception);
            if (cause is CellStoppedException stopped)
            {
                Show(new CellError(stopped.Message));
                return stopped.Status;
            }

            Show(new CellError($"{cause.GetType().FullName}: {cause.Message}"));
            return CellStatus.Failed;
        }
        finally
        {
            Guard.Finish();
            Console.Out.Flush();
            Console.SetOut(console);
            Console.SetError(errorConsole);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>
    /// The cell's value once it ends. A cell that awaits gives the thread back, so Stop's click and the time limit's
    /// timer can end it while it waits: one still looping then stops at its next tick (it gets <see cref="Grace"/>);
    /// one that waits for something that never comes is left behind, and its <see cref="CellContext"/> never resumes it.
    /// </summary>
    private static async Task<object?> EndOf(Task<object?> running, CellContext context)
    {
        if (!running.IsCompleted)
        {
            var limit = Task.Delay(Guard.Remaining < MaxDelay ? Guard.Remaining : MaxDelay);
            var first = await Task.WhenAny(running, Guard.StopRequested, limit).ConfigureAwait(false);
            if (first != running)
            {
                await Task.WhenAny(running, Task.Delay(Grace)).ConfigureAwait(false);
                if (!running.IsCompleted)
                {
                    context.Abandon();
                    throw first == limit ? Guard.TimedOutWaiting() : Guard.Stopped();
                }
            }
        }

        return await running.ConfigureAwait(false);
    }

    private CSharpCompilation Compile(SyntaxTree tree) =>
        CSharpCompilation.CreateScriptCompilation(
            $"{_name}-{_cellsCompiled + 1}",
            tree,
            _references,
            _compilationOptions,
            _previous,
            returnType: null,  // object; typeof(object) would name System.Private.CoreLib, which the reference assemblies do not have
            globalsType: typeof(CellGlobals));

    /// <summary>
    /// Before the first cell: the setup's <c>using</c> directives as a submission of their own (it emits nothing), so
    /// every cell after it sees them, as in the kernel, and each cell is compiled as the student wrote it: its errors'
    /// lines and columns are the cell's own.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setup using names nothing the libraries have.</exception>
    private void StartWithSetupUsings()
    {
        if (_options.Usings.Count == 0)
        {
            return;
        }

        var usings = CSharpSyntaxTree.ParseText(string.Join('\n', _options.Usings), CellCode.ParseOptions);
        var compilation = Compile(usings);
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The session's setup usings do not compile against its libraries: " + string.Join("; ", errors.Select(CellDiagnostics.Format)));
        }

        _previous = compilation;
        _cellsCompiled++;
    }

    /// <summary>The one line a magic command gets in the browser, or null when it needs none.</summary>
    private string? Note(CellMagic magic) => magic.Kind switch
    {
        CellMagicKind.ImportSetup => _options.SetupNote,
        CellMagicKind.NuGetPackage when _libraryNames.Contains(magic.Package!) => null,
        CellMagicKind.NuGetPackage => $"`{magic.Text}`: the browser cannot install NuGet packages; the lessons' libraries are already here.",
        CellMagicKind.Reference => $"`{magic.Text}`: the browser cannot load library files; the lessons' libraries are already here.",
        _ => $"`{magic.Text}` works only in the .NET Interactive kernel, not in the browser; the rest of the cell runs.",
    };

    private static Exception Unwrap(Exception exception) => exception switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions: [var single] } => Unwrap(single),
        TypeInitializationException { InnerException: { } inner } => Unwrap(inner),
        _ => exception,
    };

    private void Show(CellOutput output) =>
        (_outputs ?? throw new InvalidOperationException("display(...) was called outside a running cell: the session shows outputs only while a cell runs.")).Show(output);

    // A print after the cell ended (a timer, a task left running) has no cell to go to.
    private void Print(string text, bool isError) => _outputs?.Print(text, isError);

    /// <summary>
    /// Where a cell's awaits resume: on the thread pool (the page's one thread in the browser), as without it, until
    /// the cell is left behind (<see cref="Abandon"/>): then nothing of it resumes, so a cell stopped while it waited
    /// cannot wake up later inside another cell's run.
    /// </summary>
    private sealed class CellContext : SynchronizationContext
    {
        private volatile bool _abandoned;

        public void Abandon() => _abandoned = true;

        public override void Post(SendOrPostCallback d, object? state)
        {
            if (!_abandoned)
            {
                ThreadPool.QueueUserWorkItem(_ => Resume(d, state));
            }
        }

        public override SynchronizationContext CreateCopy() => this;

        private void Resume(SendOrPostCallback callback, object? state)
        {
            if (_abandoned)
            {
                return;
            }

            var previous = Current;
            SetSynchronizationContext(this);
            try
            {
                callback(state);
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }
    }

    /// <summary>The console while a cell runs: every write goes to the cell's outputs.</summary>
    private sealed class CellWriter : TextWriter
    {
        private readonly Action<string> _write;

        public CellWriter(Action<string> write)
        {
            _write = write;
            NewLine = "\n";
        }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => _write(value.ToString());

        public override void Write(string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");
    }
}
