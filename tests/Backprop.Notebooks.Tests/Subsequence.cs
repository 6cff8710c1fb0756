namespace Backprop.Notebooks.Tests;

/// <summary>Checks that one list of lines appears inside another, in the same order (other lines may come between).</summary>
internal static class Subsequence
{
    public static void Contains(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var position = 0;
        foreach (var line in expected)
        {
            while (position < actual.Count && actual[position] != line)
            {
                position++;
            }

            Assert.True(position < actual.Count, $"Missing, or out of order: `{line}`.\n--- got ---\n{string.Join('\n', actual)}");
            position++;
        }
    }
}
