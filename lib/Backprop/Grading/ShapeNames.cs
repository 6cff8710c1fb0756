using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Grading;

/// <summary>
/// The matrices a grader hands a student's function, and the products the exercise asks for, by the lesson's names,
/// so that a shape error reads <c>dL_dy (10×1) * W3 (3×1) don't fit: did you mean W3.Transpose()?</c> instead of
/// MathNet's <c>Matrix dimensions must agree: op1 is 10x1, op2 is 3x1</c>.
/// </summary>
internal sealed partial class ShapeNames
{
    private readonly List<(string Name, int Rows, int Columns)> _operands = [];
    private readonly List<KnownProduct> _products = [];

    /// <summary>No names known: errors name shapes only.</summary>
    public static ShapeNames None => new();

    /// <summary>A matrix the student's code may use, by its name.</summary>
    public ShapeNames Operand(string name, Matrix<double> value) => Operand(name, value.RowCount, value.ColumnCount);

    /// <summary>A matrix the student's code may use or compute, by its name and shape.</summary>
    public ShapeNames Operand(string name, int rows, int columns)
    {
        _operands.Add((name, rows, columns));
        return this;
    }

    /// <summary>
    /// A product the exercise asks for, as the lesson writes it: <c>dL_da2 = dL_dy @ W3.T</c> is
    /// <c>Product("dL_da2 = dL_dy @ W3.T", "dL_dy", false, "W3", true)</c>; both operands must be known.
    /// </summary>
    public ShapeNames Product(string formula, string left, bool leftTransposed, string right, bool rightTransposed)
    {
        _products.Add(new KnownProduct(formula, left, leftTransposed, right, rightTransposed, Elementwise: false));
        return this;
    }

    /// <summary>An entry-by-entry product the exercise asks for: <c>dL_dz2 = dL_da2 * relu_derivative(z2)</c>.</summary>
    public ShapeNames Elementwise(string formula, string left, string right)
    {
        _products.Add(new KnownProduct(formula, left, false, right, false, Elementwise: true));
        return this;
    }

    /// <summary>
    /// What a MathNet shape error means in the lesson's names, or null when <paramref name="exception"/> is not one
    /// (MathNet says <c>Matrix dimensions must agree: op1 is 10x1, op2 is 3x1</c> and nothing of the operation).
    /// </summary>
    public string? Explain(Exception exception)
    {
        var match = Dimensions().Match(exception.Message);
        if (exception is not ArgumentException || !match.Success)
        {
            return null;
        }

        int Read(string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var left = new Shape(Read("r1"), Read("c1"));
        var right = new Shape(Read("r2"), Read("c2"));
        var operation = OperationOf(exception);
        return operation switch
        {
            "*" => Multiplication(left, right),
            null => $"the shapes {left} and {right} don't fit together",
            _ => EntryByEntry(operation, left, right),
        };
    }

    private string Multiplication(Shape left, Shape right)
    {
        var product = _products.FirstOrDefault(p => !p.Elementwise && Fits(p.Left, left) && Fits(p.Right, right));
        if (product is not null)
        {
            var (leftName, rightName) = ($"{product.Left} ({left})", $"{product.Right} ({right})");
            var meant = $"{Written(product.Left, product.LeftTransposed)} * {Written(product.Right, product.RightTransposed)}";
            return $"{leftName} * {rightName} don't fit: did you mean {meant}? ({product.Formula})";
        }

        var swapped = _products.FirstOrDefault(p => !p.Elementwise && Fits(p.Left, right) && Fits(p.Right, left));
        if (swapped is not null)
        {
            return $"{Name(left)} * {Name(right)} don't fit: the order matters, did you mean " +
                $"{Written(swapped.Left, swapped.LeftTransposed)} * {Written(swapped.Right, swapped.RightTransposed)}? ({swapped.Formula})";
        }

        var pointwise = _products.FirstOrDefault(p => p.Elementwise && Fits(p.Left, left) && Fits(p.Right, right));
        var sentence = $"{Name(left)} * {Name(right)} don't fit";
        if (pointwise is not null || left == right)
        {
            var formula = pointwise is null ? "" : $" ({pointwise.Formula})";
            return $"{sentence}: * is the matrix product; to multiply entry by entry, write a.PointwiseMultiply(b){formula}";
        }

        if (left.Columns == right.Columns)
        {
            return $"{sentence}: did you mean {Written(NameOnly(right), transposed: true)}? A product needs as many columns on the left as rows on the right";
        }

        if (left.Rows == right.Rows)
        {
            return $"{sentence}: did you mean {Written(NameOnly(left), transposed: true)} * {NameOnly(right)}? A product needs as many columns on the left as rows on the right";
        }

        return $"{sentence}: a product needs as many columns on the left ({left.Columns}) as rows on the right ({right.Rows})";
    }

    private string EntryByEntry(string operation, Shape left, Shape right)
    {
        var sentence = $"{Name(left)} {operation} {Name(right)} don't fit: {operation} needs two matrices of the same shape";
        return left == right.Transposed ? $"{sentence}; did you mean {Written(NameOnly(right), transposed: true)}?" : sentence;
    }

    /// <summary>True when the operand named <paramref name="name"/> has this shape.</summary>
    private bool Fits(string name, Shape shape) => _operands.Any(operand => operand.Name == name && new Shape(operand.Rows, operand.Columns) == shape);

    /// <summary><c>dL_dy (10×1)</c> when one known matrix has that shape, else <c>a 10×1 matrix</c>.</summary>
    private string Name(Shape shape) => Unique(shape) is { } name ? $"{name} ({shape})" : $"a {shape} matrix";

    /// <summary><c>W3</c> when one known matrix has that shape, else <c>the 3×1 matrix</c>.</summary>
    private string NameOnly(Shape shape) => Unique(shape) ?? $"the {shape} matrix";

    private string? Unique(Shape shape)
    {
        var names = _operands.Where(operand => new Shape(operand.Rows, operand.Columns) == shape).Select(operand => operand.Name).Distinct().ToList();
        return names.Count == 1 ? names[0] : null;
    }

    private static string Written(string name, bool transposed) => transposed ? $"{name}.Transpose()" : name;

    /// <summary>
    /// The operation the student wrote, from the outermost MathNet frame of the stack: <c>*</c> for the matrix
    /// product, <c>+</c>, <c>-</c> or <c>.PointwiseMultiply</c>; null when it can't be told.
    /// </summary>
    private static string? OperationOf(Exception exception)
    {
        var mathNet = typeof(Matrix<double>).Assembly;
        var outermost = new StackTrace(exception, fNeedFileInfo: false).GetFrames()
            .Select(frame => frame.GetMethod())
            .TakeWhile(method => method?.DeclaringType?.Assembly == mathNet)
            .LastOrDefault();
        return outermost?.Name switch
        {
            "op_Multiply" or "Multiply" or "TransposeThisAndMultiply" or "TransposeAndMultiply" => outermost.DeclaringType?.Name.StartsWith("Matrix", StringComparison.Ordinal) == true ? "*" : null,
            "op_Addition" or "Add" => "+",
            "op_Subtraction" or "Subtract" => "-",
            "PointwiseMultiply" => ".PointwiseMultiply",
            "PointwiseDivide" => ".PointwiseDivide",
            _ => null,
        };
    }

    [GeneratedRegex(@"op1 is (?<r1>\d+)x(?<c1>\d+), op2 is (?<r2>\d+)x(?<c2>\d+)")]
    private static partial Regex Dimensions();

    private sealed record KnownProduct(string Formula, string Left, bool LeftTransposed, string Right, bool RightTransposed, bool Elementwise);

    private readonly record struct Shape(int Rows, int Columns)
    {
        public Shape Transposed => new(Columns, Rows);

        public override string ToString() => $"{Rows}×{Columns}";
    }
}
