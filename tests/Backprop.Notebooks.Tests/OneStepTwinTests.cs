namespace Backprop.Notebooks.Tests;

/// <summary>notebooks/02-one-step.cs, the notebook as a .NET 10 file-based app: the same steps, every table as text.</summary>
[Collection(NotebookCollection.Name)]
public sealed class OneStepTwinTests
{
    private static readonly Lazy<CommandResult> Twin = new(() =>
        CommandLine.Run(Repository.Root, "dotnet", "run", "notebooks/02-one-step.cs"));

    private static string[] Lines => CommandLine.Lines(Twin.Value.Output);

    [Fact]
    public void It_runs_to_the_end()
    {
        Assert.True(Twin.Value.ExitCode == 0, Twin.Value.ToString());
    }

    [Fact]
    public void It_prints_every_line_the_notebook_prints_in_the_same_order()
    {
        Subsequence.Contains(NotebookRun.Of("02-one-step.ipynb").PrintedLines, Lines);
    }

    [Fact]
    public void Its_matrices_read_as_aligned_text_tables_under_their_names_and_shapes()
    {
        Subsequence.Contains(
            ["W1 (3×2)", "        0        1", "-  ------  -------", "0  1.7641   0.4002", "1  0.9787   2.2409", "2  1.8676  -0.9773"],
            Lines);
        Assert.Contains("z1 (10×2)", Lines);
        Assert.Contains("dL_dW1 (3×2)", Lines);
    }

    [Fact]
    public void Its_gradient_checks_pass_catch_the_kink_and_fail_on_the_planted_bug()
    {
        Assert.Contains("17 of 17 gradients agree with the finite differences (relative error ≤ 1e-7). Passed.", Lines);
        Assert.Contains(Lines, line => line.StartsWith("W2[0,1]", StringComparison.Ordinal) && line.EndsWith("~ ReLU kink", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.StartsWith("6 of 17 gradients agree", StringComparison.Ordinal) && line.EndsWith("Failed.", StringComparison.Ordinal));
        Assert.Contains("Parameter        Backprop  Finite difference  Relative error  Verdict", Lines);
    }
}
