using System.Text.Json.Nodes;
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

    /// <summary>
    /// A GitHub Pages project site is served under /REPOSITORY/. The published folder, pointed there by the script
    /// the Pages workflow runs (web/set-base-address.sh), still opens a deep link, runs lesson 1 with its charts and
    /// the playground, and fetches nothing outside its own folder.
    /// </summary>
    [SkippableFact]
    public async Task TheSiteWorksUnderAProjectSitesAddress()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        const string Folder = "Backprop.NET";
        var served = Directory.CreateTempSubdirectory("project-site-").FullName;
        try
        {
            var root = Path.Combine(served, Folder);
            CopyFolder(site.SiteFolder, root);
            var script = CommandLine.Run(Repository.Root, "bash", "web/set-base-address.sh", root, $"/{Folder}/");
            Assert.True(script.ExitCode == 0, script.ToString());
            await using var host = await StaticHost.StartAsync(served, notFoundPage: Path.Combine(Folder, "404.html"));

            var page = await site.NewPageAsync(new() { BaseURL = new Uri(host.Address, $"{Folder}/").ToString() });
            var outside = new List<string>();
            page.Response += (_, response) =>
            {
                var url = new Uri(response.Url);
                var deepLink = response.Request.IsNavigationRequest && response.Status == 404;  // 404.html, which is the app
                if (url.Scheme == "http" && (!url.AbsolutePath.StartsWith($"/{Folder}/", StringComparison.Ordinal) || (response.Status >= 400 && !deepLink)))
                {
                    outside.Add($"{response.Status} {response.Url}");
                }
            };

            var lesson = await LessonTab.OpenAsync(page, "01-backprop");
            await lesson.RunAllAsync();
            Assert.Equal("Epoch 0, Loss: 0.0736", (await lesson.PrintedAsync(5)).Split('\n')[0]);
            var charts = page.Locator(".output-region .js-plotly-plot");
            Assert.Equal(3, await charts.CountAsync());
            for (var i = 0; i < 3; i++)
            {
                Assert.True(await charts.Nth(i).Locator(".main-svg").CountAsync() > 0, $"chart {i + 1} did not draw under /{Folder}/");
            }

            await page.GotoAsync("playground");
            await page.GetByRole(AriaRole.Button, new() { Name = "Step epoch", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status, new() { Name = "Training status" })).ToContainTextAsync("0.0736");

            Assert.Empty(outside);
        }
        finally
        {
            Directory.Delete(served, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
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

    /// <summary>
    /// The student's download is a valid notebook (nbformat, as Jupyter and VS Code read it) that runs from top to
    /// bottom in the real kernel, both ways a student may run it: Jupyter (nbconvert, the .NET kernel registered as
    /// Jupyter registers it) and dotnet-repl. They differ: Jupyter shows compiler warnings, dotnet-repl does not.
    /// </summary>
    [SkippableFact]
    public async Task TheDownloadedNotebookRunsInTheRealKernel()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        Skip.IfNot(File.Exists("/usr/bin/jupyter-nbconvert"), "Jupyter's nbconvert is not installed (.ci/run installs jupyter-nbconvert)");
        var page = await site.NewPageAsync();
        var lesson = await LessonTab.OpenAsync(page, "01-backprop");
        await lesson.RunAllAsync();
        await lesson.SetCodeAsync(12, "display(Exercise.CheckMseDerivative(my_mse_derivative));\nConsole.WriteLine(\"edited in the browser\");");

        var download = await page.RunAndWaitForDownloadAsync(() => lesson.Button("Download notebook").ClickAsync());

        // Saved next to the lessons, as a student would, so that its setup cell finds setup.dib; removed afterwards.
        var name = $".site-download-{Environment.ProcessId}.ipynb";
        var path = Repository.PathOf("notebooks", name);
        var ran = Directory.CreateTempSubdirectory("site-download-ran-").FullName;
        try
        {
            await download.SaveAsAsync(path);

            var valid = CommandLine.Run(
                Repository.Notebooks, "/usr/bin/python3", "-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path);
            Assert.True(valid.ExitCode == 0, $"The downloaded notebook is not valid nbformat:\n{valid}");

            // Jupyter: without --allow-errors, a cell that fails fails the run.
            var jupyter = CommandLine.Run(
                JupyterKernel.Environment, Repository.Notebooks, "jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=300",
                $"--ExecutePreprocessor.kernel_name={JupyterKernel.Name}", "--output-dir", Path.Combine(ran, "jupyter"), name);
            Assert.True(jupyter.ExitCode == 0, $"Jupyter did not run the downloaded notebook to the end:\n{jupyter}");
            AssertRan(Path.Combine(ran, "jupyter", name), "Jupyter");

            var repl = CommandLine.Run(
                Repository.Notebooks, "dotnet", "tool", "run", "dotnet-repl", "--run", name, "--exit-after-run", "--output-path", Path.Combine(ran, name));
            Assert.True(repl.ExitCode == 0, $"dotnet-repl ran the downloaded notebook with exit code {repl.ExitCode}:\n{repl}");
            AssertRan(Path.Combine(ran, name), "dotnet-repl");
        }
        finally
        {
            File.Delete(path);
            Directory.Delete(ran, recursive: true);
        }

        // Every cell prints what the committed notebook's does (the training cell its ten lines), and the edited cell
        // its own line. What the run printed: its stream outputs, not the cells' sources, which hold the edited line too.
        static void AssertRan(string executed, string runner)
        {
            var expected = new Dictionary<int, string>(CommittedNotebook.Printed("01-backprop")) { [12] = "edited in the browser\n" };
            var printed = CommittedNotebook.PrintedBy(executed);
            foreach (var (cell, lines) in expected)
            {
                Assert.True(lines == printed[cell], $"{runner}: code cell {cell} printed\n{printed[cell]}\ninstead of\n{lines}");
            }
        }
    }
}
