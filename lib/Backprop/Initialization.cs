namespace Backprop;

/// <summary>How a network's first weights are drawn. Biases always start at zero.</summary>
public enum Initialization
{
    /// <summary>Standard normals, as the original notebook: <c>W = np.random.randn(n_in, n_out)</c>.</summary>
    Randn,

    /// <summary>
    /// He initialization: the same standard normals times <c>sqrt(2 / n_in)</c>, which keeps the size of
    /// ReLU activations steady from layer to layer in wide or deep networks.
    /// </summary>
    He,
}
