using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// What every notebook file must look like to open in VS Code, Jupyter and dotnet-repl alike, and to load the
/// same packages and libraries as the rest of the repository. These read the files; no kernel runs.
/// </summary>
public partial class NotebookFormatTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Repository.Notebooks, "*.ipynb").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void It_names_the_dotnet_csharp_kernel_as_every_editor_expects(string notebook)
    {
        var root = Read(notebook).RootElement;
        var metadata = root.GetProperty("metadata");

        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal(
            """{"display_name":".NET (C#)","language":"C#","name":".net-csharp"}""",
            Compact(metadata.GetProperty("kernelspec")));
        Assert.Equal("""{"name":"polyglot-notebook"}""", Compact(metadata.GetProperty("language_info")));
        Assert.Equal(
            """{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}""",
            Compact(metadata.GetProperty("polyglot_notebook")));
        Assert.All(CodeCells(notebook), cell => Assert.Equal(
            """{"dotnet_interactive":{"language":"csharp"},"polyglot_notebook":{"kernelName":"csharp"}}""",
            Compact(cell.GetProperty("metadata"))));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void It_is_saved_without_outputs(string notebook)
    {
        Assert.All(CodeCells(notebook), cell =>
        {
            Assert.Empty(cell.GetProperty("outputs").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
        });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void It_loads_the_package_versions_the_repository_uses(string notebook)
    {
        var central = XDocument.Load(Repository.PathOf("Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);

        var references = NuGetReference().Matches(Source(notebook)).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
            Assert.Equal(central[reference.Groups["name"].Value], reference.Groups["version"].Value));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void It_loads_the_libraries_from_the_one_folder_the_build_step_fills(string notebook)
    {
        // Prerequisites.BuildCommand builds lib/Backprop.Notebooks, whose output folder holds matching copies of every
        // library. Loading them all from there means a later build of one library alone cannot leave the notebook
        // with two different copies of it (the kernel refuses to load the second).
        var references = DllReference().Matches(Source(notebook)).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
        {
            Assert.Equal(Prerequisites.BuildCommand[1], "lib/" + reference.Groups["folder"].Value);
            var dll = reference.Groups["dll"].Value;
            Assert.True(File.Exists(Repository.PathOf("lib", dll, dll + ".csproj")), $"{reference.Value} names no project under lib/");
        });
    }

    [GeneratedRegex(@"#r ""nuget: (?<name>[^,""]+), (?<version>[^""]+)""")]
    private static partial Regex NuGetReference();

    [GeneratedRegex(@"#r ""\.\./lib/(?<folder>[^/""]+)/bin/Release/net10\.0/(?<dll>[^/""]+)\.dll""")]
    private static partial Regex DllReference();

    private static JsonDocument Read(string notebook) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Notebooks, notebook)));

    private static List<JsonElement> CodeCells(string notebook) =>
        Read(notebook).RootElement.GetProperty("cells").EnumerateArray()
            .Where(cell => cell.GetProperty("cell_type").GetString() == "code")
            .Select(cell => cell.Clone())
            .ToList();

    private static string Source(string notebook) =>
        string.Concat(CodeCells(notebook).SelectMany(cell => cell.GetProperty("source").EnumerateArray()).Select(line => line.GetString()));

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
