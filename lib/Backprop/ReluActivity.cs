namespace Backprop;

/// <summary>
/// Which ReLU units fire. A unit whose pre-activation is ≤ 0 for every sample outputs 0 for all of them and
/// passes back no gradient (relu'(z) = 0), so it stops learning: a "dead" ReLU.
/// </summary>
public static class ReluActivity
{
    /// <summary>For each hidden layer, a samples × units table: true where <c>z &gt; 0</c>, the unit fired.</summary>
    public static IReadOnlyList<bool[,]> ActiveUnits(ForwardPass forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        var hidden = forward.PreActivations.Take(forward.PreActivations.Count - 1);
        return hidden.Select(z =>
        {
            var active = new bool[z.RowCount, z.ColumnCount];
            for (var sample = 0; sample < z.RowCount; sample++)
            {
                for (var unit = 0; unit < z.ColumnCount; unit++)
                {
                    active[sample, unit] = z[sample, unit] > 0;
                }
            }

            return active;
        }).ToArray();
    }

    /// <summary>The hidden units that fire for no sample at all, as (layer, unit), both 0-based.</summary>
    public static IReadOnlyList<(int Layer, int Unit)> DeadUnits(ForwardPass forward)
    {
        var layers = ActiveUnits(forward);
        return layers.SelectMany((active, layer) => DeadUnitsOf(active).Select(unit => (layer, unit))).ToArray();
    }

    /// <summary>The units (columns, 0-based) of one layer's samples × units table that fire for no sample.</summary>
    public static IReadOnlyList<int> DeadUnitsOf(bool[,] active)
    {
        ArgumentNullException.ThrowIfNull(active);
        return Enumerable.Range(0, active.GetLength(1))
            .Where(unit => !Enumerable.Range(0, active.GetLength(0)).Any(sample => active[sample, unit]))
            .ToArray();
    }

    /// <summary>Number of hidden units in the network (0 for a network without hidden layers).</summary>
    public static int HiddenUnitCount(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.LayerSizes.Skip(1).Take(network.LayerSizes.Count - 2).Sum();
    }
}
