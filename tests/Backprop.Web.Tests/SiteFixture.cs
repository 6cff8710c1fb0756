using System.Diagnostics;
using Microsoft.Playwright;

namespace Backprop.Web.Tests;

/// <summary>
/// What every browser test shares, made once per test run: the published site (CI publishes it once and names the
/// folder in BACKPROP_WEB_SITE; otherwise the fixture runs `dotnet publish -c Release` itself, about 2 minutes), its
/// static host on 127.0.0.1, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium, the browser the tests drive.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private StaticHost? host;

    /// <summary>Why the tests cannot run here, or null.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The browser (null when skipped).</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The site's address on 127.0.0.1.</summary>
    public Uri Address => host!.Address;

    /// <summary>The published wwwroot folder.</summary>
    public string SiteFolder => host!.Root;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium).";
            return;
        }

        var site = Environment.GetEnvironmentVariable("BACKPROP_WEB_SITE") is { Length: > 0 } given ? given : await Publish();
        host = await StaticHost.StartAsync(Path.Combine(site, "wwwroot"));
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ["--no-sandbox"] });
    }

    /// <summary>
    /// A fresh browser context (its own storage, cache and service workers) and a page in it, whose relative addresses
    /// are the site's (or <c>options.BaseURL</c>'s, when given).
    /// </summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new();
        options.BaseURL ??= Address.ToString();
        options.ViewportSize ??= new() { Width = 1100, Height = 900 };
        options.AcceptDownloads = true;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    private static async Task<string> Publish()
    {
        var output = Path.Combine(Path.GetTempPath(), $"backprop-web-{Environment.ProcessId}");
        var start = new ProcessStartInfo("dotnet", ["publish", Repository.PathOf("web", "Backprop.Web", "Backprop.Web.csproj"), "-c", "Release", "-o", output, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var errors = publish.StandardError.ReadToEndAsync();
        var log = await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the site failed:\n{log}{await errors}");
        }

        return output;
    }

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.CloseAsync();
            playwright.Dispose();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>The browser tests share one published site and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "Site";
}
