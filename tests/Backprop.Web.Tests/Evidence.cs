using Microsoft.Playwright;

namespace Backprop.Web.Tests;

/// <summary>
/// What the browser tests leave behind for people: measurements (web/README.md quotes them) and screenshots of what
/// a teacher sees. Written to BACKPROP_WEB_EVIDENCE when set, otherwise to a folder next to the test assembly.
/// </summary>
internal static class Evidence
{
    private static readonly object Gate = new();

    public static string Folder { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("BACKPROP_WEB_EVIDENCE") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "site-evidence")).FullName;

    /// <summary>Adds one line to measurements.txt, with the time it was taken.</summary>
    public static void Measured(string what)
    {
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(Folder, "measurements.txt"), $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  {what}\n");
        }
    }

    /// <summary>A PNG of the browser's viewport with the given element at its top (or the page's top).</summary>
    public static async Task ScreenshotAsync(IPage page, string name, ILocator? top = null)
    {
        if (top is null)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        }
        else
        {
            await top.EvaluateAsync("element => element.scrollIntoView({ block: 'start' })");
            await page.EvaluateAsync("() => window.scrollBy(0, -60)");  // below the sticky toolbar
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png") });
    }
}
