using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Logging;

namespace Backprop.Web.Tests;

/// <summary>
/// Serves a published site's wwwroot on 127.0.0.1 the way a static host does: files as they are, the brotli copy
/// (<c>x.br</c>) when the browser accepts it, and for an address with no file, <c>404.html</c> with status 404
/// (GitHub Pages' rule, on which the site's deep links rely; a project site's is <c>REPOSITORY/404.html</c>). No other
/// logic: what works here works on a static host.
/// </summary>
internal sealed class StaticHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private StaticHost(WebApplication app, string root)
    {
        this.app = app;
        Root = root;
    }

    /// <summary>The folder served.</summary>
    public string Root { get; }

    /// <summary>The site's address: <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address => new(app.Urls.First().TrimEnd('/') + "/");

    /// <summary>
    /// Starts serving <paramref name="root"/> on a free port of 127.0.0.1, answering an address with no file with
    /// <paramref name="notFoundPage"/> (a path below the root).
    /// </summary>
    public static async Task<StaticHost> StartAsync(string root, string notFoundPage = "404.html")
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".dll"] = "application/octet-stream";
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".ipynb"] = "application/x-ipynb+json";
        types.Mappings[".webmanifest"] = "application/manifest+json";
        app.Run(context => Serve(context, root, notFoundPage, types));
        await app.StartAsync();
        return new StaticHost(app, root);
    }

    private static async Task Serve(HttpContext context, string root, string notFoundPage, FileExtensionContentTypeProvider types)
    {
        var relative = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
        var path = Path.GetFullPath(Path.Combine(root, relative.Length == 0 || relative.EndsWith('/') ? relative + "index.html" : relative));
        var status = StatusCodes.Status200OK;
        if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
        {
            path = Path.Combine(root, notFoundPage);
            status = StatusCodes.Status404NotFound;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        context.Response.Headers.Vary = "Accept-Encoding";
        if (context.Request.Headers.AcceptEncoding.ToString().Contains("br", StringComparison.Ordinal) && File.Exists(path + ".br"))
        {
            context.Response.Headers.ContentEncoding = "br";
            path += ".br";
        }

        context.Response.ContentLength = new FileInfo(path).Length;
        await context.Response.SendFileAsync(path);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
