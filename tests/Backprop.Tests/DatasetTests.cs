using Backprop.Files;
namespace Backprop.Tests;

public class DatasetTests
{
    private static Dataset FiveRows() =>
        CsvDataset.Read(new StringReader("a,b,y\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n"), "y");

    [Fact]
    public void Split_keeps_file_order_and_the_column_names()
    {
        var (train, test) = FiveRows().Split(3);

        Assert.Equal(new double[,] { { 1, 2 }, { 4, 5 }, { 7, 8 } }, train.Features.ToArray());
        Assert.Equal(new double[,] { { 3 }, { 6 }, { 9 } }, train.Targets.ToArray());
        Assert.Equal(new double[,] { { 10, 11 }, { 13, 14 } }, test.Features.ToArray());
        Assert.Equal(new double[,] { { 12 }, { 15 } }, test.Targets.ToArray());
        Assert.Equal(["a", "b"], test.FeatureNames);
        Assert.Equal(["y"], test.TargetNames);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Split_refuses_an_empty_part(int firstRows)
    {
        var error = Assert.Throws<InvalidInputException>(() => FiveRows().Split(firstRows));
        Assert.Contains("split after 1 to 4", error.Message);
    }

    [Fact]
    public void Parameter_count_is_every_weight_and_bias()
    {
        Assert.Equal((3 * 2) + 2 + (2 * 2) + 2 + (2 * 1) + 1, Network.Create([3, 2, 2, 1], new NumPyRandom(0)).ParameterCount);
    }
}
