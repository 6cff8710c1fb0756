using Backprop.Web.Lessons;

namespace Backprop.Web.Layout;

/// <summary>The site's navigation bar: one link per page, in this order. A new page adds its line here.</summary>
public static class SiteNavigation
{
    /// <summary>The links, as (address relative to the site's base, text).</summary>
    public static IReadOnlyList<(string Href, string Text)> Links { get; } =
    [
        ("", "Contents"),
        .. LessonCatalog.All.Select(lesson => (lesson.Href, lesson.ShortTitle)),
        ("playground", "Playground"),
    ];
}
