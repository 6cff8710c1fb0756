using System.Text.Json;
using Backprop.Grading;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Grading;

/// <summary>
/// The grader on students' backward passes written in NumPy (Grading/make_student_mistakes.py): the right one
/// passes, and each planted mistake is recognised where it shows, every other item passing.
/// </summary>
public class NumPyStudentTests
{
    private static readonly string[] Below2 = ["dL_dz2", "dL_dW2", "dL_db2", "dL_da1", "dL_dz1", "dL_dW1", "dL_db1", "new W2", "new b2", "new W1", "new b1"];
    private static readonly string[] Below1 = ["dL_dz1", "dL_dW1", "dL_db1", "new W1", "new b1"];
    private static readonly string[] Gradients = ["dL_dW3", "dL_db3", "dL_da2", "dL_dz2", "dL_dW2", "dL_db2", "dL_da1", "dL_dz1", "dL_dW1", "dL_db1"];
    private static readonly string[] Updates = ["new W1", "new b1", "new W2", "new b2", "new W3", "new b3"];

    public static TheoryData<string> Slips() =>
        new(Cases().Select(c => c.GetProperty("slip").GetString()!));

    [Theory]
    [MemberData(nameof(Slips))]
    public void Each_NumPy_students_mistake_is_recognised_where_it_shows(string slip)
    {
        var expected = slip switch
        {
            "none" => [],
            "transposed_W1" => new Dictionary<string, Mistake> { ["dL_dW1"] = Mistake.Transposed, ["new W1"] = Mistake.NotDone },
            "transposed_W2" => new Dictionary<string, Mistake> { ["dL_dW2"] = Mistake.Transposed, ["new W2"] = Mistake.Transposed },
            "no_relu_derivative_2" => Below2.ToDictionary(name => name, _ => Mistake.ReluDerivativeMissing),
            "no_relu_derivative_1" => Below1.ToDictionary(name => name, _ => Mistake.ReluDerivativeMissing),
            "no_factor_two" => Gradients.Concat(Updates).ToDictionary(name => name, _ => Mistake.FactorTwoMissing),
            "wrong_axis" => new Dictionary<string, Mistake>
            {
                ["dL_db1"] = Mistake.WrongAxis,
                ["dL_db2"] = Mistake.WrongAxis,
                ["dL_db3"] = Mistake.WrongAxis,
                ["new b1"] = Mistake.NotDone,
                ["new b2"] = Mistake.NotDone,
                ["new b3"] = Mistake.NotDone,
            },
            "early_update" => Below2.Prepend("dL_da2").ToDictionary(name => name, _ => Mistake.UpdatedTooEarly),
            "wrong_sign" => Gradients.Concat(Updates).ToDictionary(name => name, _ => Mistake.WrongSign),
            _ => throw new ArgumentException($"No expectation for {slip}: add one."),
        };
        var student = Cases().Single(c => c.GetProperty("slip").GetString() == slip);
        var problem = RandomProblem.Original();

        var report = BackwardGrader.Check(problem.Network, problem.X, problem.Y,
            dL_dW: Matrices(student, "dL_dW"), dL_db: Vectors(student, "dL_db"),
            dL_dz: Matrices(student, "dL_dz"), dL_da: Matrices(student, "dL_da"),
            newW: Matrices(student, "new_W"), newB: Vectors(student, "new_b"));

        Assert.Equal(16, report.Items.Count);
        foreach (var item in report.Items)
        {
            var mistake = expected.GetValueOrDefault(item.Name, Mistake.None);
            Assert.True(mistake == item.Mistake, $"{slip}, {item.Name}: expected {mistake}, got {item.Message}");
            Assert.Equal(mistake == Mistake.None, item.Passed);
        }
    }

    private static IEnumerable<JsonElement> Cases() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Grading", "student_mistakes.json")))
            .RootElement.GetProperty("cases").EnumerateArray();

    private static Matrix<double>?[] Matrices(JsonElement student, string name) =>
        student.GetProperty(name).EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Null ? null : NumPyFixtures.Matrix(m)).ToArray();

    private static Vector<double>?[] Vectors(JsonElement student, string name) =>
        student.GetProperty(name).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : NumPyFixtures.Vector(v)).ToArray();
}
