using System.Text.Json;

namespace Backprop.Charts.Tests;

public class ActivityHeatmapTests
{
    // Layer 1: both units fire for sample 0, only unit 0 for sample 1. Layer 2: unit 1 never fires (dead).
    private static readonly bool[,] Layer1 = { { true, true }, { true, false }, { false, true } };
    private static readonly bool[,] Layer2 = { { true, false }, { false, false }, { true, false } };

    [Fact]
    public void Create_draws_one_heatmap_per_hidden_layer_with_1_where_a_unit_fired()
    {
        var figure = Figure.Of(ActivityHeatmap.Create([Layer1, Layer2]));

        Assert.Equal(2, figure.Traces.Count);
        Assert.All(figure.Traces, t => Assert.Equal("heatmap", t.GetProperty("type").GetString()));
        Assert.Equal([[1, 1], [1, 0], [0, 1]], Z(figure.Traces[0]));
        Assert.Equal([[1, 0], [0, 0], [1, 0]], Z(figure.Traces[1]));
    }

    [Fact]
    public void Units_go_across_and_samples_down_from_sample_0_at_the_top()
    {
        var figure = Figure.Of(ActivityHeatmap.Create([Layer1, Layer2]));

        var trace = figure.Traces[0];
        Assert.Equal(["0", "1"], trace.GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal([0, 1, 2], Figure.Numbers(trace, "y"));
        Assert.Equal("reversed", figure.Layout.GetProperty("yaxis").GetProperty("autorange").GetString());
    }

    [Fact]
    public void Every_heatmap_has_titled_axes()
    {
        var layout = Figure.Of(ActivityHeatmap.Create([Layer1, Layer2])).Layout;

        foreach (var suffix in new[] { string.Empty, "2" })
        {
            Assert.Equal("Hidden unit", AxisTitle(layout, "xaxis" + suffix));
            Assert.Equal("Sample", AxisTitle(layout, "yaxis" + suffix));
        }
    }

    [Fact]
    public void Colours_are_fixed_two_tone_so_an_all_dead_layer_stays_grey()
    {
        var trace = Figure.Of(ActivityHeatmap.Create([new bool[,] { { false }, { false } }])).Traces[0];

        Assert.Equal(0, trace.GetProperty("zmin").GetInt32());
        Assert.Equal(1, trace.GetProperty("zmax").GetInt32());
        Assert.False(trace.GetProperty("showscale").GetBoolean());
        var scale = trace.GetProperty("colorscale").EnumerateArray().Select(stop => stop[1].GetString()).ToList();
        Assert.Equal(["rgba(208, 215, 222, 1.0)", "rgba(208, 215, 222, 1.0)", "rgba(45, 164, 78, 1.0)", "rgba(45, 164, 78, 1.0)"], scale);
    }

    [Fact]
    public void Each_heatmap_is_titled_with_its_layer_and_how_many_units_are_dead()
    {
        var figure = Figure.Of(ActivityHeatmap.Create([Layer1, Layer2], "Which ReLUs fire"));

        Assert.Equal("Which ReLUs fire", figure.Title);
        Assert.Equal(["Layer 1: 2 units, 0 dead", "Layer 2: 2 units, 1 dead"], SubplotTitles(figure));
    }

    [Fact]
    public void Snapshots_stack_as_rows_one_column_per_layer_each_labelled()
    {
        var after = new[] { Layer2, Layer2 };

        var figure = Figure.Of(ActivityHeatmap.Create([("Before training", [Layer1, Layer2]), ("After training", after)]));

        Assert.Equal(4, figure.Traces.Count);
        var grid = figure.Layout.GetProperty("grid");
        Assert.Equal(2, grid.GetProperty("rows").GetInt32());
        Assert.Equal(2, grid.GetProperty("columns").GetInt32());
        Assert.Equal(
            ["Before training, layer 1: 2 units, 0 dead", "Before training, layer 2: 2 units, 1 dead", "After training, layer 1: 2 units, 1 dead", "After training, layer 2: 2 units, 1 dead"],
            SubplotTitles(figure));
        Assert.Equal([[1, 0], [0, 0], [1, 0]], Z(figure.Traces[2]));
        Assert.Equal("Sample", AxisTitle(figure.Layout, "yaxis4"));
    }

    [Fact]
    public void More_snapshots_make_a_taller_chart()
    {
        var one = Figure.Of(ActivityHeatmap.Create([Layer1])).Layout.GetProperty("height").GetInt32();
        var two = Figure.Of(ActivityHeatmap.Create([("a", [Layer1]), ("b", [Layer1])])).Layout.GetProperty("height").GetInt32();

        Assert.True(two > one, $"{two} px should exceed {one} px");
    }

    [Fact]
    public void Snapshots_with_different_numbers_of_layers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ActivityHeatmap.Create([("a", [Layer1]), ("b", [Layer1, Layer2])]));
        Assert.Throws<ArgumentException>(() => ActivityHeatmap.Create(Array.Empty<bool[,]>()));
    }

    private static int[][] Z(JsonElement trace) =>
        trace.GetProperty("z").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();

    private static string AxisTitle(JsonElement layout, string axis) =>
        layout.GetProperty(axis).GetProperty("title").GetProperty("text").GetString()!;

    private static List<string> SubplotTitles(Figure figure) =>
        figure.Layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToList();
}
