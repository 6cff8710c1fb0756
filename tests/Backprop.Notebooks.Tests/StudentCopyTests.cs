using System.Text.Json.Nodes;
using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// <c>dotnet run notebooks/lessons.cs -- student FOLDER</c> and <c>-- solved FOLDER</c>, on a small lesson with two
/// exercises laid out as the lessons lay them out (exercise cell, check cell, solution cell).
/// </summary>
public sealed class StudentCopyTests : IDisposable
{
    private const string SolutionOne = "<details><summary>Solution</summary>\n\n```csharp\nvar answer = 42;\n```\n\n</details>";
    private const string SolutionTwo = "<details><summary>Solution</summary>\n\n```csharp\nstring Greet(string name) => $\"Hello, {name}\";\n```\n\n</details>";

    private readonly string _repository = Directory.CreateTempSubdirectory("student-copy-").FullName;

    public StudentCopyTests()
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(_repository, "notebooks")).FullName;
        File.WriteAllText(Path.Combine(notebooks, "setup.dib"), "#!csharp\n\nusing System;\n");
        Lesson(
            Markdown("# A lesson"),
            Code("#!import setup.dib"),
            Markdown("Exercise 1: set `answer` to 42."),
            Code("int? answer = null;  // TODO", "exercise"),
            Code("display(answer == 42 ? \"✔\" : \"✘ not done yet\");", "check"),
            Markdown(SolutionOne, "solution"),
            Markdown("Exercise 2: greet."),
            Code("string Greet(string name) => \"\";  // TODO", "exercise"),
            Code("display(Greet(\"Ada\"));"),
            Markdown(SolutionTwo, "solution")).Save(Path.Combine(notebooks, "01-lesson.ipynb"));
    }

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    [Fact]
    public void A_student_copy_has_no_solutions_and_no_outputs_and_keeps_every_other_cell()
    {
        var exit = LessonTool.Run(Path.Combine(_repository, "notebooks"), ["student", Path.Combine(_repository, "class")]);

        Assert.Equal(0, exit);
        var copy = NotebookFile.Load(Path.Combine(_repository, "class", "01-lesson.ipynb"));
        Assert.DoesNotContain(copy.Cells, cell => NotebookFile.HasTag(cell!, "solution"));
        Assert.DoesNotContain(copy.Cells, cell => NotebookFile.Source(cell!).Contains("Solution", StringComparison.Ordinal));
        Assert.Equal(8, copy.Cells.Count);
        Assert.Equal("int? answer = null;  // TODO", NotebookFile.Source(copy.Cells[3]!));
        Assert.All(copy.CodeCells(), c => Assert.Empty(c.Cell["outputs"]!.AsArray()));
        Assert.True(File.Exists(Path.Combine(_repository, "class", "setup.dib")), "the copies need setup.dib beside them");
    }

    [Fact]
    public void A_solved_copy_has_each_exercise_filled_from_its_own_solution()
    {
        var exit = LessonTool.Run(Path.Combine(_repository, "notebooks"), ["solved", Path.Combine(_repository, "solved")]);

        Assert.Equal(0, exit);
        var copy = NotebookFile.Load(Path.Combine(_repository, "solved", "01-lesson.ipynb"));
        var exercises = copy.Cells.Where(cell => NotebookFile.HasTag(cell!, "exercise")).Select(NotebookFile.Source!).ToList();
        Assert.Equal(["var answer = 42;", "string Greet(string name) => $\"Hello, {name}\";"], exercises);
        Assert.DoesNotContain(copy.Cells, cell => NotebookFile.HasTag(cell!, "solution"));
    }

    [Fact]
    public void An_exercise_without_a_solution_is_refused_with_the_cell_named()
    {
        var lesson = NotebookFile.Load(Path.Combine(_repository, "notebooks", "01-lesson.ipynb"));
        lesson.Cells.RemoveAt(9);

        var error = Assert.Throws<InvalidDataException>(() => Exercises.Solved(lesson, "01-lesson.ipynb"));

        Assert.Equal("01-lesson.ipynb, cell 7: an exercise with no `solution` cell after it (before the next exercise).", error.Message);
    }

    [Fact]
    public void Copies_outside_the_repository_are_refused_because_they_would_not_find_the_libraries()
    {
        var elsewhere = Directory.CreateTempSubdirectory("elsewhere-").FullName;
        try
        {
            var exit = LessonTool.Run(Path.Combine(_repository, "notebooks"), ["student", Path.Combine(elsewhere, "class")]);

            Assert.Equal(1, exit);
            Assert.False(Directory.Exists(Path.Combine(elsewhere, "class")));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    private static NotebookFile Lesson(params JsonObject[] cells) =>
        NotebookFile.Parse(new JsonObject
        {
            ["cells"] = new JsonArray(cells),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        }.ToJsonString());

    private static JsonObject Markdown(string source, string? tag = null) => Cell("markdown", source, tag);

    private static JsonObject Code(string source, string? tag = null)
    {
        var cell = Cell("code", source, tag);
        cell["outputs"] = new JsonArray(NotebookFile.StreamOutput("something it printed\n"));
        cell["execution_count"] = 1;
        return cell;
    }

    private static JsonObject Cell(string type, string source, string? tag)
    {
        var metadata = new JsonObject();
        if (tag is not null)
        {
            metadata["tags"] = new JsonArray(JsonValue.Create(tag));
        }

        var cell = new JsonObject { ["cell_type"] = type, ["metadata"] = metadata };
        NotebookFile.SetSource(cell, source);
        return cell;
    }
}
