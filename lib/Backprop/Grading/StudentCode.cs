using System.Globalization;
using System.Reflection;

namespace Backprop.Grading;

/// <summary>
/// Runs a student's function for a grader so that nothing the student wrote can crash, hang or end the check: every
/// grader calls the student's code through <see cref="Run{T}(string, Delegate, Func{T})"/>.
/// </summary>
/// <remarks>
/// <para>What it catches, and how:</para>
/// <list type="bullet">
/// <item><b>An exception</b> becomes one ✘ line with its type and message, never a stack trace.
/// <see cref="NotImplementedException"/> (the exercise's placeholder) is "○ not done yet". A MathNet shape error
/// (<c>Matrix dimensions must agree: op1 is 10x1, op2 is 3x1</c>) is told as the operation and both shapes, by the
/// lesson's names where the grader knows them, with the likely missing <c>.Transpose()</c>.</item>
/// <item><b>An endless loop</b>: the function runs on a background thread, and after <see cref="TimeLimit"/> the grader
/// says "did not finish in 5 s: an endless loop?" and returns. .NET cannot abort a thread, so the loop runs on until
/// the kernel restarts; the message says so. On Linux the stray thread is lowered to the lowest CPU priority (nice 19),
/// so it takes only time no one else wants. Being a background thread, it never keeps the process from ending.</item>
/// <item><b>A recursion that never ends</b> cannot be caught: on a stack overflow .NET ends the process, whatever thread
/// it is on. So the student's compiled code is read before it runs (<see cref="CodeInspection"/>): a function that can
/// reach itself through the student's own methods is not run, and the message names the cycle
/// (<c>my_relu_derivative → helper → my_relu_derivative</c>). These exercises need no recursion.</item>
/// <item><b><c>Environment.Exit</c> or <c>Environment.FailFast</c></b> would end the kernel at once; a function that
/// can reach either is not run.</item>
/// </list>
/// <para>What it cannot catch: a recursion through a delegate held in a variable (<c>f = x => f(x)</c>), through a
/// virtual or interface call into the student's own override, or through reflection, ends the kernel with "Stack
/// overflow"; <c>Environment.Exit</c> reached that way, or run in a cell rather than in a graded function, ends it
/// too. A loop that prints floods the cell until the time limit. A loop that allocates without end can exhaust memory.
/// The thread's stack is <see cref="StackSize"/> bytes, ample for any non-recursive exercise; a larger stack would
/// only delay a stack overflow, not catch it.</para>
/// <para>In the browser (single-threaded WebAssembly, <see cref="OperatingSystem.IsBrowser"/>) no thread can start,
/// so the function runs inline with no time limit: the page that compiles the cells must guard loops itself. The
/// IL check runs there too.</para>
/// </remarks>
internal static class StudentCode
{
    /// <summary>How long a student's function may run before the grader gives up on it: 5 seconds.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>The stack of the thread the student's function runs on: 16 MB.</summary>
    public const int StackSize = 16 * 1024 * 1024;

    /// <summary>
    /// Checks <paramref name="function"/>'s code, then runs <paramref name="call"/> (which calls it) within
    /// <see cref="TimeLimit"/> on a background thread, and returns its result or the line that explains its failure.
    /// </summary>
    /// <param name="name">The function's name for messages: <c>my_relu_derivative</c>.</param>
    /// <param name="function">The student's function, whose code is checked before it runs.</param>
    /// <param name="call">Calls <paramref name="function"/> with the grader's arguments.</param>
    public static StudentRun<T> Run<T>(string name, Delegate function, Func<T> call) => Run(name, function, call, ShapeNames.None, TimeLimit);

    /// <summary>The same, with the names of the matrices the function is given and a time limit (tests use a short one).</summary>
    internal static StudentRun<T> Run<T>(string name, Delegate function, Func<T> call, ShapeNames names, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(call);
        var refusal = CodeInspection.Refusal(function, name);
        if (refusal is not null)
        {
            return StudentRun<T>.Failed(GradingItem.Wrong(name, refusal.Value.Mistake, refusal.Value.Message));
        }

        var outcome = new Outcome<T>(call, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        if (OperatingSystem.IsBrowser())
        {
            outcome.Run();
        }
        else
        {
            var thread = new Thread(outcome.Run, StackSize) { IsBackground = true, Name = $"student code: {name}" };
            thread.Start();
            if (!thread.Join(timeLimit))
            {
                StrayThreads.Lower(outcome.ThreadId);
                return StudentRun<T>.Failed(GradingItem.Wrong(name, Mistake.TimedOut, TimedOut(name, timeLimit)));
            }
        }

        return outcome.Thrown is null ? StudentRun<T>.Success(outcome.Result) : StudentRun<T>.Failed(Explain(name, outcome.Thrown, names));
    }

    private static string TimedOut(string name, TimeSpan limit) =>
        $"{name} did not finish in {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: an endless loop? Look at each loop's condition and what changes it. " +
        "The loop may still run in the background at the lowest priority (.NET cannot stop it): if the notebook gets slow, restart the kernel, then Run All";

    /// <summary>One line for an exception: "not done yet" for the placeholder, the shapes for a shape error, else its type and message.</summary>
    private static GradingItem Explain(string name, Exception thrown, ShapeNames names)
    {
        while (thrown is TargetInvocationException or AggregateException && thrown.InnerException is not null)
        {
            thrown = thrown.InnerException;
        }

        if (thrown is NotImplementedException)
        {
            return GradingItem.NotDone(name, "replace throw new NotImplementedException() with your code");
        }

        var shapes = names.Explain(thrown);
        if (shapes is not null)
        {
            return GradingItem.Wrong(name, Mistake.WrongShape, $"{name} stopped with a shape error: {shapes}");
        }

        var message = thrown.Message.Split('\n')[0].Trim();
        return GradingItem.Wrong(name, Mistake.Threw, $"{name} threw {thrown.GetType().Name}: {(message.Length > 200 ? message[..200] + "…" : message)}");
    }

    /// <summary>The call and what it gave, shared with the thread that makes it.</summary>
    private sealed class Outcome<T>(Func<T> call, CultureInfo culture, CultureInfo uiCulture)
    {
        public T? Result { get; private set; }

        public Exception? Thrown { get; private set; }

        /// <summary>The operating system's id of the thread that makes the call, where it can be known (<see cref="StrayThreads"/>).</summary>
        public int? ThreadId { get; private set; }

        public void Run()
        {
            ThreadId = StrayThreads.CurrentId();
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            try
            {
                Result = call();
            }
            catch (Exception exception)
            {
                Thrown = exception;
            }
        }
    }
}
