using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Backprop.Notebooks.Lessons;

/// <summary>
/// <c>grade FOLDER</c>: grades a class's returned notebooks. Each student's exercise cells go into a fresh student copy
/// of the lesson, with the lesson's own check cells (what a returned notebook says about itself is not trusted), which
/// runs in the real kernel; each check's lines give one result per student and exercise: ✔ (every line ✔), ✘ (some
/// line ✘, or the cell failed) or ○ (not done yet).
/// </summary>
internal static partial class ClassGrades
{
    /// <summary>The table's file, in the graded folder.</summary>
    public const string TableFile = "grades.csv";

    /// <summary>One result: a student's exercise, its mark and the first line that explains it.</summary>
    public sealed record StudentGrade(string Student, string Lesson, int Exercise, string Mark, string Detail);

    /// <summary>
    /// Grades every returned notebook in <paramref name="returnedFolder"/>, writes <see cref="TableFile"/> there and
    /// prints the same table on standard output. Returns 0, or 1 when no returned notebook was found.
    /// </summary>
    public static int Grade(string notebooksFolder, string returnedFolder)
    {
        var folder = Path.GetFullPath(returnedFolder);
        if (!Directory.Exists(folder))
        {
            throw new IOException($"{folder} is not a folder: give the folder that holds the returned notebooks.");
        }

        var table = Path.Combine(folder, TableFile);
        OutputFile.CheckWritable(table);
        var lessons = LessonTool.Lessons(notebooksFolder, []);
        var returned = Returned(folder, lessons);
        if (returned.Count == 0)
        {
            throw new InvalidDataException(
                $"No returned notebooks in {folder}: name each NAME-NN-name.ipynb, or put it in a folder per student, NAME/NN-name.ipynb (NN-name is the lesson: {string.Join(", ", lessons)}).");
        }

        var grades = new List<StudentGrade>();
        foreach (var (student, lesson, path) in returned)
        {
            Console.Error.WriteLine($"Grading {student}, {lesson} ({Path.GetRelativePath(folder, path)}) in the kernel...");
            grades.AddRange(GradeOne(notebooksFolder, student, lesson, path));
        }

        var csv = Csv(grades);
        OutputFile.Write(table, csv);
        Console.Write(csv);
        Console.Error.WriteLine($"Grades written to {table}: {grades.Count} lines, {grades.Count(g => g.Mark == "✔")} ✔.");
        return 0;
    }

    /// <summary>
    /// The returned notebooks in <paramref name="folder"/> and its subfolders (one level), with the student and the
    /// lesson read from the path: <c>ada-01-backprop.ipynb</c> or <c>ada/01-backprop.ipynb</c>. The tool's own
    /// outputs are never picked up, so grading a folder twice grades the same notebooks.
    /// </summary>
    public static List<(string Student, string Lesson, string Path)> Returned(string folder, IReadOnlyList<string> lessons)
    {
        var found = new List<(string, string, string)>();
        var files = Directory.EnumerateFiles(folder, "*.ipynb")
            .Concat(Directory.EnumerateDirectories(folder).SelectMany(sub => Directory.EnumerateFiles(sub, "*.ipynb")));
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path);
            var name = Path.GetFileName(path);
            var lesson = lessons.FirstOrDefault(l => name.EndsWith(l, StringComparison.OrdinalIgnoreCase));
            if (name.StartsWith('.') || lesson is null)
            {
                Console.Error.WriteLine($"Skipped {relative}: its name does not end with a lesson's ({string.Join(", ", lessons)}).");
                continue;
            }

            var student = Path.Combine(Path.GetDirectoryName(relative) ?? "", name[..^lesson.Length]).Trim('-', '_', ' ', '.', Path.DirectorySeparatorChar);
            found.Add((student.Length == 0 ? "?" : student, lesson, path));
        }

        return found;
    }

    private static IEnumerable<StudentGrade> GradeOne(string notebooksFolder, string student, string lesson, string path)
    {
        var teacher = NotebookFile.Load(Path.Combine(notebooksFolder, lesson));
        var exercises = Exercises.Count(teacher);
        List<string> answers;
        try
        {
            answers = NotebookFile.Load(path).Cells.OfType<JsonObject>()
                .Where(cell => NotebookFile.HasTag(cell, Exercises.ExerciseTag)).Select(NotebookFile.Source).ToList();
        }
        catch (InvalidDataException e)
        {
            return Enumerable.Range(1, exercises).Select(n => new StudentGrade(student, lesson, n, "✘", e.Message.ReplaceLineEndings(" ")));
        }

        if (answers.Count != exercises)
        {
            return Enumerable.Range(1, exercises).Select(n => new StudentGrade(student, lesson, n, "✘",
                $"the notebook has {answers.Count} exercise cells, the lesson {exercises}: were cells deleted, or their `exercise` tags?"));
        }

        var graded = Exercises.StudentCopy(teacher);
        var exerciseCells = graded.CodeCells().Where(c => NotebookFile.HasTag(c.Cell, Exercises.ExerciseTag)).ToList();
        for (var i = 0; i < exercises; i++)
        {
            NotebookFile.SetSource(exerciseCells[i].Cell, answers[i]);
        }

        NotebookFile executed;
        try
        {
            executed = KernelRun.Run(graded, notebooksFolder, lesson, allowFailures: true);
        }
        catch (InvalidOperationException e)
        {
            return Enumerable.Range(1, exercises).Select(n => new StudentGrade(student, lesson, n, "✘", e.Message.ReplaceLineEndings(" ")));
        }

        // dotnet-repl's notebook keeps the cells' order but not their tags: read the outputs into the graded copy.
        foreach (var ((_, cell), (_, run)) in graded.CodeCells().Zip(executed.CodeCells()))
        {
            cell["outputs"] = run["outputs"]?.DeepClone() ?? new JsonArray();
        }

        return Marks(graded).Select((mark, i) => new StudentGrade(student, lesson, i + 1, mark.Mark, mark.Detail));
    }

    /// <summary>Each exercise's mark in an executed lesson, from its exercise cell and the check cells after it.</summary>
    public static List<(string Mark, string Detail)> Marks(NotebookFile executed)
    {
        var marks = new List<(string, string)>();
        var code = executed.CodeCells().Select(c => c.Cell).ToList();
        for (var i = 0; i < code.Count; i++)
        {
            if (!NotebookFile.HasTag(code[i], Exercises.ExerciseTag))
            {
                continue;
            }

            var end = code.FindIndex(i + 1, cell => NotebookFile.HasTag(cell, "check"));
            var cells = code[i..(end < 0 ? i + 1 : end + 1)];
            var failure = cells.SelectMany(Errors).FirstOrDefault();
            var lines = cells.Skip(1).SelectMany(Lines).ToList();
            marks.Add(failure is not null ? ("✘", $"a cell failed: {failure}")
                : lines.FirstOrDefault(line => line.StartsWith('✘')) is { } wrong ? ("✘", wrong)
                : lines.FirstOrDefault(line => line.StartsWith('○')) is { } notDone ? ("○", notDone)
                : lines.Any(line => line.StartsWith('✔')) ? ("✔", "")
                : ("✘", "the check showed no result"));
            i = Math.Max(i, end);
        }

        return marks;
    }

    /// <summary>The table: a header, then one line per grade; fields quoted where CSV needs it. UTF-8 with a byte order mark, so that spreadsheets read ✔ right.</summary>
    public static string Csv(IEnumerable<StudentGrade> grades)
    {
        var csv = new StringBuilder("\uFEFFstudent,lesson,exercise,result,detail\n");
        foreach (var g in grades)
        {
            csv.Append(string.Join(',', new[] { g.Student, g.Lesson, g.Exercise.ToString(CultureInfo.InvariantCulture), g.Mark, g.Detail }.Select(Field))).Append('\n');
        }

        return csv.ToString();
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static IEnumerable<string> Errors(JsonObject cell) =>
        (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => (string?)o["output_type"] == "error")
            .Select(o => $"{(string?)o["ename"]}: {((string?)o["evalue"] ?? "").ReplaceLineEndings(" ")}");

    /// <summary>The lines a check cell showed: printed text, and displayed text (its plain text, else its HTML's text).</summary>
    private static IEnumerable<string> Lines(JsonObject cell)
    {
        foreach (var output in (cell["outputs"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var text = (string?)output["output_type"] == "stream" ? NotebookFile.Text(output["text"])
                : output["data"]?["text/plain"] is { } plain ? NotebookFile.Text(plain)
                : output["data"]?["text/html"] is { } html ? WebUtility.HtmlDecode(Tag().Replace(LineBreak().Replace(NotebookFile.Text(html), "\n"), ""))
                : "";
            foreach (var line in text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0))
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"</div>|<br\s*/?>")]
    private static partial Regex LineBreak();
}
