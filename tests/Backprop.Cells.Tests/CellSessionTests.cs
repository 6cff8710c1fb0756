using Backprop.Cells;
using Backprop.Notebooks;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Cells.Tests;

/// <summary>The cell runner on the desktop: the lessons' own cells, errors, exceptions, endless loops and recursion.</summary>
public sealed class CellSessionTests
{
    [Fact]
    public async Task Lesson_1_run_cell_by_cell_prints_what_the_kernel_printed_with_the_ten_epoch_lines()
    {
        var session = Lessons.Session();
        var printed = new List<string>();
        foreach (var (source, kernelPrinted) in Lessons.CodeCells("01-backprop.ipynb"))
        {
            var result = await session.RunAsync(source);

            Assert.True(result.Status == CellStatus.Completed, $"{result.Status}: {string.Join("\n", result.Outputs.OfType<CellError>())}\n{source}");
            Assert.Equal(kernelPrinted, result.PrintedText);
            printed.Add(result.PrintedText);
        }

        var epochs = string.Concat(printed).Split('\n').Where(line => line.StartsWith("Epoch ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "Epoch 0, Loss: 0.0736", "Epoch 100, Loss: 0.0195", "Epoch 200, Loss: 0.0186", "Epoch 300, Loss: 0.0179",
                "Epoch 400, Loss: 0.0174", "Epoch 500, Loss: 0.0169", "Epoch 600, Loss: 0.0166", "Epoch 700, Loss: 0.0164",
                "Epoch 800, Loss: 0.0162", "Epoch 900, Loss: 0.0158",
            ],
            epochs);
    }

    [Fact]
    public async Task The_setup_cell_says_the_libraries_are_loaded_and_brings_its_usings()
    {
        var session = Lessons.Session();

        var setup = await session.RunAsync("// Run this cell first.\n#!import setup.dib");
        var next = await session.RunAsync("var W = Matrix<double>.Build.Dense(2, 3, 1.5);\nConsole.WriteLine(W.RowCount * W.ColumnCount);\nW");

        Assert.True(setup.Status == CellStatus.Completed, string.Join("\n", setup.Outputs));
        var note = Assert.IsType<CellDisplay>(Assert.Single(setup.Outputs));
        Assert.StartsWith("Ready: the lessons' libraries", note.Formats.Single(format => format.MimeType == "text/plain").Content, StringComparison.Ordinal);
        Assert.Equal(CellStatus.Completed, next.Status);
        Assert.Equal("6\n", next.PrintedText);
        var table = Assert.IsType<CellDisplay>(next.Outputs[^1]);
        Assert.True(table.IsResult);
        Assert.Equal(Renderings.Of(Matrix<double>.Build.Dense(2, 3, 1.5)), table.Formats);
    }

    [Fact]
    public async Task Variables_functions_and_types_of_one_cell_are_seen_by_the_later_cells()
    {
        var session = Lessons.Session();

        await session.RunAsync("var count = 2;\nint Twice(int x) => 2 * x;\nrecord Point(double X, double Y);");
        var result = await session.RunAsync("count += 1;\nvar p = new Point(Twice(count), 0.5);\nConsole.WriteLine($\"{p.X} {p.Y}\");");

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Equal("6 0.5\n", result.PrintedText);
    }

    [Fact]
    public async Task Display_shows_each_value_with_the_lessons_renderings_in_order_with_the_prints()
    {
        var session = Lessons.Session();
        var network = Backprop.Network.Create([3, 2, 1], new Backprop.NumPyRandom(seed: 0));

        var result = await session.RunAsync(
            "using Backprop;\nConsole.WriteLine(\"before\");\ndisplay(Network.Create([3, 2, 1], new NumPyRandom(seed: 0)));\ndisplay(\"a line\");\nConsole.Write(\"after\");");

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Collection(
            result.Outputs,
            output => Assert.Equal(new CellText("before\n"), output),
            output => Assert.Equal(Renderings.Of(network), Assert.IsType<CellDisplay>(output).Formats),
            output => Assert.Equal([new Rendering("text/plain", "a line")], Assert.IsType<CellDisplay>(output).Formats),
            output => Assert.Equal(new CellText("after"), output));
    }

    [Fact]
    public async Task A_compile_error_shows_its_line_and_column_in_the_cell_as_the_kernel_does()
    {
        var session = Lessons.Session();

        var result = await session.RunAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"\nvar x = 1;\nfor (var i = 0; i < 3; i++)\n{\n    Console.WriteLine(z);\n}");

        Assert.Equal(CellStatus.CompileError, result.Status);
        Assert.Equal(
            [new CellError("(5,23): error CS0103: The name 'z' does not exist in the current context")],
            result.Outputs);
    }

    [Fact]
    public async Task A_cell_that_failed_to_compile_leaves_the_chain_as_it_was()
    {
        var session = Lessons.Session();
        await session.RunAsync("var x = 1;");

        var failed = await session.RunAsync("var y = x + missing;");
        var next = await session.RunAsync("var y = x + 1;\nConsole.WriteLine(y);");

        Assert.Equal(CellStatus.CompileError, failed.Status);
        Assert.Equal(CellStatus.Completed, next.Status);
        Assert.Equal("2\n", next.PrintedText);
    }

    [Fact]
    public async Task An_exception_is_one_line_naming_it_and_what_was_printed_before_stays()
    {
        var session = Lessons.Session();

        var result = await session.RunAsync("Console.WriteLine(\"start\");\nint Fail(int n) => n > 2 ? throw new InvalidOperationException($\"n is {n}\") : Fail(n + 1);\nFail(0);");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal([new CellText("start\n"), new CellError("System.InvalidOperationException: n is 3")], result.Outputs);
    }

    [Fact]
    public async Task An_endless_loop_is_stopped_by_the_time_limit_and_the_session_goes_on()
    {
        var session = Lessons.Session(timeLimit: TimeSpan.FromSeconds(1));
        await session.RunAsync("var ticks = 0L;");

        var result = await session.RunAsync("while (true) { ticks++; }");
        var next = await session.RunAsync("Console.WriteLine(ticks > 0);");

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Equal([new CellError("Stopped: the cell ran longer than its time limit of 1 s. Is there a loop that never ends?")], result.Outputs);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"stopped after {result.Elapsed}");
        Assert.Equal("True\n", next.PrintedText);
    }

    [Fact]
    public async Task An_endless_loop_that_catches_every_exception_is_stopped_too()
    {
        var session = Lessons.Session(timeLimit: TimeSpan.FromSeconds(1));

        var result = await session.RunAsync("for (;;)\n{\n    try { while (true) { } }\n    catch (Exception) { }\n}");

        Assert.Equal(CellStatus.TimedOut, result.Status);
    }

    [Theory]
    [InlineData("var n = 0;\nwhile (true) { n++; if (n % 1000 == 0) await Task.Delay(1); }")]  // at its next tick
    [InlineData("await new TaskCompletionSource().Task;")]  // while it waits for ever: no tick to meet
    public async Task Stop_ends_a_running_cell(string source)
    {
        var session = Lessons.Session();
        var running = session.RunAsync(source);
        await Task.Delay(500);

        CellSession.Stop();
        var result = await running;

        Assert.Equal(CellStatus.Stopped, result.Status);
        Assert.Equal([new CellError("Stopped: you pressed Stop.")], result.Outputs);
    }

    [Fact]
    public async Task A_cell_that_awaits_for_ever_is_ended_by_the_time_limit_and_the_session_goes_on()
    {
        var session = Lessons.Session(timeLimit: TimeSpan.FromSeconds(1));

        var result = await session.RunAsync("await Task.Delay(-1);");
        var next = await session.RunAsync("Console.WriteLine(6 * 7);");

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Equal([new CellError("Stopped: the cell waited longer than its time limit of 1 s. Does it await something that never finishes?")], result.Outputs);
        Assert.Equal("42\n", next.PrintedText);
    }

    /// <summary>A cell left behind while it waited never wakes up inside a later cell (its print would land there).</summary>
    [Fact]
    public async Task A_cell_stopped_while_it_waited_never_resumes()
    {
        var late = await Lessons.Session(timeLimit: TimeSpan.FromSeconds(1)).RunAsync("await Task.Delay(3000);\nConsole.WriteLine(\"late\");");
        var next = await Lessons.Session().RunAsync("await Task.Delay(3000);\nConsole.WriteLine(\"next\");");

        Assert.Equal(CellStatus.TimedOut, late.Status);
        Assert.Equal("next\n", next.PrintedText);
    }

    [Theory]
    [InlineData("int Down(int n) => Down(n + 1);\nDown(0);")]
    [InlineData("void Down(int n) { Down(n + 1); }\nDown(0);")]
    [InlineData("class Node { public int Depth() => 1 + Depth(); }\nnew Node().Depth();")]
    [InlineData("Func<int, int> f = null;\nf = x => f(x + 1);\nf(0);")]  // a lambda through a variable: it killed the page's runtime
    [InlineData("Action<int> g = null;\ng = n => { g(n + 1); };\ng(0);")]
    [InlineData("Func<int, int> h = null;\nh = delegate (int n) { return h(n + 1); };\nh(0);")]
    [InlineData("Func<int, int> twice = null;\nFunc<int, int> once = x => twice(x);\ntwice = x => once(x) + 1;\ntwice(0);")]
    public async Task Endless_recursion_is_stopped_before_the_stack_overflows(string source)
    {
        var session = Lessons.Session(maxCallDepth: 500);

        var result = await session.RunAsync(source);

        Assert.Equal(CellStatus.TooDeep, result.Status);
        Assert.Equal([new CellError("Stopped: calls nested more than 500 deep. Does a method or a lambda call itself without end?")], result.Outputs);
    }

    /// <summary>Every kind of lambda still means what it says once its body is counted (or, when it cannot be, left as written).</summary>
    [Fact]
    public async Task Lambdas_of_every_kind_run_as_written()
    {
        var session = Lessons.Session();

        var result = await session.RunAsync(
            """
            Console.WriteLine(new[] { 1, 2, 3 }.Select(x => x * 2).Where(x => x > 2).Sum());
            Action hello = () => Console.WriteLine("hello");
            hello();
            Func<int, int, int> add = static (a, b) => a + b;
            Console.WriteLine(add(2, 3));
            var square = (double x) => x * x;
            Console.WriteLine(square(1.5));
            Func<string, int> parse = text => int.TryParse(text, out var n) ? n : -1;
            Console.WriteLine(parse("42") + parse("x"));
            Func<int, int> fail = _ => throw new InvalidOperationException("thrown");
            try { fail(0); } catch (InvalidOperationException e) { Console.WriteLine(e.Message); }
            System.Linq.Expressions.Expression<Func<int, int>> tree = x => x + 1;
            Console.WriteLine(tree.Compile()(1));
            Func<Task<int>> later = async () => { await Task.Yield(); return 3; };
            Console.WriteLine(await later());
            """);
        var untyped = await session.RunAsync("Func<string> none = () => null;\nFunc<int> zero = () => default;\nFunc<List<int>> empty = () => new();\nConsole.WriteLine($\"{none() ?? \"null\"} {zero()} {empty().Count}\");");

        Assert.True(result.Status == CellStatus.Completed, string.Join("\n", result.Outputs));
        Assert.Equal("10\nhello\n5\n2.25\n41\nthrown\n2\n3\n", result.PrintedText);
        Assert.True(untyped.Status == CellStatus.Completed, string.Join("\n", untyped.Outputs));
        Assert.Equal("null 0 0\n", untyped.PrintedText);
    }

    [Theory]
    [InlineData("Environment.Exit(0);", "Exit")]
    [InlineData("System.Environment.FailFast(\"bye\");", "FailFast")]
    [InlineData("using static System.Environment;\nExit(1);", "Exit")]
    [InlineData("Action<int> quit = Environment.Exit;\nquit(2);", "Exit")]
    [InlineData("void Quit() => Environment.Exit(3);\nConsole.WriteLine(\"never\");", "Exit")]
    public async Task A_cell_that_would_end_the_runtime_is_not_run_and_the_session_goes_on(string source, string method)
    {
        var session = Lessons.Session();

        var result = await session.RunAsync(source + "\nvar defined = 1;");
        var next = await session.RunAsync("Environment.ExitCode = 0;\nConsole.WriteLine(6 * 7);");
        var later = await session.RunAsync("Console.WriteLine(defined);");

        Assert.Equal(CellStatus.Refused, result.Status);
        Assert.Equal(
            [new CellError($"Not run: the cell calls Environment.{method}, which would stop the .NET runtime that runs the cells and lose every cell's variables. Remove that call.")],
            result.Outputs);
        Assert.Equal("42\n", next.PrintedText);
        Assert.Equal(CellStatus.CompileError, later.Status);  // the refused cell is not part of the chain
    }

    [Fact]
    public async Task Deep_recursion_within_the_limit_runs_and_its_depth_is_given_back()
    {
        var session = Lessons.Session(maxCallDepth: 500);

        var result = await session.RunAsync("int Sum(int n) => n == 0 ? 0 : n + Sum(n - 1);\nfor (var i = 0; i < 3; i++) Console.WriteLine(Sum(400));");

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Equal("80200\n80200\n80200\n", result.PrintedText);
    }

    [Fact]
    public async Task Linq_collections_string_formatting_and_MathNet_work_in_a_cell()
    {
        var session = Lessons.Session();
        await session.RunAsync("#!import setup.dib");

        var result = await session.RunAsync(
            """
            var losses = new List<double> { 0.5, 0.25, 0.125 };
            var byName = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
            var W = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 } });
            Console.WriteLine($"{losses.Average():F4} {losses.Max()} {string.Join(",", losses.Select(l => l * 2).OrderBy(l => l))}");
            Console.WriteLine($"{byName.Sum(pair => pair.Value)} {(W * W)[1, 1]} {W.Transpose().ToRowMajorArray().Sum():0.0}");
            Console.WriteLine(string.Format("{0,8:F3}|{1:E2}", Math.PI, 12345.678));
            """);

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Equal("0.2917 0.5 0.25,0.5,1\n3 22 10.0\n   3.142|1.23E+004\n", result.PrintedText);
    }

    [Fact]
    public async Task Magic_lines_the_browser_cannot_run_get_one_line_each_and_the_rest_runs()
    {
        var session = Lessons.Session();

        var result = await session.RunAsync("#!time\n#r \"nuget: Newtonsoft.Json, 13.0.3\"\n#r \"nuget: MathNet.Numerics, 5.0.0\"\nConsole.WriteLine(1 + 1);");

        Assert.Equal(CellStatus.Completed, result.Status);
        Assert.Equal(
            [
                "`#!time` works only in the .NET Interactive kernel, not in the browser; the rest of the cell runs.",
                "`#r \"nuget: Newtonsoft.Json, 13.0.3\"`: the browser cannot install NuGet packages; the lessons' libraries are already here.",
            ],
            result.Outputs.OfType<CellDisplay>().Select(display => display.Formats.Single().Content));
        Assert.Equal("2\n", result.PrintedText);
    }

    [Fact]
    public async Task A_first_cell_of_usings_only_runs_and_its_usings_reach_the_next_cell()
    {
        var session = Lessons.Session();

        var usings = await session.RunAsync("using System.Globalization;\nusing MathNet.Numerics.LinearAlgebra.Double;");
        var next = await session.RunAsync("Console.WriteLine(DenseMatrix.Create(2, 2, 0.5).RowCount.ToString(CultureInfo.InvariantCulture));");

        Assert.True(usings.Status == CellStatus.Completed, string.Join("\n", usings.Outputs));
        Assert.Empty(usings.Outputs);
        Assert.True(next.Status == CellStatus.Completed, string.Join("\n", next.Outputs));
        Assert.Equal("2\n", next.PrintedText);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]  // the kernel's namespaces listed again as usings, as the site once did: still fine
    public async Task The_setup_cell_run_first_completes_with_its_note_only(bool kernelUsingsRepeated)
    {
        var session = Lessons.Session(moreUsings: kernelUsingsRepeated ? CellSession.KernelUsings.Select(name => $"using {name};") : null);

        var setup = await session.RunAsync("#!import setup.dib\nusing System.Globalization;");

        Assert.True(setup.Status == CellStatus.Completed, string.Join("\n", setup.Outputs));
        Assert.IsType<CellDisplay>(Assert.Single(setup.Outputs));
    }

    [Fact]
    public async Task A_compile_error_in_the_first_cell_is_placed_in_the_cell_as_the_student_sees_it()
    {
        var session = Lessons.Session();

        var result = await session.RunAsync("var b = 1 + z;\nvar c = b + y;");

        Assert.Equal(CellStatus.CompileError, result.Status);
        var error = Assert.IsType<CellError>(Assert.Single(result.Outputs));
        Assert.Equal(
            "(1,13): error CS0103: The name 'z' does not exist in the current context\n(2,13): error CS0103: The name 'y' does not exist in the current context",
            error.Message);
    }

    [Fact]
    public async Task The_kernels_namespaces_need_no_using_and_others_still_do()
    {
        var session = Lessons.Session();

        var kernel = await session.RunAsync("var sb = new StringBuilder(\"x\");\nList<int> xs = [1, 2];\nConsole.WriteLine(sb.ToString() + xs.Sum() + Task.CompletedTask.IsCompleted);");
        var io = await session.RunAsync("Console.WriteLine(Path.GetFileName(\"a/b.txt\"));");

        Assert.Equal("x3True\n", kernel.PrintedText);
        Assert.Equal(CellStatus.CompileError, io.Status);
        Assert.Contains("CS0103: The name 'Path' does not exist", Assert.IsType<CellError>(Assert.Single(io.Outputs)).Message, StringComparison.Ordinal);
    }
}
