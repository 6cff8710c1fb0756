namespace Backprop.Web.Tests;

/// <summary>Run all in the browser prints what the lessons print in the real kernel.</summary>
[Collection(SiteCollection.Name)]
public sealed class LessonRunTests(SiteFixture site)
{
    /// <summary>NumPy's ten lines for the original network (shared/NOTES.md, "The original notebook's numbers").</summary>
    private const string TenLines = """
        Epoch 0, Loss: 0.0736
        Epoch 100, Loss: 0.0195
        Epoch 200, Loss: 0.0186
        Epoch 300, Loss: 0.0179
        Epoch 400, Loss: 0.0174
        Epoch 500, Loss: 0.0169
        Epoch 600, Loss: 0.0166
        Epoch 700, Loss: 0.0164
        Epoch 800, Loss: 0.0162
        Epoch 900, Loss: 0.0158

        """;

    [SkippableFact]
    public async Task Lesson1RunAllPrintsTheTenNumPyLines()
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), "01-backprop");

        await lesson.RunAllAsync();

        Assert.Equal(TenLines.ReplaceLineEndings("\n"), await lesson.PrintedAsync(5));
    }

    [SkippableTheory]
    [InlineData("01-backprop")]
    [InlineData("02-one-step")]
    [InlineData("03-experiments")]
    [InlineData("04-autograd")]
    public async Task RunAllPrintsWhatTheCommittedNotebookPrints(string slug)
    {
        Skip.If(site.SkipReason is not null, site.SkipReason);
        var lesson = await LessonTab.OpenAsync(await site.NewPageAsync(), slug);

        await lesson.RunAllAsync();
        Evidence.Measured($"Run all, {slug}: {await lesson.Status.InnerTextAsync()}");
        if (slug is "01-backprop" or "02-one-step")
        {
            await Evidence.ScreenshotAsync(lesson.Page, $"{slug}-top");
            foreach (var cell in slug == "01-backprop" ? new[] { 5, 6, 8 } : [4, 9, 16])
            {
                await Evidence.ScreenshotAsync(lesson.Page, $"{slug}-cell-{cell}", lesson.Editor(cell));
            }
        }

        foreach (var (cell, expected) in CommittedNotebook.Printed(slug))
        {
            Assert.True(expected == await lesson.PrintedAsync(cell), $"Code cell {cell} of {slug} printed:\n{await lesson.PrintedAsync(cell)}\nThe committed notebook printed:\n{expected}");
        }
    }
}
