using System.Text.RegularExpressions;

namespace Backprop.Grading;

/// <summary>
/// The names a student gave their function and its parameters, read from the delegate, so that messages say
/// <c>my_relu_derivative</c> when that is what the student wrote.
/// </summary>
internal static partial class StudentNames
{
    /// <summary>
    /// The function's own name: a notebook's top-level method keeps its name; a local function's compiled name
    /// (<c>&lt;Outer&gt;g__name|0_0</c>) gives back <c>name</c>; a lambda has none, and gets <paramref name="fallback"/>.
    /// </summary>
    public static string Of(Delegate? function, string fallback) => function is null ? fallback : Readable(function.Method.Name) ?? fallback;

    /// <summary>The name of parameter <paramref name="index"/>, or <paramref name="fallback"/> when it has none.</summary>
    public static string Parameter(Delegate? function, int index, string fallback)
    {
        var parameters = function?.Method.GetParameters() ?? [];
        return index < parameters.Length && parameters[index].Name is { Length: > 0 } name && !name.Contains('<') ? name : fallback;
    }

    /// <summary>A method's name as its author wrote it, or null for a lambda or other compiler-made method.</summary>
    public static string? Readable(string methodName)
    {
        if (!methodName.Contains('<'))
        {
            return methodName;
        }

        var local = LocalFunction().Match(methodName);
        return local.Success ? local.Groups["name"].Value : null;
    }

    /// <summary>A method for a message: its name, or "a lambda in Outer".</summary>
    public static string Describe(string methodName)
    {
        var readable = Readable(methodName);
        if (readable is not null)
        {
            return readable;
        }

        var lambda = Lambda().Match(methodName);
        return lambda.Success && lambda.Groups["outer"].Value.Length > 0 ? $"a lambda in {Readable(lambda.Groups["outer"].Value) ?? "it"}" : "a lambda";
    }

    [GeneratedRegex(@"^<[^>]*>g__(?<name>[^|]+)\|")]
    private static partial Regex LocalFunction();

    [GeneratedRegex(@"^<(?<outer>[^>]*)>b__")]
    private static partial Regex Lambda();
}
