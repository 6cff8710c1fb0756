using System.Diagnostics;
using Microsoft.Playwright;

namespace Backprop.Web.Tests;

/// <summary>The site as a whole: its charts, its origin, deep links, and the notebook a student downloads.</summary>
[Collection(SiteCollection.Name)]
public sealed class SiteTests(SiteFixture site)
{
    [SkippableFact]
    public async Task EveryChartDrawsAndNoRequestLeavesTheSite()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(site.Address.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        var lesson = await LessonTab.OpenAsync(page, "01-backprop");

        await lesson.RunAllAsync();

        // Lesson 1 shows three Plotly charts (the initial weights, the loss, the trained weights); each draws one
        // .main-svg layer or more.
        var charts = page.Locator(".output-region .js-plotly-plot");
        Assert.Equal(3, await charts.CountAsync());
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await charts.Nth(i).Locator(".main-svg").CountAsync() > 0, $"chart {i + 1} did not draw");
        }

        Assert.Empty(elsewhere);
    }

    [SkippableTheory]
    [InlineData("01-backprop")]
    [InlineData("02-one-step")]
    [InlineData("03-experiments")]
    [InlineData("04-autograd")]
    public async Task EveryEquationIsTypeset(string slug)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();
        await LessonTab.OpenAsync(page, slug);
        await page.WaitForFunctionAsync("() => document.querySelector('.markdown-cell .math') && !document.querySelector('.markdown-cell .math:not([data-typeset])')");

        // Text of the markdown cells outside the typeset math and the code: no TeX left in it ($$, \frac, \partial).
        var leftOver = await page.EvaluateAsync<string[]>("""
            () => {
              const found = [];
              for (const cell of document.querySelectorAll('.markdown-cell')) {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node; (node = walker.nextNode());) {
                  if (node.parentElement.closest('.katex, code, pre')) continue;
                  if (/\$\$|\\frac|\\partial|\\sum/.test(node.textContent)) found.push(node.textContent.trim().slice(0, 120));
                }
              }
              return found;
            }
            """);
        Assert.Empty(leftOver);
        Assert.Equal(CommittedNotebook.DisplayEquations(slug), await page.Locator(".markdown-cell .katex-display").CountAsync());
    }

    [SkippableFact]
    public async Task ADeepLinkOpensItsLesson()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();

        var response = await page.GotoAsync("lessons/04-autograd");

        Assert.Equal(404, response!.Status);  // as GitHub Pages answers: 404.html, which is the app
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Autograd", new() { Timeout = 60_000 });
    }

    [SkippableFact]
    public async Task TheDownloadedNotebookRunsInTheRealKernel()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();
        var lesson = await LessonTab.OpenAsync(page, "01-backprop");
        await lesson.RunAllAsync();
        await lesson.SetCodeAsync(12, "display(Exercise.CheckMseDerivative(my_mse_derivative));\nConsole.WriteLine(\"edited in the browser\");");

        var download = await page.RunAndWaitForDownloadAsync(() => lesson.Button("Download notebook").ClickAsync());

        // Saved next to the lessons, as a student would, so that its setup cell finds setup.dib; removed afterwards.
        var path = Repository.PathOf("notebooks", $".site-download-{Environment.ProcessId}.ipynb");
        var ran = Path.ChangeExtension(path, ".ran.ipynb");
        try
        {
            await download.SaveAsAsync(path);
            var (exit, log) = await Run("dotnet", ["repl", "--run", path, "--exit-after-run", "--output-path", ran], Repository.PathOf("notebooks"));
            Assert.True(exit == 0, $"dotnet repl ran the downloaded notebook with exit code {exit}:\n{log}");
            var output = await File.ReadAllTextAsync(ran);
            Assert.Contains("edited in the browser", output);
            Assert.Contains("Epoch 900, Loss: 0.0158", output);
        }
        finally
        {
            File.Delete(path);
            File.Delete(ran);
        }
    }

    private static async Task<(int Exit, string Log)> Run(string program, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + await errors);
    }
}
