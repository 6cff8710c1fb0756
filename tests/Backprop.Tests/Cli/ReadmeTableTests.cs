using System.Text.RegularExpressions;

namespace Backprop.Tests.Cli;

/// <summary>
/// Every row of the README's option table and error table, run as a user runs it: the .NET build in its own process
/// (<see cref="NativeProgramTests"/> runs the same rows with the native executable). The rows and the cases are
/// checked against each other, so a row added to the README without a case, or a message that drifts from it, fails.
/// </summary>
public partial class ReadmeTableTests
{
    public static TheoryData<string> OptionRows => ProgramCases.Names(ProgramCases.Options);

    public static TheoryData<string> ErrorRows => ProgramCases.Names(ProgramCases.Errors);

    [SkippableTheory]
    [MemberData(nameof(OptionRows))]
    public void Every_option_works_in_the_dotnet_build(string row) => RunAndCheck(row);

    [SkippableTheory]
    [MemberData(nameof(ErrorRows))]
    public void Every_error_row_is_what_the_dotnet_build_says(string row) => RunAndCheck(row);

    [Fact]
    public void Every_option_row_of_the_readme_has_a_case()
    {
        Assert.Equal(
            Table("## The console program").Select(cells => cells[0]).Order(StringComparer.Ordinal),
            ProgramCases.Options.Select(c => c.Row).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_error_row_of_the_readme_has_a_case_and_shows_its_message()
    {
        var rows = Table("### Exit codes and error messages");

        Assert.Equal(rows.Select(cells => cells[0]).Order(StringComparer.Ordinal), ProgramCases.Errors.Select(c => c.Row).Distinct().Order(StringComparer.Ordinal));
        foreach (var @case in ProgramCases.Errors)
        {
            var message = rows.Single(cells => cells[0] == @case.Row)[1].Replace("`", string.Empty, StringComparison.Ordinal);
            Assert.True(message.Contains(@case.Expected.TrimEnd('('), StringComparison.Ordinal), $"The README's row '{@case.Row}' does not show \"{@case.Expected}\": it says \"{message}\"");
        }
    }

    private static void RunAndCheck(string row)
    {
        var @case = ProgramCases.Find(row);
        using var folder = new TemporaryFolder();

        var run = @case.RunIn(folder, BuiltProgram.Dotnet);

        @case.Check(run, folder);
    }

    /// <summary>The rows of the first table under <paramref name="heading"/>, as cells (the header row and the separator left out).</summary>
    private static List<string[]> Table(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"README.md has no '{heading}'");
        return lines.Skip(start).SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|')).Skip(2)
            .Select(line => CellBorder().Split(line.Trim().Trim('|')).Select(cell => cell.Trim()).ToArray())
            .ToList();
    }

    // A column border: a | that is not written \| (a | inside a cell).
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellBorder();
}
