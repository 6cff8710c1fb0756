// 04-autograd: generated from 04-autograd.ipynb by `dotnet run notebooks/lessons.cs -- twins`. Do not edit: edit the
// notebook, then run that command. The whole lesson without notebook tooling (.NET 10 SDK), from the repository root:
//
//     dotnet run notebooks/04-autograd.cs                   prints the lesson's lines, writes notebooks/out/04-autograd.ipynb and .html
//     dotnet run notebooks/04-autograd.cs -- --out FOLDER   writes them to FOLDER instead
//
// Standard output gets exactly what the lesson prints; standard error says where the lesson went.
// Each Lesson.Cell(n) line marks where cell n of the notebook starts.
#:project ../lib/Backprop.Notebooks.Tools/Backprop.Notebooks.Tools.csproj

using System.Globalization;
using Backprop;
using Backprop.Charts;
using Backprop.Files;
using Backprop.Grading;
using Backprop.Notebooks;
using Backprop.Pictures;
using MathNet.Numerics.LinearAlgebra;
using static Backprop.Notebooks.Lesson;

Lesson.Start("04-autograd.ipynb", args);

Lesson.Cell(4);


Lesson.Cell(5);
/// <summary>A number that remembers how it was computed, so that it can pass its gradient back to its inputs.</summary>

Lesson.Cell(7);
var a = new Value(2, "a");
var b = new Value(-3, "b");
var c = new Value(10, "c");
var L = (a * b + c).Relu();
L.Backward();

Console.WriteLine($"L = {L.Data}; dL/da = {a.Grad}, dL/db = {b.Grad}, dL/dc = {c.Grad}");
display(ValueGraphPicture.Draw(L, "L = relu(a·b + c): data (green) forward, grad (red) backward"));

Lesson.Cell(9);
var (network, X, y) = RandomProblem.Original();

// Each parameter as a grid of named Values: W[k][i, j] is W{k+1}[i,j], bias[k][j] is b{k+1}[j].
Value[][,] W = network.Weights.Select((w, k) => new Value[w.RowCount, w.ColumnCount]).ToArray();
Value[][] bias = network.Biases.Select(bias => new Value[bias.Count]).ToArray();

void NewParameters()
{
    for (var k = 0; k < network.LayerCount; k++)
    {
        for (var i = 0; i < W[k].GetLength(0); i++)
            for (var j = 0; j < W[k].GetLength(1); j++)
                W[k][i, j] = new Value(network.Weights[k][i, j], $"W{k + 1}[{i},{j}]");
        for (var j = 0; j < bias[k].Length; j++)
            bias[k][j] = new Value(network.Biases[k][j], $"b{k + 1}[{j}]");
    }
}

// One layer: z_j = sum_i a_i * W[i, j] + b_j, then relu for hidden layers.
Value[] Layer(Value[] a, Value[,] Wk, Value[] bk, bool relu) =>
    Enumerable.Range(0, bk.Length)
        .Select(j => Value.Sum(Enumerable.Range(0, a.Length).Select(i => a[i] * Wk[i, j]).Append(bk[j])))
        .Select(z => relu ? z.Relu() : z)
        .ToArray();

// The prediction for sample s: x → layer 1 → layer 2 → layer 3 (linear).
Value Predict(int s)
{
    Value[] a = Enumerable.Range(0, X.ColumnCount).Select(i => new Value(X[s, i], $"x{s}[{i}]")).ToArray();
    for (var k = 0; k < network.LayerCount; k++)
        a = Layer(a, W[k], bias[k], relu: k < network.LayerCount - 1);
    return a[0];
}

// L = (1/n) * sum over the samples of (y_pred - y)²: the mean squared error, built from Values.
Value MseLoss(IEnumerable<int> samples)
{
    int[] chosen = samples.ToArray();
    return new Value(1.0 / chosen.Length, "1/n") * Value.Sum(chosen.Select(s => (Predict(s) - new Value(y[s, 0], $"y{s}")).Square()));
}

NewParameters();
var loss1 = MseLoss([1]);   // sample 1 only
loss1.Backward();
var (X1, y1) = (X.SubMatrix(1, 1, 0, X.ColumnCount), y.SubMatrix(1, 1, 0, 1));   // sample 1 as a 1-row batch
Console.WriteLine($"Sample 1: autograd's loss {loss1.Data:F6}, the library's network.LossOn {network.LossOn(X1, y1):F6}");

Lesson.Cell(11);
display(ValueGraphPicture.Draw(loss1, "The 3-2-2-1 network on sample 1, one Value per number: data (green), grad (red)"));

Lesson.Cell(13);
// Autograd's gradients, in the library's shapes: dL_dW{k+1}[i, j] = W[k][i, j].Grad.
Gradients AutogradGradients() => Gradients.Of(network,
    W.Select(Wk => Matrix<double>.Build.Dense(Wk.GetLength(0), Wk.GetLength(1), (i, j) => Wk[i, j].Grad)).ToArray(),
    bias.Select(bk => Vector<double>.Build.Dense(bk.Length, j => bk[j].Grad)).ToArray());

// The largest difference between two sets of gradients, over every weight and bias.
double LargestDifference(Gradients first, Gradients second) =>
    first.Weights.Zip(second.Weights, (p, q) => (p - q).Enumerate().Max(Math.Abs))
        .Concat(first.Biases.Zip(second.Biases, (p, q) => (p - q).Enumerate().Max(Math.Abs)))
        .Max();

var byAutograd = AutogradGradients();
var byBackward = network.Backward(network.Forward(X1), y1);
Console.WriteLine($"Sample 1: largest difference between autograd and Network.Backward: {LargestDifference(byAutograd, byBackward):G3}");

display(Show.Matrices(("dL_dW1 autograd", byAutograd.Weights[0]), ("dL_dW1 Network.Backward", byBackward.Weights[0]),
              ("dL_dW2 autograd", byAutograd.Weights[1]), ("dL_dW2 Network.Backward", byBackward.Weights[1]),
              ("dL_dW3 autograd", byAutograd.Weights[2]), ("dL_dW3 Network.Backward", byBackward.Weights[2])));

Lesson.Cell(15);
NewParameters();                          // fresh parameters, so that nothing from sample 1's graph is reused
var loss = MseLoss(Enumerable.Range(0, X.RowCount));
loss.Backward();

var fullBatch = network.Backward(network.Forward(X), y);
var byAutogradBatch = AutogradGradients();
Console.WriteLine($"All 10 samples: autograd's loss {loss.Data:F6}, network.LossOn {network.LossOn(X, y):F6} (lesson 1's epoch 0: 0.0736)");
Console.WriteLine($"All 10 samples: largest difference between autograd and Network.Backward: {LargestDifference(byAutogradBatch, fullBatch):G3}");

display(Show.Matrices(("dL_dW1 autograd", byAutogradBatch.Weights[0]), ("dL_dW1 Network.Backward", fullBatch.Weights[0]),
              ("dL_db1 autograd", byAutogradBatch.Biases[0]), ("dL_db1 Network.Backward", fullBatch.Biases[0])));

Lesson.Cell(17);
int CountValues(Value output)
{
    var seen = new HashSet<Value>();
    void Visit(Value v) { if (seen.Add(v)) foreach (var input in v.Inputs) Visit(input); }
    Visit(output);
    return seen.Count;
}

Console.WriteLine($"Values in the graph: {CountValues(loss1)} for sample 1, {CountValues(loss)} for all 10 samples");

Lesson.Cell(19);
string[] zeroGradients = [];  // TODO: the names of the parameters whose gradient is exactly 0 for sample 1

Lesson.Cell(20);
// Rebuild sample 1's graph and compare the listed names with the parameters whose gradient is exactly 0.
NewParameters();
MseLoss([1]).Backward();
var parameters = W.SelectMany(Wk => Wk.Cast<Value>()).Concat(bias.SelectMany(bk => bk)).ToList();
var zero = parameters.Where(p => p.Grad == 0).Select(p => p.Label).ToHashSet();
var listed = zeroGradients.Select(name => name.Trim()).ToHashSet();
var unknown = listed.Where(name => parameters.All(p => p.Label != name)).ToList();

string[] report = listed.Count == 0
    ? ["○ zeroGradients: not done yet; list the parameters whose gradient is 0"]
    : [
        unknown.Count == 0 ? "✔ every name is a parameter" : $"✘ not parameters: {string.Join(", ", unknown)} — write them as the picture does, W1[0,1], b2[0]",
        zero.All(listed.Contains) ? "✔ you found every zero gradient" : $"✘ {zero.Count(name => !listed.Contains(name))} zero gradient(s) missing — a unit that is off blocks the gradient of its incoming weights and its bias",
        listed.All(name => zero.Contains(name) || unknown.Contains(name)) ? "✔ nothing listed that has a gradient"
            : $"✘ these have a gradient: {string.Join(", ", listed.Where(name => !zero.Contains(name) && !unknown.Contains(name)))} — only the weights into and out of an off unit, and its bias, get exactly 0",
      ];
display(string.Join("\n", report));

Lesson.Cell(23);
Value? LeakyRelu(Value z) => null;  // TODO: z above 0, 0.01 * z below, from Relu, +, -, * and constants

Lesson.Cell(24);
string CheckLeakyRelu(double input)
{
    var z = new Value(input, "z");
    var output = LeakyRelu(z);
    if (output is null)
        return $"○ LeakyRelu({input}): not done yet; return a Value built from z";
    output.Backward();
    double wanted = input > 0 ? input : 0.01 * input, slope = input > 0 ? 1 : 0.01;
    if (Math.Abs(output.Data - wanted) > 1e-12)
        return $"✘ LeakyRelu({input}) is {output.Data:G4}, should be {wanted:G4} — {(input > 0 ? "above 0 it is z itself" : "below 0 it is 0.01 · z")}";
    if (Math.Abs(z.Grad - slope) > 1e-12)
        return $"✘ LeakyRelu({input}) is right, but dL/dz is {z.Grad:G4}, should be {slope} — build the output from z, not from z.Data";
    return $"✔ LeakyRelu({input}) = {output.Data:G4}, slope {z.Grad:G4}";
}

display(string.Join("\n", new[] { -2, -0.5, 0.5, 3 }.Select(CheckLeakyRelu)));

Lesson.End();

// The lesson's types (a C# program declares them after its statements).
public sealed class Value : IGraphValue
{
    private readonly Value[] _inputs;
    private Action _backward = () => { };  // the local backward rule: adds this number's share of the gradient to each input's

    /// <summary>An input, a parameter or a constant: a number that was not computed from others.</summary>
    public Value(double data, string label = "") : this(data, "", [], label) { }

    private Value(double data, string operation, Value[] inputs, string label = "")
    {
        Data = data;
        Operation = operation;
        _inputs = inputs;
        Label = label;
    }

    /// <summary>The number itself.</summary>
    public double Data { get; }

    /// <summary>dL/d(this number); 0 until <see cref="Backward"/> runs.</summary>
    public double Grad { get; private set; }

    /// <summary>A name for the picture, such as W1[0,0].</summary>
    public string Label { get; }

    /// <summary>The operation that made this number: "+", "-", "*", "relu", "²"; "" for an input or parameter.</summary>
    public string Operation { get; }

    /// <summary>The numbers the operation took.</summary>
    public IReadOnlyList<Value> Inputs => _inputs;

    IEnumerable<IGraphValue> IGraphValue.Inputs => _inputs;

    public static implicit operator Value(double constant) => new(constant);

    public static Value operator +(Value a, Value b)
    {
        var c = new Value(a.Data + b.Data, "+", [a, b]);
        c._backward = () => { a.Grad += c.Grad; b.Grad += c.Grad; };
        return c;
    }

    public static Value operator -(Value a, Value b)
    {
        var c = new Value(a.Data - b.Data, "-", [a, b]);
        c._backward = () => { a.Grad += c.Grad; b.Grad -= c.Grad; };
        return c;
    }

    public static Value operator *(Value a, Value b)
    {
        var c = new Value(a.Data * b.Data, "*", [a, b]);
        c._backward = () => { a.Grad += b.Data * c.Grad; b.Grad += a.Data * c.Grad; };
        return c;
    }

    /// <summary>max(0, this): the ReLU.</summary>
    public Value Relu()
    {
        var c = new Value(Math.Max(0, Data), "relu", [this]);
        c._backward = () => Grad += (Data > 0 ? 1 : 0) * c.Grad;
        return c;
    }

    /// <summary>this²: what the squared error needs.</summary>
    public Value Square()
    {
        var c = new Value(Data * Data, "²", [this]);
        c._backward = () => Grad += 2 * Data * c.Grad;
        return c;
    }

    /// <summary>v₁ + v₂ + … + vₙ as one operation, so that a sum of many terms is one node in the graph.</summary>
    public static Value Sum(IEnumerable<Value> terms)
    {
        Value[] inputs = terms.ToArray();
        var c = new Value(inputs.Sum(term => term.Data), "+", inputs);
        c._backward = () => { foreach (var term in inputs) term.Grad += c.Grad; };
        return c;
    }

    /// <summary>
    /// Fills in dL/d(every number this one depends on), for L = this number: its own gradient is 1, and then each
    /// number, from the last computed to the first, passes its gradient back to its inputs with its local rule.
    /// </summary>
    public void Backward()
    {
        var order = new List<Value>();          // every number, each after all of its inputs (topological order)
        var visited = new HashSet<Value>();
        void Visit(Value v)
        {
            if (!visited.Add(v)) return;
            foreach (var input in v._inputs) Visit(input);
            order.Add(v);
        }

        Visit(this);
        foreach (var v in order) v.Grad = 0;    // start from nothing, so Backward can run again
        Grad = 1;                               // dL/dL
        for (var i = order.Count - 1; i >= 0; i--)
            order[i]._backward();               // a number's gradient is complete before it passes it on
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Value({(Label.Length > 0 ? Label + ": " : "")}data {Data:G4}, grad {Grad:G4})");
}
