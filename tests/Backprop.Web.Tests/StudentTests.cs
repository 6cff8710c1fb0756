using Microsoft.Playwright;

namespace Backprop.Web.Tests;

/// <summary>What a student does to a lesson: wrong answers, mistakes, endless loops, edits, reloads.</summary>
[Collection(SiteCollection.Name)]
public sealed class StudentTests(SiteFixture site)
{
    // Lesson 1: code cell 1 is the setup cell, 9 the first exercise (my_relu_derivative), 10 its check.
    private const int Setup = 1;
    private const int Exercise = 9;
    private const int Check = 10;

    [SkippableFact]
    public async Task AWrongAnswerGetsTheGradersMessageAndTheRightOneATick()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "01-backprop");
        await lesson.RunCellAsync(Setup);

        // The kink at 0: x >= 0 gives 1 where the original gives 0.
        await lesson.SetCodeAsync(Exercise, "Matrix<double> my_relu_derivative(Matrix<double> x) => x.Map(value => value >= 0 ? 1.0 : 0.0);");
        await lesson.RunCellAsync(Exercise);
        await lesson.RunCellAsync(Check);
        var wrong = await lesson.OutputTextAsync(Check);
        Assert.Contains("✘", wrong);
        Assert.Contains("relu_derivative(0) should be 0, not 1: at the kink the original takes 0 (x >= 0 gives 1)", wrong);

        await lesson.SetCodeAsync(Exercise, "Matrix<double> my_relu_derivative(Matrix<double> x) => x.Map(value => value > 0 ? 1.0 : 0.0);");
        await lesson.RunCellAsync(Exercise);
        await lesson.RunCellAsync(Check);
        var right = await lesson.OutputTextAsync(Check);
        Assert.Contains("✔", right);
        Assert.DoesNotContain("✘", right);
    }

    [SkippableFact]
    public async Task ACompileErrorShowsItsLineAndColumn()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "01-backprop");
        await lesson.RunCellAsync(Setup);

        await lesson.SetCodeAsync(2, "var fine = 1;\nint oops = \"text\";");
        await lesson.RunCellAsync(2);

        var output = await lesson.OutputTextAsync(2);
        Assert.Contains("(2,12)", output);
        Assert.Contains("CS0029", output);
    }

    [SkippableFact]
    public async Task AnEndlessLoopIsStoppedAndThePageStaysUsable()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "01-backprop");

        await lesson.SetCodeAsync(2, "while (true) { }");
        await lesson.RunCellAsync(2, timeout: 180_000);
        Assert.Contains("stopped", await lesson.OutputTextAsync(2), StringComparison.OrdinalIgnoreCase);

        await lesson.AssertTheNextCellRunsAsync(3);
    }

    /// <summary>A cell that awaits for ever gives the page its thread back: Stop's click reaches it and ends it.</summary>
    [SkippableFact]
    public async Task StopEndsACellThatAwaitsForEver()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "01-backprop");

        await lesson.SetCodeAsync(2, "await Task.Delay(-1);");
        await lesson.Button("Run cell 2").ClickAsync();
        await Assertions.Expect(lesson.Status).ToHaveTextAsync("Running cell 2…");
        await lesson.Page.WaitForTimeoutAsync(2000);
        await lesson.Button("Stop").ClickAsync();
        await Assertions.Expect(lesson.Status).ToHaveTextAsync("Cell 2 was stopped.", new() { Timeout = 20_000 });
        Assert.Equal("Stopped: you pressed Stop.", (await lesson.OutputTextAsync(2)).Trim());

        await lesson.AssertTheNextCellRunsAsync(3);
    }

    [SkippableFact]
    public async Task ALoopThatPrintsWithoutEndDoesNotFloodTheCell()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "01-backprop");

        await lesson.SetCodeAsync(2, "while (true) Console.WriteLine(\"again and again\");");
        await lesson.RunCellAsync(2, timeout: 180_000);

        // Unbounded, it put 78,849 lines into the cell in its 30 s; now the first 100,000 characters and one line.
        var printed = await lesson.PrintedAsync(2);
        Assert.Equal(100_000, printed.Length);
        Assert.StartsWith("again and again\n", printed, StringComparison.Ordinal);
        var shown = await lesson.OutputTextAsync(2);
        Assert.Matches(@"Left out: [\d,]+ more characters printed \(a cell shows its first 100,000\)\. Is there a loop that prints without end\?", shown);
        Assert.Contains("time limit", shown, StringComparison.Ordinal);

        await lesson.AssertTheNextCellRunsAsync(3);
    }

    /// <summary>
    /// What used to end the page's .NET runtime (Environment.Exit; a lambda that calls itself through a variable) or
    /// showed a resource key instead of .NET's message (the published site kept only the keys) gets one line, and the
    /// next cell runs.
    /// </summary>
    [SkippableTheory]
    [InlineData("Environment.Exit(0);", "Not run: the cell calls Environment.Exit, which would stop the .NET runtime that runs the cells and lose every cell's variables. Remove that call.")]
    [InlineData("Func<int, int> f = null;\nf = x => f(x + 1);\nf(0);", "Stopped: calls nested more than 1000 deep. Does a method or a lambda call itself without end?")]
    [InlineData("var a = new int[2];\na[5] = 1;", "System.IndexOutOfRangeException: Index was outside the bounds of the array.")]
    public async Task ACellThatWouldBreakThePageGetsOneLineAndTheNextCellRuns(string code, string line)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "01-backprop");

        await lesson.SetCodeAsync(2, code);
        await lesson.RunCellAsync(2);
        Assert.Equal(line, (await lesson.OutputTextAsync(2)).Trim());

        await lesson.AssertTheNextCellRunsAsync(3);
    }

    /// <summary>
    /// A lesson from the keyboard alone: Shift+Enter runs a cell and moves to the next editor, Tab leaves the editor for
    /// the next control, Enter presses a focused button, and Reset lesson asks first (Cancel keeps the edits, OK brings
    /// back the committed code).
    /// </summary>
    [SkippableFact]
    public async Task ALessonWorksFromTheKeyboardAndResetAsksFirst()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "01-backprop");
        var page = lesson.Page;
        var committed = await lesson.Editor(2).InnerTextAsync();

        await lesson.Editor(2).FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync("Console.WriteLine(\"from the keyboard\");");
        await page.Keyboard.PressAsync("Shift+Enter");
        await Assertions.Expect(lesson.Status).ToHaveTextAsync("Cell 2 ran.", new() { Timeout = 120_000 });
        Assert.Equal("from the keyboard\n", await lesson.PrintedAsync(2));
        await Assertions.Expect(lesson.Editor(3)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Tab");  // out of the editor: the next control is cell 4's Run button
        await Assertions.Expect(lesson.Button("Run cell 4")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(lesson.Status).ToHaveTextAsync("Cell 4 ran.", new() { Timeout = 120_000 });

        var asked = new TaskCompletionSource<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Message);
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await lesson.Button("Reset lesson").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.False(string.IsNullOrWhiteSpace(await asked.Task.WaitAsync(TimeSpan.FromSeconds(30))), "Reset lesson asked nothing");
        await Assertions.Expect(lesson.Editor(2)).ToHaveTextAsync("Console.WriteLine(\"from the keyboard\");");

        accept = true;
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(lesson.Editor(2)).ToHaveTextAsync(committed, new() { UseInnerText = true });
    }

    [SkippableFact]
    public async Task AnEditSurvivesAReload()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "02-one-step");
        const string edit = "Console.WriteLine(\"my own line\");";

        await lesson.SetCodeAsync(3, edit);
        await lesson.Page.ReloadAsync();
        await lesson.WaitForEditorsAsync();

        await Assertions.Expect(lesson.Editor(3)).ToHaveTextAsync(edit);
    }

    [SkippableFact]
    public async Task AReloadWithTheNetworkCutStillWorks()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();
        var lesson = await LessonTab.OpenAsync(page, "01-backprop");
        await lesson.RunCellAsync(Setup);
        await lesson.RunCellAsync(2);  // the compiler and the libraries' reference files are fetched by the first cell
        await page.EvaluateAsync("() => backprop.keepForOffline()");  // what the page does after its first cell, awaited

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await lesson.WaitForEditorsAsync();
        await lesson.SetCodeAsync(2, "Console.WriteLine(new NumPyRandom(seed: 0).Rand(1, 1)[0, 0]);");
        await lesson.RunCellAsync(Setup);
        await lesson.RunCellAsync(2);

        Assert.True("0.5488135039273248\n" == await lesson.PrintedAsync(2), "Offline, cell 2 showed: " + await lesson.OutputTextAsync(2));
    }
}
