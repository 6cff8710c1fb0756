using Backprop.Notebooks.Lessons;

namespace Backprop.Notebooks.Tests;

/// <summary>
/// Every lesson with exercises runs clean in the real kernel twice: as students get it (exercise cells as they are,
/// solutions left out) and solved (each exercise cell filled from its solution).
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class ExerciseRunTests
{
    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (var lesson in LessonTool.Lessons(Repository.Notebooks, []))
        {
            if (Exercises.Count(NotebookFile.Load(Path.Combine(Repository.Notebooks, lesson))) > 0)
            {
                data.Add(lesson, "student");
                data.Add(lesson, "solved");
            }
        }

        // xunit refuses a theory without data: until a lesson has exercises, one empty row says so.
        if (data.Count == 0)
        {
            data.Add("", "none yet");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void It_runs_clean_in_the_kernel(string lesson, string copy)
    {
        if (lesson.Length == 0)
        {
            return;
        }

        Prerequisites.EnsureReady();
        var folder = Path.Combine(Repository.Root, $"student-test-{copy}");
        try
        {
            var exit = LessonTool.Run(Repository.Notebooks, [copy, folder, lesson]);
            Assert.Equal(0, exit);

            var run = NotebookRun.Run(folder, lesson);

            Assert.Empty(run.FailedCells);
            Assert.True(run.Command.ExitCode == 0, run.Command.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
