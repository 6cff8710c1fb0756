namespace Backprop.Web.Lessons;

/// <summary>Fetches a lesson's notebook from the site once per visit.</summary>
public sealed class NotebookStore(HttpClient http)
{
    private readonly Dictionary<string, Task<LessonNotebook>> loaded = [];

    /// <summary>The lesson's notebook, as the site serves it (see build/LessonNotebooks.targets).</summary>
    public Task<LessonNotebook> LoadAsync(Lesson lesson)
    {
        if (!loaded.TryGetValue(lesson.Slug, out var notebook))
        {
            notebook = LoadCore(lesson);
            loaded[lesson.Slug] = notebook;
        }

        return notebook;
    }

    private async Task<LessonNotebook> LoadCore(Lesson lesson) =>
        LessonNotebook.Parse(await http.GetStringAsync(lesson.NotebookPath));
}
