using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Backprop.Web.Tests;

/// <summary>A lesson's page in the browser, driven as a student does: by the controls' accessible names.</summary>
internal sealed partial class LessonTab(IPage page)
{
    /// <summary>Run all, a whole lesson: generous, because lesson 3 trains many networks in the interpreter.</summary>
    private const float RunAllTimeout = 600_000;

    public IPage Page { get; } = page;

    /// <summary>Opens a lesson (<c>01-backprop</c>) and waits until every code cell's editor is there.</summary>
    public static async Task<LessonTab> OpenAsync(IPage page, string slug)
    {
        await page.GotoAsync($"lessons/{slug}");
        var tab = new LessonTab(page);
        await tab.WaitForEditorsAsync();
        return tab;
    }

    public async Task WaitForEditorsAsync()
    {
        await Editor(1).WaitForAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Run all", Exact = true }).WaitForAsync();
    }

    public ILocator Editor(int cell) => Page.GetByRole(AriaRole.Textbox, new() { Name = $"Code cell {cell}", Exact = true });

    public ILocator Output(int cell) => Page.GetByRole(AriaRole.Region, new() { Name = $"Output of cell {cell}", Exact = true });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Status => Page.GetByRole(AriaRole.Status);

    /// <summary>Runs every cell and waits for the end; returns the page's own "finished in" seconds.</summary>
    public async Task RunAllAsync()
    {
        await Button("Run all").ClickAsync();
        await Assertions.Expect(Status).ToHaveTextAsync(RunAllEnded(), new() { Timeout = RunAllTimeout });
    }

    /// <summary>Clicks "Run cell N" and waits until the cell has run (or was stopped).</summary>
    public async Task RunCellAsync(int cell, float timeout = 120_000)
    {
        await Button($"Run cell {cell}").ClickAsync();
        await Assertions.Expect(Status).ToHaveTextAsync(CellEnded(cell), new() { Timeout = timeout });
    }

    /// <summary>Replaces a cell's code, typing into its editor as a student does (select all, then the new text).</summary>
    public async Task SetCodeAsync(int cell, string code)
    {
        await Editor(cell).ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.InsertTextAsync(code);
    }

    /// <summary>After a cell that misbehaved: the page still runs the next cell (<c>6 * 7</c> in cell <paramref name="cell"/>).</summary>
    public async Task AssertTheNextCellRunsAsync(int cell)
    {
        await SetCodeAsync(cell, "Console.WriteLine(6 * 7);");
        await RunCellAsync(cell);
        Assert.Equal("42\n", await PrintedAsync(cell));
    }

    /// <summary>What a cell printed (its console lines), in order.</summary>
    public async Task<string> PrintedAsync(int cell) =>
        string.Concat(await Output(cell).Locator(".output-printed").AllTextContentsAsync());

    /// <summary>All of an output region's text.</summary>
    public Task<string> OutputTextAsync(int cell) => Output(cell).InnerTextAsync();

    [GeneratedRegex("^(Run all finished|Run all was stopped)")]
    private static partial Regex RunAllEnded();

    private static Regex CellEnded(int cell) => new($"^Cell {cell} (ran|was stopped)");
}
