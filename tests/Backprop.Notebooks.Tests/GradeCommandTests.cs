using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// <c>dotnet run notebooks/lessons.cs -- grade FOLDER</c>, run as a process on a folder of mixed returned notebooks: a
/// solved one, an untouched one, one with wrong answers (one per student folder, the others named NAME-NN-name), a
/// notebook that is no lesson, and the command's own table from an earlier run.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class GradeCommandTests : IDisposable
{
    private readonly string _returned = Path.Combine(Repository.Root, $"returned-test-{Environment.ProcessId}");

    public void Dispose() => Directory.Delete(_returned, recursive: true);

    [Fact]
    public void It_writes_one_line_per_student_and_exercise_as_a_table_and_prints_it()
    {
        Prerequisites.EnsureReady();
        var lesson1 = NotebookFile.Load(Path.Combine(Repository.Notebooks, "01-backprop.ipynb"));
        Directory.CreateDirectory(Path.Combine(_returned, "bob"));
        Exercises.StudentCopy(Exercises.Solved(lesson1, "01-backprop.ipynb")).Save(Path.Combine(_returned, "ada-01-backprop.ipynb"));
        Exercises.StudentCopy(lesson1).Save(Path.Combine(_returned, "bob", "01-backprop.ipynb"));
        var wrong = Exercises.StudentCopy(lesson1);
        var exercises = wrong.CodeCells().Where(c => NotebookFile.HasTag(c.Cell, Exercises.ExerciseTag)).ToList();
        NotebookFile.SetSource(exercises[0].Cell, "Matrix<double> my_relu_derivative(Matrix<double> x) => x.Map(v => v >= 0 ? 1.0 : 0.0);");
        NotebookFile.SetSource(exercises[1].Cell, "Matrix<double> my_mse_derivative(Matrix<double> y_true, Matrix<double> y_pred)\n{\n    while (y_true != null) { }\n    return y_pred;\n}");
        wrong.Save(Path.Combine(_returned, "cy_01-backprop.ipynb"));
        File.WriteAllText(Path.Combine(_returned, "notes.ipynb"), "{}");
        File.WriteAllText(Path.Combine(_returned, ClassGrades.TableFile), "an earlier run's table");

        var result = CommandLine.Run(Repository.Root, "dotnet", "run", "notebooks/lessons.cs", "--", "grade", _returned);

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = File.ReadAllText(Path.Combine(_returned, ClassGrades.TableFile));
        Assert.Equal(table, result.Output);
        var lines = CommandLine.Lines(table.TrimStart('\uFEFF'));
        Assert.Equal("student,lesson,exercise,result,detail", lines[0]);
        var rows = lines.Skip(1).Select(line => line.Split(',', 5)).ToList();
        Assert.Equal(
            ["ada 1 ✔", "ada 2 ✔", "bob 1 ○", "bob 2 ○", "cy 1 ✘", "cy 2 ✘"],
            rows.Select(row => $"{row[0]} {row[2]} {row[3]}").Order(StringComparer.Ordinal));
        Assert.All(rows, row => Assert.Equal("01-backprop.ipynb", row[1]));
        Assert.Contains(rows, row => row[0] == "cy" && row[2] == "2" && row[4].Contains("did not finish", StringComparison.Ordinal));
        Assert.Contains("Skipped notes.ipynb", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_own_outputs_are_never_graded_so_a_second_run_grades_the_same_notebooks()
    {
        Directory.CreateDirectory(Path.Combine(_returned, "bob"));
        File.WriteAllText(Path.Combine(_returned, "ada-01-backprop.ipynb"), "{}");
        File.WriteAllText(Path.Combine(_returned, "bob", "04-autograd.ipynb"), "{}");
        var lessons = new[] { "01-backprop.ipynb", "04-autograd.ipynb" };
        var first = ClassGrades.Returned(_returned, lessons);

        File.WriteAllText(Path.Combine(_returned, ClassGrades.TableFile), "student,lesson,exercise,result,detail\n");
        var second = ClassGrades.Returned(_returned, lessons);

        Assert.Equal([("ada", "01-backprop.ipynb"), ("bob", "04-autograd.ipynb")], first.Select(r => (r.Student, r.Lesson)));
        Assert.Equal(first, second);
    }
}
