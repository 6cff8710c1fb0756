using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// The shape of lesson 2's exercise: the backward pass of layers 2 and 1, given what the forward pass and layer 3
/// computed. A notebook's <c>LayersTwoAndOne</c> method converts to it by name: <c>Exercise.CheckLayersTwoAndOne(LayersTwoAndOne)</c>.
/// </summary>
/// <param name="X">The inputs, samples × features.</param>
/// <param name="z1">Layer 1's pre-activations.</param>
/// <param name="a1">Layer 1's activations, <c>relu(z1)</c>.</param>
/// <param name="z2">Layer 2's pre-activations.</param>
/// <param name="W2">Layer 2's weights.</param>
/// <param name="W3">Layer 3's weights.</param>
/// <param name="dL_dy">The loss's derivative with respect to the predictions.</param>
/// <returns>The student's <c>dL_da2, dL_dz2, dL_dW2, dL_db2, dL_da1, dL_dz1, dL_dW1, dL_db1</c>; null for any not done yet.</returns>
public delegate (Matrix<double>? dL_da2, Matrix<double>? dL_dz2, Matrix<double>? dL_dW2, Vector<double>? dL_db2,
                 Matrix<double>? dL_da1, Matrix<double>? dL_dz1, Matrix<double>? dL_dW1, Vector<double>? dL_db1)
    LayersTwoAndOneFunction(Matrix<double> X, Matrix<double> z1, Matrix<double> a1, Matrix<double> z2, Matrix<double> W2, Matrix<double> W3, Matrix<double> dL_dy);
