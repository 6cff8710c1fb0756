using System.Globalization;
using Backprop.Cells;
using Backprop.Notebooks;

namespace Backprop.Cells.Tests;

/// <summary>A cell's outputs within their limits: a loop that prints or displays without end never floods the page.</summary>
public sealed class CellOutputsTests
{
    /// <summary>Every size around the limit: below, at, one past, far past; printed in pieces of every length.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void Prints_keep_their_first_characters_up_to_the_limit_and_say_how_many_were_left_out(int limit)
    {
        foreach (var printed in new[] { 0, limit - 1, limit, limit + 1, 3 * limit + 2 }.Where(n => n >= 0).Distinct())
        {
            foreach (var piece in new[] { 1, 3, 64 })
            {
                var text = string.Concat(Enumerable.Range(0, printed).Select(i => (char)('a' + (i % 26))));
                var outputs = new CellOutputs(limit, maxDisplays: 10);
                for (var at = 0; at < printed; at += piece)
                {
                    outputs.Print(text[at..Math.Min(printed, at + piece)], isError: false);
                }

                var shown = outputs.Finish();
                var what = $"{printed} characters in pieces of {piece}, limit {limit}";
                Assert.True(text[..Math.Min(printed, limit)] == string.Concat(shown.OfType<CellText>().Select(t => t.Text)), what);
                var notes = shown.OfType<CellDisplay>().Select(Plain).ToList();
                if (printed > limit)
                {
                    Assert.Equal([string.Create(CultureInfo.InvariantCulture, $"Left out: {printed - limit:N0} more characters printed (a cell shows its first {limit:N0}). Is there a loop that prints without end?")], notes);
                }
                else
                {
                    Assert.True(notes.Count == 0, what);
                }
            }
        }
    }

    [Fact]
    public void Standard_output_and_error_stay_apart_and_in_order_and_displays_end_a_text()
    {
        var outputs = new CellOutputs(100, 10);
        outputs.Print("a", isError: false);
        outputs.Print("b", isError: false);
        outputs.Print("oops", isError: true);
        outputs.Print("c", isError: false);
        outputs.Show(new CellDisplay(Renderings.Of("shown")));
        outputs.Print("d", isError: false);

        Assert.Equal(
            [new CellText("ab"), new CellText("oops", IsError: true), new CellText("c"), new CellDisplay(Renderings.Of("shown")), new CellText("d")],
            outputs.Finish(),
            Same);
    }

    [Fact]
    public void Displays_past_the_limit_are_left_out_and_the_note_comes_before_the_cells_error()
    {
        var outputs = new CellOutputs(5, maxDisplays: 3);
        for (var i = 0; i < 10; i++)
        {
            outputs.Show(new CellDisplay(Renderings.Of($"value {i}")));
            outputs.Print("xy", isError: false);
        }

        outputs.Show(new CellError("Stopped: the cell ran longer than its time limit of 30 s. Is there a loop that never ends?"));
        var shown = outputs.Finish();

        Assert.Equal(["value 0", "value 1", "value 2"], shown.OfType<CellDisplay>().SkipLast(1).Select(Plain));
        Assert.Equal("xyxyx", string.Concat(shown.OfType<CellText>().Select(t => t.Text)));
        Assert.Equal(
            "Left out: 15 more characters printed (a cell shows its first 5) and 7 more displayed values (a cell shows its first 3). Is there a loop that prints without end?",
            Plain(Assert.IsType<CellDisplay>(shown[^2])));
        Assert.IsType<CellError>(shown[^1]);
    }

    [Fact]
    public async Task A_cell_that_prints_without_end_shows_its_first_100000_characters_and_one_line_about_the_rest()
    {
        var session = Lessons.Session(timeLimit: TimeSpan.FromSeconds(1));

        var result = await session.RunAsync("while (true) Console.WriteLine(\"again and again\");");
        var next = await session.RunAsync("Console.WriteLine(6 * 7);");

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Equal(100_000, result.PrintedText.Length);
        Assert.StartsWith("again and again\nagain and again\n", result.PrintedText, StringComparison.Ordinal);
        Assert.Collection(
            result.Outputs,
            output => Assert.IsType<CellText>(output),
            output => Assert.Matches(@"^Left out: [\d,]+ more characters printed \(a cell shows its first 100,000\)\. Is there a loop that prints without end\?$", Plain(Assert.IsType<CellDisplay>(output))),
            output => Assert.IsType<CellError>(output));
        Assert.Equal("42\n", next.PrintedText);
    }

    private static string Plain(CellDisplay display) => display.Formats.Single(format => format.MimeType == "text/plain").Content;

    private static bool Same(CellOutput expected, CellOutput actual) => (expected, actual) switch
    {
        (CellDisplay e, CellDisplay a) => e.IsResult == a.IsResult && e.Formats.SequenceEqual(a.Formats),
        _ => Equals(expected, actual),
    };
}
