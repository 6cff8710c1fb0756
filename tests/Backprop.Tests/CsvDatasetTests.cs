using System.Globalization;
using System.Text;
using Backprop.Files;

namespace Backprop.Tests;

public class CsvDatasetTests
{
    [Fact]
    public void Reads_features_in_file_order_and_the_target_column_as_y()
    {
        var data = CsvDataset.Read(new StringReader("a,y,b\n1,2,3\n4,5,6\n"), "y");

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal(["y"], data.TargetNames);
        Assert.Equal(new double[,] { { 1, 3 }, { 4, 6 } }, data.Features.ToArray());
        Assert.Equal(new double[,] { { 2 }, { 5 } }, data.Targets.ToArray());
        Assert.Equal(2, data.SampleCount);
    }

    [Fact]
    public void Accepts_what_real_files_contain_bom_crlf_quotes_spaces_and_a_trailing_empty_line()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("real.csv");
        var text = "\"a\", b ,y\r\n\"0.5\", 1e-3 , -2\r\n 3 ,\"4\",5\r\n\r\n";
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var data = CsvDataset.Load(path, "y");

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal(new double[,] { { 0.5, 0.001 }, { 3, 4 } }, data.Features.ToArray());
        Assert.Equal(new double[,] { { -2 }, { 5 } }, data.Targets.ToArray());
    }

    [Fact]
    public void Reads_a_dot_as_the_decimal_separator_under_a_German_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var data = CsvDataset.Read(new StringReader("x,y\n0.5,1\n"), "y");
            Assert.Equal(0.5, data.Features[0, 0]);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Reads_every_double_back_exactly()
    {
        var data = CsvDataset.Load(Path.Combine(NumPyFixtures.Folder, "tiny.csv"), "target");

        Assert.Equal(0.22199317108973948, data.Features[0, 0]);
        Assert.Equal(0.9186109079379216, data.Targets[0, 0]);
        Assert.Equal(12, data.SampleCount);
    }

    [Theory]
    [InlineData("x,y\n1,2\n\"3,4\n", "line 3 opens a quoted value that is never closed", "missing")]
    [InlineData("x,,y\n1,2,3\n", "header column 2 has no name", "name every column")]
    [InlineData("y\n1\n", "only the target column", "feature column")]
    public void Rejects_malformed_files_with_the_line_or_column(string text, string problem, string fix)
    {
        var error = Assert.Throws<InvalidInputException>(() => CsvDataset.Read(new StringReader(text), "y", "data.csv"));

        Assert.Contains(problem, error.Message);
        Assert.Contains(fix, error.Message);
        Assert.StartsWith("data.csv", error.Message);
    }

    [Fact]
    public void Load_features_takes_every_column()
    {
        using var folder = new TemporaryFolder();
        var (features, names) = CsvDataset.LoadFeatures(folder.Write("x.csv", "a,b\n1,2\n"));

        Assert.Equal(["a", "b"], names);
        Assert.Equal(new double[,] { { 1, 2 } }, features.ToArray());
    }

    [Fact]
    public void Columns_are_matched_by_the_models_names_in_any_order()
    {
        using var folder = new TemporaryFolder();
        var columns = new ModelColumns(["temp", "humidity", "wind"], "rides");
        var shuffled = folder.Write("x.csv", "wind,rides,temp,humidity\n3,9,1,2\n6,8,4,5\n");

        var (features, targets) = CsvDataset.LoadMatching(shuffled, columns, "rides");
        var (featuresOnly, none) = CsvDataset.LoadMatching(folder.Write("f.csv", "humidity,wind,temp\n2,3,1\n"), columns, targetColumn: null);

        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, features.ToArray());
        Assert.Equal(new double[,] { { 9 }, { 8 } }, targets!.ToArray());
        Assert.Equal(new double[,] { { 1, 2, 3 } }, featuresOnly.ToArray());
        Assert.Null(none);
    }

    [Theory]
    [InlineData("temp,humidity\n1,2\n", null, "x.csv has no column named 'wind', which the model was trained on (its features are temp, humidity, wind): add it.")]
    [InlineData("temp\n1\n", null, "x.csv has no columns named humidity, wind, which the model was trained on (its features are temp, humidity, wind): add them.")]
    [InlineData("temp,humidity,wind,pressure\n1,2,3,4\n", null, "x.csv has a column 'pressure' that the model was not trained on (its features are temp, humidity, wind): remove it.")]
    [InlineData("temp,humidity,wind,rides\n1,2,3,4\n", null, "x.csv has the model's target column 'rides': add --target rides (for the MSE), or remove the column.")]
    [InlineData("temp,humidity,wind,count\n1,2,3,4\n", "count", "--target 'count' is not the column the model was trained to predict, 'rides': use --target rides, or leave --target out.")]
    [InlineData("temp,humidity,wind\n1,2,3\n", "rides", "x.csv has no column named 'rides' (its columns are temp, humidity, wind): pass one of these as the target.")]
    public void A_missing_or_unknown_column_is_one_clear_error(string csv, string? target, string message)
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<InvalidInputException>(() => CsvDataset.LoadMatching(folder.Write("x.csv", csv), new ModelColumns(["temp", "humidity", "wind"], "rides"), target));

        Assert.Equal(message, error.Message);
    }
}
