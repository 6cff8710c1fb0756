using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Backprop.Cells;

/// <summary>
/// Keeps a cell from running for ever: the runner inserts a call to <see cref="Tick"/> at the top of every loop body
/// of a cell, and wraps every method, local function and lambda body in <see cref="Enter"/> (or <see cref="Call{T}"/>),
/// before compiling it
/// (<see cref="GuardInstrumenter"/>). A call throws <see cref="CellStoppedException"/> once <see cref="RequestStop"/>
/// was called, once the cell ran longer than its time limit, or when methods nest deeper than the limit (endless
/// recursion, which would otherwise overflow the stack and end the whole page).
/// </summary>
/// <remarks>
/// <para>
/// Why a guard in the code and not a watchdog: in the browser, WebAssembly runs .NET on the page's one thread, so
/// there is no second thread to abort the first, and a cell that never returns never gives the browser back its
/// thread: the Stop button's click waits in the browser's queue until the cell ends. So the time limit, checked here,
/// is what ends a <c>while (true)</c> in the browser; <see cref="RequestStop"/> ends a cell that awaits (a cell
/// that awaits gives the thread back, and the click runs). On the desktop, where a cell runs on another thread,
/// <see cref="RequestStop"/> ends any cell at its next loop iteration or call.
/// </para>
/// <para>
/// The state is static, one cell at a time per process (<see cref="CellSession"/> runs cells one after another,
/// across sessions). A tick costs two field reads and a decrement; the clock is read every 1024 ticks. Once a cell
/// must stop, every later tick throws again, so a cell that catches the exception is stopped at its next tick.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Guard
{
    private const int TicksPerClockRead = 1024;

    private static volatile bool _stopRequested;
    private static bool _timedOut;  // latched: a cell that catches the first throw meets the next tick
    private static long _deadline = long.MaxValue;
    private static TimeSpan _timeLimit;
    private static int _maxDepth = int.MaxValue;
    private static int _depth;
    private static int _countdown = TicksPerClockRead;
    private static TaskCompletionSource _stopSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks the running cell to stop at its next loop iteration or method call, or now if it is waiting.</summary>
    public static void RequestStop()
    {
        _stopRequested = true;
        _stopSignal.TrySetResult();
    }

    /// <summary>Completes when Stop is asked for while the current cell runs (a cell that waits has no tick to see it).</summary>
    internal static Task StopRequested => _stopSignal.Task;

    /// <summary>What is left of the current cell's time limit (zero once it has passed).</summary>
    internal static TimeSpan Remaining =>
        TimeSpan.FromSeconds(Math.Max(0, (double)(_deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));

    /// <summary>Called at the top of each loop body of a cell: throws when the cell must stop.</summary>
    /// <exception cref="CellStoppedException">Stop was requested, or the time limit passed.</exception>
    public static void Tick()
    {
        if (_stopRequested)
        {
            throw Stopped();
        }

        if (_timedOut || --_countdown <= 0)
        {
            _countdown = TicksPerClockRead;
            if (_timedOut || Stopwatch.GetTimestamp() > _deadline)
            {
                _timedOut = true;
                throw new CellStoppedException(CellStatus.TimedOut,
                    string.Create(CultureInfo.InvariantCulture, $"Stopped: the cell ran longer than its time limit of {_timeLimit.TotalSeconds:0.#} s. Is there a loop that never ends?"));
            }
        }
    }

    /// <summary>
    /// Called as a method of a cell starts (<c>using (Guard.Enter()) { … }</c>): counts how deep calls nest, and ticks.
    /// </summary>
    /// <exception cref="CellStoppedException">Calls nest deeper than the limit, Stop was requested, or the time limit passed.</exception>
    public static Depth Enter()
    {
        Tick();
        if (_depth >= _maxDepth)
        {
            throw new CellStoppedException(CellStatus.TooDeep,
                $"Stopped: calls nested more than {_maxDepth} deep. Does a method or a lambda call itself without end?");
        }

        _depth++;
        return default;
    }

    /// <summary>
    /// A lambda's body, counted as one call deep: the runner turns a cell's <c>x =&gt; body</c> into
    /// <c>x =&gt; Guard.Call(() =&gt; body)</c>, so that a lambda that calls itself through a variable
    /// (<c>f = x =&gt; f(x + 1)</c>) is stopped like a method that does.
    /// </summary>
    /// <exception cref="CellStoppedException">Calls nest deeper than the limit, Stop was requested, or the time limit passed.</exception>
    public static T Call<T>(Func<T> body)
    {
        using (Enter())
        {
            return body();
        }
    }

    /// <summary>The same for a lambda that returns nothing.</summary>
    /// <exception cref="CellStoppedException">Calls nest deeper than the limit, Stop was requested, or the time limit passed.</exception>
    public static void Call(Action body)
    {
        using (Enter())
        {
            body();
        }
    }

    /// <summary>Why a cell ends when Stop was pressed.</summary>
    internal static CellStoppedException Stopped() => new(CellStatus.Stopped, "Stopped: you pressed Stop.");

    /// <summary>Why a cell that awaits ends when its time limit passes while it waits.</summary>
    internal static CellStoppedException TimedOutWaiting() => new(CellStatus.TimedOut,
        string.Create(CultureInfo.InvariantCulture, $"Stopped: the cell waited longer than its time limit of {_timeLimit.TotalSeconds:0.#} s. Does it await something that never finishes?"));

    /// <summary>Arms the guard for a cell that starts now.</summary>
    internal static void Start(TimeSpan timeLimit, int maxDepth)
    {
        _stopRequested = false;
        _stopSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _timedOut = false;
        _timeLimit = timeLimit;
        _deadline = Stopwatch.GetTimestamp() + (long)(timeLimit.TotalSeconds * Stopwatch.Frequency);
        _maxDepth = maxDepth;
        _depth = 0;
        _countdown = TicksPerClockRead;
    }

    /// <summary>Disarms the guard after a cell (code that outlives it, a timer's callback, is not stopped).</summary>
    internal static void Finish()
    {
        _deadline = long.MaxValue;
        _maxDepth = int.MaxValue;
        _stopRequested = false;
        _timedOut = false;
    }

    /// <summary>One level of calls; leaving the method (its <c>using</c> ends) gives it back.</summary>
    public readonly struct Depth : IDisposable
    {
        /// <summary>Leaves the level.</summary>
        public void Dispose() => _depth--;
    }
}
