namespace Backprop.Grading;

/// <summary>
/// A mistake students make in the backward pass, replayed by <see cref="BackwardTrace"/> so that the grader can
/// recognise a student's numbers. Layers are 0-based here (layer 0 is the notebook's layer 1).
/// </summary>
/// <param name="MseFactor">What multiplies <c>dL_dy</c>: 1 when right, 0.5 when the 2 of the MSE derivative is dropped.</param>
/// <param name="NoReluDerivativeIn">The hidden layer whose <c>relu'(z)</c> is left out (<c>dL_dz = dL_da</c>), or none.</param>
/// <param name="UpdatedEarly">The layers whose weights are updated as soon as their gradient is known, before the layer below uses them.</param>
/// <param name="LearningRate">The learning rate of those early updates.</param>
internal sealed record PlantedMistake(double MseFactor = 1, int? NoReluDerivativeIn = null, IReadOnlyList<int>? UpdatedEarly = null, double LearningRate = 0)
{
    /// <summary>The right backward pass.</summary>
    public static readonly PlantedMistake None = new();

    public bool SkipsReluDerivative(int layer) => NoReluDerivativeIn == layer;

    public bool UpdatesEarly(int layer) => UpdatedEarly?.Contains(layer) == true;
}
