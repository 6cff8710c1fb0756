using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Backprop.Notebooks.Lessons;

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
        foreach (var lesson in LessonTool.Lessons(Repository.Notebooks, []))
        {
            data.Add(lesson);
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
        Assert.All(CodeCells(notebook), cell =>
        {
            var cellMetadata = cell.GetProperty("metadata");
            Assert.Equal("""{"language":"csharp"}""", Compact(cellMetadata.GetProperty("dotnet_interactive")));
            Assert.Equal("""{"kernelName":"csharp"}""", Compact(cellMetadata.GetProperty("polyglot_notebook")));
            Assert.All(cellMetadata.EnumerateObject(), p => Assert.Contains(p.Name, (string[])["dotnet_interactive", "polyglot_notebook", "tags"]));  // tags: exercise, check
        });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Its_setup_cell_is_a_few_lines_that_import_the_shared_setup(string notebook)
    {
        var setup = NotebookFile.Source(Lesson(notebook).CodeCells().First().Cell);

        Assert.True(setup.Split('\n').Length <= 5, setup);
        Assert.Contains("#!import setup.dib", setup, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Its_twin_is_what_the_generator_makes_from_it(string notebook)
    {
        var twin = LessonTool.TwinPath(Repository.Notebooks, notebook);

        Assert.True(File.Exists(twin), $"{twin} is missing: run `dotnet run notebooks/lessons.cs -- twins`");
        Assert.True(LessonTool.Twin(Repository.Notebooks, notebook) == File.ReadAllText(twin),
            $"{Path.GetFileName(twin)} is not what {notebook} makes: run `dotnet run notebooks/lessons.cs -- twins`");
    }

    [Fact]
    public void The_setup_loads_the_package_versions_the_repository_uses()
    {
        var central = XDocument.Load(Repository.PathOf("Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);

        var references = NuGetReference().Matches(Setup).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
            Assert.Equal(central[reference.Groups["name"].Value], reference.Groups["version"].Value));
    }

    [Fact]
    public void The_setup_loads_the_libraries_from_the_one_folder_its_build_fills()
    {
        // The setup builds lib/Backprop.Notebooks, whose output folder holds matching copies of every library.
        // Loading them all from there means a later build of one library alone cannot leave the notebook with two
        // different copies of it (the kernel refuses to load the second).
        Assert.Contains("dotnet build lib/Backprop.Notebooks -c Release", Setup, StringComparison.Ordinal);
        var references = DllReference().Matches(Setup).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
        {
            Assert.Equal("Backprop.Notebooks", reference.Groups["folder"].Value);
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

    private static string Setup => File.ReadAllText(Path.Combine(Repository.Notebooks, "setup.dib"));

    private static NotebookFile Lesson(string notebook) => NotebookFile.Load(Path.Combine(Repository.Notebooks, notebook));

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
