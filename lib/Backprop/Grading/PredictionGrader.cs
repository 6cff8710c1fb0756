namespace Backprop.Grading;

/// <summary>
/// Checks lesson 2's planted-bug exercise: the student predicts which parameters the gradient check will find
/// wrong, then the check runs, and each parameter is compared with the prediction.
/// </summary>
public static class PredictionGrader
{
    /// <summary>Compares the predicted wrong parameters with the gradient check's verdicts, one item per weight matrix and bias.</summary>
    /// <param name="predictedWrong">The parameters the student expects to be wrong, as <c>"W2"</c>, <c>"b1"</c> (or <c>"dL_dW2"</c>); null or empty is "not done yet".</param>
    /// <param name="check">The gradient check of the planted bug (<see cref="GradientCheck.Run"/>).</param>
    public static GradingReport Check(IEnumerable<string>? predictedWrong, GradientCheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        const string name = "prediction";
        var predicted = predictedWrong?.Select(Normalise).Where(p => p.Length > 0).ToList() ?? [];
        if (predicted.Count == 0)
        {
            return new GradingReport([GradingItem.NotDone(name, "list the parameters you expect to be wrong, as [\"W2\", \"b2\"]")]);
        }

        var parameters = check.Entries.Select(entry => Group(entry.Parameter)).Distinct().ToList();
        var items = predicted.Where(p => !parameters.Contains(p, StringComparer.OrdinalIgnoreCase))
            .Select(p => GradingItem.Wrong(p, Mistake.Other, $"{p} is not a parameter of this network: name them as {string.Join(", ", parameters)}"))
            .ToList();
        foreach (var parameter in parameters)
        {
            var saidWrong = predicted.Contains(parameter, StringComparer.OrdinalIgnoreCase);
            var isWrong = check.Entries.Any(entry => Group(entry.Parameter) == parameter && entry.Verdict is GradientVerdict.Wrong or GradientVerdict.Suspicious);
            items.Add(saidWrong == isWrong
                ? GradingItem.Right(parameter, $"{parameter}: {(isWrong ? "wrong" : "right")}, as you predicted")
                : GradingItem.Wrong(parameter, Mistake.WrongPrediction,
                    $"{parameter}: you predicted {(saidWrong ? "wrong" : "right")}, but the check finds it {(isWrong ? "wrong" : "right")}. " +
                    "A bug in one layer's dL_dz reaches that layer's dL_dW and dL_db and every layer below it (the backward pass carries it down), never the layers above"));
        }

        return new GradingReport(items);
    }

    /// <summary><c>W2[0,1]</c> → <c>W2</c>.</summary>
    private static string Group(string parameter) => parameter.Split('[')[0];

    /// <summary><c>" dL_dW2 "</c> → <c>W2</c>.</summary>
    private static string Normalise(string? text)
    {
        var trimmed = (text ?? "").Trim();
        return trimmed.StartsWith("dL_d", StringComparison.OrdinalIgnoreCase) ? trimmed[4..] : trimmed;
    }
}
