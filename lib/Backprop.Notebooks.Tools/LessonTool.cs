namespace Backprop.Notebooks.Lessons;

/// <summary>
/// The lessons' tools, behind <c>dotnet run notebooks/lessons.cs -- COMMAND</c> (see <see cref="Usage"/>). Every
/// command works on the lessons <c>notebooks/NN-name.ipynb</c>, or on the ones named after it.
/// </summary>
public static class LessonTool
{
    /// <summary>What the tool does, printed for <c>help</c> or a wrong command line.</summary>
    public const string Usage = """
        Usage: dotnet run notebooks/lessons.cs -- COMMAND [NN-name.ipynb ...]

          twins              write each lesson's console twin NN-name.cs from its notebook
          twins --check      exit 1 if a committed twin differs from what its notebook makes
          refresh            run each lesson in the real kernel (dotnet-repl), store the outputs in the notebook,
                             add a static image beside every chart, then write the twins
          check              exit 1 if a twin is stale or a committed output differs from a fresh kernel run
          student FOLDER     write student copies (no solutions, no outputs) to FOLDER, a folder directly
                             inside the repository (for example student), with setup.dib beside them
          solved FOLDER      the same, with every exercise cell filled in from its solution
          grade FOLDER       grade a class's returned notebooks (FOLDER/NAME-NN-name.ipynb or FOLDER/NAME/NN-name.ipynb):
                             run each student's exercise cells with the lesson's checks in the real kernel, and
                             write one line per student and exercise (✔, ✘ or ○) to FOLDER/grades.csv and to
                             standard output
        """;

    /// <summary>The options each command takes; any other is an error, as in the command-line program.</summary>
    private static readonly Dictionary<string, string[]> Options = new()
    {
        ["twins"] = ["--check"],
    };

    /// <summary>
    /// Runs the tool in <paramref name="notebooksFolder"/>; returns the exit code (0: done, 1: failed or stale, 2: bad
    /// command line). Every failure is one line on standard error, never a stack trace.
    /// </summary>
    public static int Run(string notebooksFolder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(notebooksFolder);
        ArgumentNullException.ThrowIfNull(args);
        if (StandardOutput.IsClosed())
        {
            Console.Error.WriteLine($"error: {StandardOutput.ClosedMessage}");
            return 2;
        }

        var command = args.FirstOrDefault() ?? "";
        var unknown = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal))
            .FirstOrDefault(option => !Options.GetValueOrDefault(command, []).Contains(option));
        if (unknown is not null)
        {
            var known = Options.GetValueOrDefault(command, []);
            Console.Error.WriteLine($"error: unknown option {unknown} for `{command}`{(known.Length > 0 ? $" (it takes {string.Join(", ", known)})" : "")}; `dotnet run notebooks/lessons.cs -- help` lists every command.");
            return 2;
        }

        try
        {
            return Dispatch(Path.GetFullPath(notebooksFolder), command, args);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            var message = StandardOutput.Describe(e);
            Console.Error.WriteLine($"error: {message}");
            return message == StandardOutput.ClosedMessage ? 2 : 1;  // closed output is a usage error, as when found at the start
        }
    }

    private static int Dispatch(string folder, string command, string[] args)
    {
        var options = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var names = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        switch (command)
        {
            case "twins":
                return options.Contains("--check") ? CheckTwins(folder, Lessons(folder, names)) : WriteTwins(folder, Lessons(folder, names));
            case "refresh":
                foreach (var lesson in Lessons(folder, names))
                {
                    Refresh(folder, lesson);
                }

                return WriteTwins(folder, Lessons(folder, names));
            case "check":
                if (CheckTwins(folder, Lessons(folder, names)) + CheckOutputs(folder, Lessons(folder, names)) != 0)
                {
                    return 1;
                }

                Console.Error.WriteLine($"Up to date: the twins and committed outputs of {string.Join(", ", Lessons(folder, names))}.");
                return 0;
            case "student" or "solved" when names.Count >= 1:
                return WriteCopies(folder, names[0], Lessons(folder, names.Skip(1).ToList()), solved: command == "solved");
            case "grade" when names.Count == 1:
                return ClassGrades.Grade(folder, names[0]);
            case "help" or "--help" or "-h":
                Console.WriteLine(Usage);
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>The lessons to work on: the ones named, or every <c>NN-name.ipynb</c> in the folder.</summary>
    internal static List<string> Lessons(string folder, IReadOnlyList<string> names)
    {
        var all = Directory.GetFiles(folder, "*.ipynb").Select(Path.GetFileName).OfType<string>()
            .Where(name => name.Length > 3 && char.IsAsciiDigit(name[0]) && char.IsAsciiDigit(name[1]) && name[2] == '-')
            .Order(StringComparer.Ordinal).ToList();
        foreach (var name in names.Where(name => !all.Contains(Path.GetFileName(name))))
        {
            throw new InvalidDataException($"No lesson {name} in {folder}: the lessons are {string.Join(", ", all)}.");
        }

        return names.Count == 0 ? all : names.Select(Path.GetFileName).OfType<string>().ToList();
    }

    /// <summary>The twin of <paramref name="lesson"/> as the generator makes it now.</summary>
    internal static string Twin(string folder, string lesson) =>
        TwinGenerator.Generate(NotebookFile.Load(Path.Combine(folder, lesson)), lesson, File.ReadAllText(Path.Combine(folder, TwinGenerator.SetupFile)));

    internal static string TwinPath(string folder, string lesson) => Path.Combine(folder, Path.ChangeExtension(lesson, ".cs"));

    private static int WriteTwins(string folder, List<string> lessons)
    {
        foreach (var lesson in lessons)
        {
            OutputFile.CheckWritable(TwinPath(folder, lesson));
        }

        foreach (var lesson in lessons)
        {
            OutputFile.Write(TwinPath(folder, lesson), Twin(folder, lesson));
            Console.Error.WriteLine($"Twin written: {TwinPath(folder, lesson)}");
        }

        return 0;
    }

    private static int CheckTwins(string folder, List<string> lessons)
    {
        var stale = lessons.Where(lesson => !File.Exists(TwinPath(folder, lesson)) || File.ReadAllText(TwinPath(folder, lesson)) != Twin(folder, lesson)).ToList();
        foreach (var lesson in stale)
        {
            Console.Error.WriteLine($"{Path.ChangeExtension(lesson, ".cs")} is not what {lesson} makes: run `dotnet run notebooks/lessons.cs -- twins`.");
        }

        return stale.Count == 0 ? 0 : 1;
    }

    private static int CheckOutputs(string folder, List<string> lessons)
    {
        var failures = 0;
        foreach (var lesson in lessons)
        {
            var committed = NotebookFile.Load(Path.Combine(folder, lesson));
            var differences = OutputComparison.Differences(committed, KernelRun.Run(committed, folder, lesson));
            foreach (var difference in differences)
            {
                Console.Error.WriteLine($"{lesson}, {difference}: run `dotnet run notebooks/lessons.cs -- refresh {lesson}`.");
            }

            failures += differences.Count;
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>Runs a lesson in the kernel and stores the run's outputs, with chart images, in the notebook.</summary>
    private static void Refresh(string folder, string lesson)
    {
        var path = Path.Combine(folder, lesson);
        Console.Error.WriteLine($"Running {lesson} in the .NET Interactive kernel (dotnet-repl)...");
        var notebook = NotebookFile.Load(path);
        var executed = KernelRun.Run(notebook, folder, lesson);
        var cells = notebook.CodeCells().ToList();
        var ran = executed.CodeCells().ToList();
        if (cells.Count != ran.Count)
        {
            throw new InvalidOperationException($"{lesson}: dotnet-repl returned {ran.Count} code cells of {cells.Count}.");
        }

        foreach (var ((_, cell), (_, run)) in cells.Zip(ran))
        {
            cell["outputs"] = run["outputs"]?.DeepClone() ?? new JsonArray();
            cell["execution_count"] = run["execution_count"]?.DeepClone();
        }

        var images = ChartImages.AddBesideCharts(notebook);
        if (images.Charts > 0 && images.Browser is null)
        {
            throw new InvalidOperationException(
                $"{lesson} has {images.Charts} charts and this machine no Chromium to draw their images: install chromium, or set CHROMIUM to its path.");
        }

        notebook.Save(path);
        Console.Error.WriteLine($"Outputs stored in {path} ({images.Charts} charts, each with its image)");
    }

    private static int WriteCopies(string folder, string target, List<string> lessons, bool solved)
    {
        var repository = Path.GetDirectoryName(folder)!;
        var destination = Path.GetFullPath(target);
        if (Path.GetDirectoryName(destination) != repository || destination == folder)
        {
            throw new InvalidDataException(
                $"{target}: student copies go in a folder directly inside the repository ({repository}), beside notebooks/, so that they find the libraries; for example `student`.");
        }

        OutputFile.CheckFolder(destination);
        foreach (var file in lessons.Append(TwinGenerator.SetupFile))
        {
            OutputFile.CheckWritable(Path.Combine(destination, file));
        }

        OutputFile.Write(Path.Combine(destination, TwinGenerator.SetupFile), File.ReadAllText(Path.Combine(folder, TwinGenerator.SetupFile)));
        foreach (var lesson in lessons)
        {
            var notebook = NotebookFile.Load(Path.Combine(folder, lesson));
            var copy = Exercises.StudentCopy(solved ? Exercises.Solved(notebook, lesson) : notebook);
            copy.Save(Path.Combine(destination, lesson));
            Console.Error.WriteLine($"{(solved ? "Solved" : "Student")} copy written: {Path.Combine(destination, lesson)} ({Exercises.Count(notebook)} exercises)");
        }

        return 0;
    }
}
