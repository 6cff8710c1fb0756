namespace Backprop.Grading;

/// <summary>What the grader recognised in a student's value: nothing (it is right), or which mistake.</summary>
public enum Mistake
{
    /// <summary>The value is right.</summary>
    None,

    /// <summary>Nothing there yet: null, empty, or a function that throws <see cref="NotImplementedException"/>.</summary>
    NotDone,

    /// <summary>The shape is wrong, and not simply transposed.</summary>
    WrongShape,

    /// <summary>The value is the transpose of the right one, or has the transposed shape: a <c>.T</c> is missing or extra.</summary>
    Transposed,

    /// <summary>It matches the backward pass with <c>relu'(z)</c> left out of one layer.</summary>
    ReluDerivativeMissing,

    /// <summary>It is exactly half the right value: the 2 of the MSE derivative is dropped.</summary>
    FactorTwoMissing,

    /// <summary>A bias gradient summed over the units instead of the samples (one value per sample).</summary>
    WrongAxis,

    /// <summary>It matches gradients computed with a weight that was already updated.</summary>
    UpdatedTooEarly,

    /// <summary>It is exactly −1 times the right value.</summary>
    WrongSign,

    /// <summary>An update without the learning rate: <c>W -= dL_dW</c>.</summary>
    LearningRateMissing,

    /// <summary>A parameter that should have changed in the update did not.</summary>
    NotUpdated,

    /// <summary>A ReLU derivative that returns <c>relu(x) = max(0, x)</c> where it should return 1.</summary>
    ReluInsteadOfDerivative,

    /// <summary>A ReLU derivative that is 1 at exactly 0, as <c>x &gt;= 0</c> gives; the original takes 0 there.</summary>
    KinkAtZero,

    /// <summary>An MSE derivative not divided by the number of entries, or divided by something else.</summary>
    WrongDivisor,

    /// <summary>A student's function changed the matrix it was given.</summary>
    ChangesItsInput,

    /// <summary>A student's function threw an exception.</summary>
    Threw,

    /// <summary>A planted-bug prediction that disagrees with the gradient check.</summary>
    WrongPrediction,

    /// <summary>A function that returned null where a value was due.</summary>
    ReturnedNull,

    /// <summary>A value that holds a NaN or an infinity.</summary>
    NotANumber,

    /// <summary>A function that returns its input unchanged (<c>return x;</c>).</summary>
    ReturnsItsInput,

    /// <summary>An integer division that rounds to 0 (<c>2 / size</c> with an <c>int size</c>), seen as a result of all zeros.</summary>
    IntegerDivision,

    /// <summary>A function that did not finish within <see cref="StudentCode.TimeLimit"/>: most likely an endless loop.</summary>
    TimedOut,

    /// <summary>A function that can call itself: it was not run, as a recursion that never stops would end the kernel.</summary>
    Recursion,

    /// <summary>A function that calls <c>Environment.Exit</c> or <c>Environment.FailFast</c>: it was not run, as it would end the kernel.</summary>
    EndsTheKernel,

    /// <summary>An answer that is not written in the form the exercise asks for (<c>W1[0,1]</c>, one letter, a multiple of 0.01).</summary>
    WrongForm,

    /// <summary>A line that reports what happened (a training run, say) rather than grading anything; it counts as passed.</summary>
    Note,

    /// <summary>Wrong, and not one of the mistakes the grader knows.</summary>
    Other,
}
