using Backprop.Web;
using Backprop.Web.Lessons;
using Backprop.Web.Running;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// Every file the site needs comes from its own origin (the base address): notebooks, libraries, scripts.
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<NotebookStore>();
builder.Services.AddScoped<LessonKernel>();

await builder.Build().RunAsync();
