namespace Backprop.Grading;

/// <summary>
/// Checks lesson 2's planted-bug exercise: the student lists the parameters whose gradient they expect the gradient
/// check to find wrong, then the check runs, and each parameter is compared with the list.
/// </summary>
internal static class PredictionGrader
{
    private const string Why =
        "A bug in one layer's dL_dz reaches that layer's dL_dW and dL_db and every layer below it (the backward pass carries it down), never the layers above";

    /// <summary>Compares the listed parameters with the gradient check's verdicts, one item per weight matrix and bias.</summary>
    /// <param name="predictedWrong">
    /// The parameters the student expects to be wrong, as <c>"W2"</c>, <c>"b1"</c> (or <c>"dL_dW2"</c>); case, spaces and
    /// quotes don't matter. Null or empty is "not done yet".
    /// </param>
    /// <param name="check">The gradient check of the planted bug (<see cref="GradientCheck.Run"/>).</param>
    public static GradingReport Check(IEnumerable<string>? predictedWrong, GradientCheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        const string name = "prediction";
        var predicted = (predictedWrong ?? []).Select(answer => (Typed: answer, Canonical: Normalise(answer))).Where(p => p.Canonical.Length > 0).ToList();
        if (predicted.Count == 0)
        {
            return new GradingReport([GradingItem.NotDone(name, "list the parameters you expect to be wrong, as [\"W2\", \"b2\"]")]);
        }

        var parameters = check.Entries.Select(entry => Group(entry.Parameter)).Distinct().ToList();
        var listed = predicted.Select(p => p.Canonical).ToHashSet();
        var items = predicted.Where(p => !parameters.Any(parameter => Answers.Same(parameter, p.Canonical)))
            .Select(p => GradingItem.Wrong(Answers.Quoted(p.Typed), Mistake.WrongForm,
                $"{Answers.Quoted(p.Typed)} is not a parameter of this network: name them as {string.Join(", ", parameters)}"))
            .ToList();
        var explained = false;
        foreach (var parameter in parameters)
        {
            var saidWrong = listed.Contains(Answers.Canonical(parameter));
            var isWrong = check.Entries.Any(entry => Group(entry.Parameter) == parameter && entry.Verdict is GradientVerdict.Wrong or GradientVerdict.Suspicious);
            if (saidWrong == isWrong)
            {
                items.Add(GradingItem.Right(parameter, $"{parameter}: {(isWrong ? "wrong" : "right")}, as you predicted"));
                continue;
            }

            var message = saidWrong
                ? $"{parameter}: you listed it as wrong, but the gradient check finds its gradient right"
                : $"{parameter}: not in your list, but the gradient check finds its gradient wrong";
            items.Add(GradingItem.Wrong(parameter, Mistake.WrongPrediction, explained ? message : $"{message}. {Why}"));
            explained = true;
        }

        return new GradingReport(items);
    }

    /// <summary><c>W2[0,1]</c> → <c>W2</c>.</summary>
    private static string Group(string parameter) => parameter.Split('[')[0];

    /// <summary><c>" 'dL_dW2' "</c> → <c>W2</c>, by the one answer rule (<see cref="Answers"/>).</summary>
    private static string Normalise(string? answer)
    {
        var canonical = Answers.Canonical(answer);
        return canonical.StartsWith("DL_D", StringComparison.Ordinal) ? canonical[4..] : canonical;
    }
}
