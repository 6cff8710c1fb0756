namespace Backprop.Web.Lessons;

/// <summary>One lesson of the site: its address, its notebook and its titles.</summary>
/// <param name="Slug">The last part of its address and its notebook's name: <c>01-backprop</c>.</param>
/// <param name="ShortTitle">What the navigation bar shows.</param>
/// <param name="Summary">One sentence for the contents page.</param>
public sealed record Lesson(string Slug, string ShortTitle, string Summary)
{
    /// <summary>The page's address relative to the site's base: <c>lessons/01-backprop</c>.</summary>
    public string Href => $"lessons/{Slug}";

    /// <summary>The committed notebook, as the site serves it: <c>notebooks/01-backprop.ipynb</c>.</summary>
    public string NotebookPath => $"notebooks/{Slug}.ipynb";

    /// <summary>The file name "Download notebook" saves.</summary>
    public string DownloadName => $"{Slug}.ipynb";
}

/// <summary>The four lessons, in the order a class takes them (the notebooks in <c>notebooks/</c>).</summary>
public static class LessonCatalog
{
    /// <summary>Every lesson, in order.</summary>
    public static IReadOnlyList<Lesson> All { get; } =
    [
        new("01-backprop", "1 · Backprop", "A 3-2-2-1 ReLU network trained by hand-written backpropagation: the ten NumPy loss lines, bit for bit."),
        new("02-one-step", "2 · One step", "One training step dissected: every matrix of the forward pass, every gradient of the backward pass, a gradient check."),
        new("03-experiments", "3 · Experiments", "What changes the loss curve: learning rates, dead units, initialisation, network size, and a real data set."),
        new("04-autograd", "4 · Autograd", "A number that remembers where it came from: autograd checks our backpropagation."),
    ];

    /// <summary>The lesson with this slug, or null.</summary>
    public static Lesson? Find(string slug) => All.FirstOrDefault(lesson => lesson.Slug == slug);
}
