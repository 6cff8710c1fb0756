using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Playground;
using Microsoft.Playwright;

namespace Backprop.Web.Tests;

/// <summary>
/// The playground page in Debian's Chromium, on the published site: every number it shows is checked against the
/// library, computed here in the test.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class PlaygroundTests(SiteFixture site)
{
    [SkippableFact]
    public async Task OpensOnTheOriginalAndStepEpochShowsLoss0_0736()
    {
        var page = await OpenAsync();
        await Assertions.Expect(Status(page)).ToContainTextAsync("Epochs trained: 0");
        await Assertions.Expect(Status(page)).ToContainTextAsync("network 3-2-2-1");
        await Assertions.Expect(page.GetByLabel("Data")).ToHaveValueAsync("random");
        await Assertions.Expect(page.GetByLabel("Layers", new() { Exact = true })).ToHaveValueAsync("2,2");
        await Assertions.Expect(page.GetByLabel("Seed")).ToHaveValueAsync("0");
        await Assertions.Expect(page.GetByLabel("Learning rate")).ToHaveValueAsync("0.01");
        await Assertions.Expect(page.GetByLabel("Initialization")).ToHaveValueAsync("randn");
        await FullPageScreenshotAsync(page, "playground-before");

        await Button(page, "Step epoch").ClickAsync();

        await Assertions.Expect(Status(page)).ToContainTextAsync("Epochs trained: 1 · loss at epoch 0: 0.0736");
        Assert.Equal(["Epoch 0, Loss: 0.0736"], await LogLinesAsync(page));
    }

    [SkippableFact]
    public async Task EveryControlHasItsLabelAsItsNameAndWorksFromTheKeyboard()
    {
        var page = await OpenAsync();
        foreach (var name in new[] { "Play", "Pause", "Step epoch", "Step phase", "Reset", "Check gradients", "Export as C#" })
        {
            await Assertions.Expect(Button(page, name)).ToHaveCountAsync(1);
        }

        foreach (var name in new[] { "Learning rate", "Layers", "Seed", "Initialization", "Data" })
        {
            await Assertions.Expect(page.GetByLabel(name, new() { Exact = true })).ToHaveCountAsync(1);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Loss log" })).ToHaveCountAsync(1);

        // Tab from the seed box to the learning rate, type a rate, and press Enter on Step epoch and Step phase.
        await page.GetByLabel("Seed").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Learning rate")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("0.02");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Status(page)).ToContainTextAsync("learning rate 0.02");
        await Button(page, "Step epoch").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Status(page)).ToContainTextAsync("Epochs trained: 1");
        await Button(page, "Step phase").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(Status(page)).ToContainTextAsync("next phase: Loss");

        // The weight picker is a select: choose W1[0,0] with the keyboard alone.
        await page.GetByLabel("Trace the gradient of").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("[data-name=path-sum]")).ToHaveCountAsync(1);
        Assert.Equal("W1[0,0]", await page.Locator(".playground-paths").GetAttributeAsync("data-parameter"));
    }

    [SkippableFact]
    public async Task StepPhaseShowsForwardLossBackwardAndUpdateAsTheLibraryComputesThem()
    {
        var page = await OpenAsync();
        var problem = RandomProblem.Original();
        var forward = problem.Network.Forward(problem.X);
        var gradients = problem.Network.Backward(forward, problem.Y);

        await Button(page, "Step phase").ClickAsync();
        var phases = page.GetByRole(AriaRole.Region, new() { Name = "Step phase: epoch 0, next: Loss" });
        await Assertions.Expect(phases).ToBeVisibleAsync();
        for (var layer = 0; layer < 3; layer++)
        {
            await AssertMatrixAsync(page, $"z{layer + 1}", forward.PreActivations[layer], 0);
        }

        await AssertMatrixAsync(page, "a1", forward.Activations[0], 0);
        await AssertMatrixAsync(page, "y_pred", forward.Prediction, 0);

        await Button(page, "Step phase").ClickAsync();
        var loss = await page.Locator("[data-name=loss]").GetAttributeAsync("data-value");
        Assert.Equal(Loss.Mse(problem.Y, forward.Prediction), double.Parse(loss!, CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-phase=loss]")).ToContainTextAsync("Epoch 0, Loss: 0.0736");

        await Button(page, "Step phase").ClickAsync();
        for (var layer = 0; layer < 3; layer++)
        {
            // Each gradient equals Network.Backward's to 1e-12.
            await AssertMatrixAsync(page, $"dL_dW{layer + 1}", gradients.Weights[layer], 1e-12);
            await AssertMatrixAsync(page, $"dL_db{layer + 1}", gradients.Biases[layer].ToRowMatrix(), 1e-12);
        }

        await Evidence.ScreenshotAsync(page, "playground-mid-step", page.Locator("[data-phase=backward]"));

        await Button(page, "Step phase").ClickAsync();
        Trainer.Train(problem.Network, problem.X, problem.Y, epochs: 1, learningRate: 0.01);
        for (var layer = 0; layer < 3; layer++)
        {
            await AssertMatrixAsync(page, $"W{layer + 1} after", problem.Network.Weights[layer], 0);
        }

        await Assertions.Expect(Status(page)).ToContainTextAsync("Epochs trained: 1 · loss at epoch 0: 0.0736");
        Assert.Equal(["Epoch 0, Loss: 0.0736"], await LogLinesAsync(page));
    }

    [SkippableFact]
    public async Task ClickingW1_0_0ShowsItsPathSumEqualToBackward()
    {
        var page = await OpenAsync();
        await page.Locator(".playground-network svg text [data-name='W1[0,0]']").First.ClickAsync();

        var paths = page.Locator(".playground-paths[data-parameter='W1[0,0]']");
        await Assertions.Expect(paths).ToContainTextAsync("the 20 paths");
        var problem = RandomProblem.Original();
        var expected = problem.Network.Backward(problem.Network.Forward(problem.X), problem.Y).Weights[0][0, 0];
        var sum = await NumberAsync(paths.Locator("[data-name=path-sum]"));
        var backward = await NumberAsync(paths.Locator("[data-name=backward]"));
        Assert.Equal(expected, backward);
        Assert.True(Math.Abs(sum - expected) <= 1e-12, $"the paths add up to {sum:R}, dL/dW1[0,0] is {expected:R}");
        await Assertions.Expect(paths.Locator("tbody tr")).ToHaveCountAsync(20);
        Assert.Contains("param=W1%5B0%2C0%5D", page.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PlayThenPauseTrainsAndTheEpochAndLossMove()
    {
        var page = await OpenAsync();
        await Button(page, "Step epoch").ClickAsync();
        await Assertions.Expect(Status(page)).ToContainTextAsync("loss at epoch 0: 0.0736");

        await Button(page, "Play").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        await Button(page, "Pause").ClickAsync();

        var status = await Status(page).TextContentAsync();
        var epoch = int.Parse(EpochPattern().Match(status!).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(epoch > 100, $"Play trained only to epoch {epoch}: {status}");
        Assert.DoesNotContain("0.0736", status, StringComparison.Ordinal);
        var lines = await LogLinesAsync(page);
        Assert.Equal(1 + ((epoch - 1) / 100), lines.Count);
        Assert.Equal("Epoch 100, Loss: 0.0195", lines[1]);  // NumPy's line
        await Assertions.Expect(page.Locator(".playground-pictures svg polyline[data-name=loss]")).ToHaveCountAsync(1);
    }

    [SkippableFact]
    public async Task ALearningRateChangeMidRunIsUsedByTheNextEpoch()
    {
        var page = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await Button(page, "Step epoch").ClickAsync();
        }

        await Assertions.Expect(Status(page)).ToContainTextAsync("Epochs trained: 5");
        await SetLearningRateAsync(page, "0.5");
        for (var i = 0; i < 4; i++)
        {
            await Button(page, "Step phase").ClickAsync();
        }

        await Assertions.Expect(page.Locator("[data-phase=update]")).ToContainTextAsync("lr = 0.5");
        var problem = RandomProblem.Original();
        Trainer.Train(problem.Network, problem.X, problem.Y, epochs: 5, learningRate: 0.01);
        Trainer.Train(problem.Network, problem.X, problem.Y, epochs: 1, learningRate: 0.5);
        for (var layer = 0; layer < 3; layer++)
        {
            await AssertMatrixAsync(page, $"W{layer + 1} after", problem.Network.Weights[layer], 0);
        }

        Assert.Contains("lr=0.01%2C0.5%405", page.Url, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ABadCsvGetsTheLibrarysMessageAndTrainsNothingAndAGoodOneTrains()
    {
        var page = await OpenAsync();
        await page.GetByLabel("Data").SelectOptionAsync("csv");
        const string bad = "temperature,rentals\n12.5,300\n14,abc\n";
        await page.GetByLabel("CSV text").FillAsync(bad);
        await Button(page, "Use pasted CSV").ClickAsync();

        var expected = ConsoleMessage(TrainingData.PastedName, bad);
        Assert.Equal("pasted.csv line 3, column 'rentals' holds 'abc', which is not a number: use digits with a dot for decimals, like 0.5.", expected);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "line 3" })).ToHaveTextAsync(expected);
        await Assertions.Expect(Button(page, "Play")).ToBeDisabledAsync();
        await Assertions.Expect(Button(page, "Step epoch")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Loss log" })).ToHaveCountAsync(0);

        // A file in a Windows code page: the console program's words, naming the file.
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "week.csv",
            MimeType = "text/csv",
            Buffer = [.. "temp,rentals\n"u8, 0xB0, (byte)'5', (byte)',', (byte)'3', (byte)'\n'],
        });
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "week.csv" }))
            .ToHaveTextAsync("week.csv is not UTF-8 text (it may be in a Windows code page such as cp1252): save it as CSV in UTF-8.");

        const string good = "temperature,humidity,rentals\n12.5,80,300\n14,60,420\n9,90,150\n20,40,700\n";
        await page.GetByLabel("CSV text").FillAsync(good);
        await Button(page, "Use pasted CSV").ClickAsync();
        await Assertions.Expect(Status(page)).ToContainTextAsync("network 2-2-2-1");
        await Assertions.Expect(page.GetByLabel("Target column")).ToHaveValueAsync("rentals");
        await Button(page, "Step epoch").ClickAsync();

        var settings = new PlaygroundSettings { Data = DataSource.Csv, CsvText = good };
        var run = new PlaygroundRun(settings, TrainingData.Build(settings));
        run.TrainEpochs(1);
        Assert.Equal(run.LossLog, await LogLinesAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task ASharedLinkOpensTheSameStateInANewPage()
    {
        var page = await OpenAsync();
        await page.GetByLabel("Sample shown").FillAsync("3");
        await page.GetByLabel("Sample shown").PressAsync("Enter");
        for (var i = 0; i < 3; i++)
        {
            await Button(page, "Step epoch").ClickAsync();
        }

        await SetLearningRateAsync(page, "0.2");
        await Button(page, "Play").ClickAsync();
        await page.WaitForTimeoutAsync(600);
        await Button(page, "Pause").ClickAsync();
        await page.Locator(".playground-network svg text [data-name='W2[1,0]']").First.ClickAsync();
        await Assertions.Expect(page.Locator(".playground-paths[data-parameter='W2[1,0]']")).ToHaveCountAsync(1);
        var status = await Status(page).TextContentAsync();
        var network = await page.Locator(".playground-network svg").First.InnerHTMLAsync();
        var sum = await page.Locator("[data-name=path-sum]").GetAttributeAsync("data-value");

        var shared = await site.NewPageAsync();
        await shared.GotoAsync(page.Url);
        await Assertions.Expect(Status(shared)).ToHaveTextAsync(status!, new() { Timeout = 120_000 });
        Assert.Equal(await LogLinesAsync(page), await LogLinesAsync(shared));
        Assert.Equal(network, await shared.Locator(".playground-network svg").First.InnerHTMLAsync());
        Assert.Equal(sum, await shared.Locator("[data-name=path-sum]").GetAttributeAsync("data-value"));
        await Assertions.Expect(shared.GetByLabel("Learning rate")).ToHaveValueAsync("0.2");
        await Assertions.Expect(shared.GetByLabel("Sample shown")).ToHaveValueAsync("3");
    }

    [SkippableFact]
    public async Task TheExportedProgramRunWithDotnetRunPrintsTheSameLossLines()
    {
        var page = await OpenAsync();
        await page.GetByLabel("Data").SelectOptionAsync("bikes");
        await page.GetByLabel("Layers", new() { Exact = true }).FillAsync("8,4");
        await page.GetByLabel("Layers", new() { Exact = true }).PressAsync("Enter");
        await page.GetByLabel("Initialization").SelectOptionAsync("he");
        await Assertions.Expect(Status(page)).ToContainTextAsync("network 4-8-4-1");
        await Button(page, "Play").ClickAsync();
        await page.WaitForTimeoutAsync(800);
        await Button(page, "Pause").ClickAsync();
        await SetLearningRateAsync(page, "0.03");
        await Button(page, "Play").ClickAsync();
        await page.WaitForTimeoutAsync(800);
        await Button(page, "Pause").ClickAsync();
        var lines = await LogLinesAsync(page);
        Assert.True(lines.Count >= 2, $"the run printed {lines.Count} lines");

        await Button(page, "Export as C#").ClickAsync();
        var program = await page.GetByLabel("Exported program").InputValueAsync();
        var file = Repository.PathOf($"playground-browser-test-{Guid.NewGuid():N}.cs");
        await File.WriteAllTextAsync(file, program);
        try
        {
            var start = new ProcessStartInfo("dotnet", ["run", Path.GetFileName(file)])
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
            Assert.True(process.ExitCode == 0, $"dotnet run exited with {process.ExitCode}: {await errors}");
            Assert.Equal(lines, (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public async Task ALearningRateOf5DivergesWithTheLibrarysMessage()
    {
        var page = await OpenAsync();
        await SetLearningRateAsync(page, "5");
        await Button(page, "Play").ClickAsync();

        var problem = RandomProblem.Original();
        var diverged = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(problem.Network, problem.X, problem.Y, 100_000, 5));
        var alert = page.Locator("[data-kind=divergence]");
        await Assertions.Expect(alert).ToHaveTextAsync(diverged.Message, new() { Timeout = 60_000 });
        Assert.StartsWith($"Training diverged at epoch {diverged.Epoch}:", diverged.Message, StringComparison.Ordinal);
        await Assertions.Expect(Button(page, "Play")).ToBeDisabledAsync();
        await Assertions.Expect(Status(page)).ToContainTextAsync("training stopped: it diverged");
    }

    [SkippableFact]
    public async Task TheFrameRateWhileTrainingTheDefaultNetworkIsMeasured()
    {
        var page = await OpenAsync();
        await Button(page, "Step epoch").ClickAsync();
        await Button(page, "Play").ClickAsync();
        await page.WaitForTimeoutAsync(1000);  // past the first frames

        // Three windows of a real clock: requestAnimationFrame callbacks counted for 5 s of performance.now(), and the
        // epochs trained meanwhile; and what each frame's parts cost, from the page's own "playground …" performance
        // measures (C#'s timings).
        const string measure = """
            async () => {
              const epochs = () => Number(/Epochs trained: (\d+)/.exec(document.querySelector('[aria-label="Training status"]').textContent)[1]);
              const log = () => document.querySelector('.playground-log').textContent.split('\n').length;
              const parts = {};
              const observer = new PerformanceObserver(list => {
                for (const entry of list.getEntries()) (parts[entry.name.slice('playground '.length)] ??= []).push(entry.duration);
              });
              observer.observe({ type: 'measure' });
              let frames = 0, longest = 0, last = performance.now();
              const start = last;
              const firstLines = log();
              await new Promise(done => {
                const tick = now => { frames++; longest = Math.max(longest, now - last); last = now; if (now - start < 5000) requestAnimationFrame(tick); else done(); };
                requestAnimationFrame(tick);
              });
              observer.disconnect();
              // Each part's mean over every frame, and in how many frames it ran (a picture is drawn in a few) and its longest.
              const costs = Object.entries(parts).map(([part, d]) =>
                `${part} ${(d.reduce((a, b) => a + b, 0) / d.length).toFixed(2)} ms (in ${d.filter(cost => cost > 0).length} frames, longest ${Math.max(...d).toFixed(1)})`);
              return { numbers: [frames, (last - start) / 1000, longest, log() - firstLines], costs: costs.join(', ') };
            }
            """;
        for (var window = 1; window <= 3; window++)
        {
            var result = await page.EvaluateAsync<FrameMeasurement>(measure);
            var (frames, seconds, longest, logLines) = (result.Numbers[0], result.Numbers[1], result.Numbers[2], result.Numbers[3]);
            var fps = frames / seconds;
            Evidence.Measured(string.Create(CultureInfo.InvariantCulture,
                $"playground, default network (3-2-2-1, 600 epochs per second = 10 per frame), window {window} of 3: {fps:0.0} frames per second over {seconds:0.0} s (longest frame {longest:0} ms), {logLines * 100 / seconds:0} epochs per second shown in the loss log; load average {LoadAverage()}; a frame's C# parts: {result.Costs}"));
            Assert.True(frames > 0 && logLines > 0, $"no frame or no epoch in {seconds} s: {frames} frames, {logLines} new log lines");
            Assert.Contains("train ", result.Costs);  // the page measured its frames' parts
        }

        await Button(page, "Pause").ClickAsync();
        await Button(page, "Play").ClickAsync();
        await page.WaitForTimeoutAsync(2500);
        await Button(page, "Pause").ClickAsync();
        await FullPageScreenshotAsync(page, "playground-after");
    }

    /// <summary>The frame-rate measurement's numbers (frames, seconds, longest frame, new loss-log lines) and the parts' costs.</summary>
    private sealed class FrameMeasurement
    {
        public double[] Numbers { get; set; } = [];

        public string Costs { get; set; } = "";
    }

    /// <summary>The machine's load average over the last minute (Linux), or "unknown": the frame rate depends on it.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private async Task<IPage> OpenAsync(string query = "")
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var page = await site.NewPageAsync();
        await page.GotoAsync("playground" + query);
        await Assertions.Expect(Status(page)).ToContainTextAsync("Epochs trained", new() { Timeout = 120_000 });
        return page;
    }

    /// <summary>The whole page, for web/screenshots (the pictures sit side by side below the knobs).</summary>
    private static async Task FullPageScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Evidence.Folder, $"{name}.png"), FullPage = true });

    private static ILocator Status(IPage page) => page.GetByRole(AriaRole.Status, new() { Name = "Training status" });

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task SetLearningRateAsync(IPage page, string rate)
    {
        await page.GetByLabel("Learning rate").FillAsync(rate);
        await page.GetByLabel("Learning rate").PressAsync("Enter");
        await Assertions.Expect(Status(page)).ToContainTextAsync($"learning rate {rate}");
    }

    private static async Task<IReadOnlyList<string>> LogLinesAsync(IPage page)
    {
        var text = await page.GetByRole(AriaRole.Region, new() { Name = "Loss log" }).Locator("pre").TextContentAsync();
        return (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<double> NumberAsync(ILocator element) =>
        double.Parse((await element.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

    /// <summary>Every cell of the page's table <paramref name="name"/> (exact values in data-value) against <paramref name="expected"/>.</summary>
    private static async Task AssertMatrixAsync(IPage page, string name, MathNet.Numerics.LinearAlgebra.Matrix<double> expected, double tolerance)
    {
        var table = page.Locator($"table.playground-matrix[data-name='{name}']");
        await Assertions.Expect(table).ToHaveCountAsync(1);
        var rows = Math.Min(expected.RowCount, 10);
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < expected.ColumnCount; column++)
            {
                var shown = await NumberAsync(table.Locator($"td[data-name='{name}[{row},{column}]']"));
                Assert.True(Math.Abs(shown - expected[row, column]) <= tolerance, $"{name}[{row},{column}]: the page shows {shown:R}, the library {expected[row, column]:R}");
            }
        }
    }

    /// <summary>What the console program says about this CSV text in a file of this name: the library's message.</summary>
    private static string ConsoleMessage(string fileName, string text)
    {
        var folder = Directory.CreateTempSubdirectory("playground-csv-");
        try
        {
            var path = Path.Combine(folder.FullName, fileName);
            File.WriteAllText(path, text);
            return Assert.Throws<InvalidInputException>(() => Backprop.Files.CsvDataset.Load(path, "rentals")).Message;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"Epochs trained: (\d+)")]
    private static partial Regex EpochPattern();
}
