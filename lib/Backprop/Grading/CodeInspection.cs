using System.Reflection;
using System.Reflection.Emit;

namespace Backprop.Grading;

/// <summary>
/// Reads a student's compiled code (its IL) before it runs, for the two things that would end the kernel and that no
/// <c>try</c>/<c>catch</c> can stop: a recursion that never ends (.NET ends the process on a stack overflow) and a
/// call to <c>Environment.Exit</c> or <c>Environment.FailFast</c>.
/// </summary>
/// <remarks>
/// It follows every call, <c>new</c> and method reference (<c>ldftn</c>: a lambda or method group handed on) from the
/// student's function into the student's own code: the function's assembly, and any assembly loaded from memory
/// rather than a file (how notebook kernels load each cell's code) that is not a library (strong-named, or Backprop's). It refuses a function that can reach
/// itself, or any method that can reach itself, naming the cycle; these exercises need no recursion. Calls into
/// libraries (.NET, MathNet, Backprop) are not followed. What it cannot see: a call through a delegate held in a
/// variable (<c>f = x => f(x)</c>), a virtual or interface call that lands in an override the student wrote, and
/// reflection. Where IL cannot be read (Native AOT, a <c>DynamicMethod</c>), it checks nothing.
/// </remarks>
internal static class CodeInspection
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(opCode => opCode.Value);

    /// <summary>Why <paramref name="function"/> must not run (and which mistake that is), or null when nothing was found.</summary>
    public static (Mistake Mistake, string Message)? Refusal(Delegate function, string name)
    {
        foreach (var part in function.GetInvocationList())
        {
            var found = new Walk(part.Method).Problem();
            if (found is not null)
            {
                return found.Value.Kind switch
                {
                    Mistake.EndsTheKernel => (Mistake.EndsTheKernel,
                        $"{name} was not run: {Path(found.Value.Path)} calls Environment.{found.Value.Path[^1].Name}, which would end the kernel and lose every variable; remove that call (a function hands back its result with return)"),
                    _ => (Mistake.Recursion,
                        $"{name} was not run: it can call itself ({Path(found.Value.Path)}), and a recursion that never stops would end the kernel (.NET cannot catch a stack overflow); these exercises need no recursion, so write it without"),
                };
            }
        }

        return null;
    }

    private static string Path(IReadOnlyList<MethodBase> path) =>
        string.Join(" → ", path.Where(method => method.DeclaringType != typeof(Environment)).Select(method => StudentNames.Describe(method.Name)));

    /// <summary>Methods called, constructed or referenced by <paramref name="method"/>'s body; nothing when its IL can't be read.</summary>
    internal static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or BadImageFormatException)
        {
            yield break;
        }

        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE && position < il.Length)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            if (!OpCodesByValue.TryGetValue(value, out var opCode))
            {
                yield break;  // not IL as we know it: stop rather than misread
            }

            var operandStart = position;
            position += OperandSize(opCode.OperandType, il, position);
            if (opCode.OperandType == OperandType.InlineMethod && operandStart + 4 <= il.Length)
            {
                var callee = Resolve(method.Module, BitConverter.ToInt32(il, operandStart), typeArguments, methodArguments);
                if (callee is not null)
                {
                    yield return callee;
                }
            }
        }
    }

    private static MethodBase? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMethod(token, typeArguments, methodArguments);
        }
        catch (Exception exception) when (exception is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException or FileNotFoundException)
        {
            return null;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => position + 4 <= il.Length ? 4 + (4 * BitConverter.ToInt32(il, position)) : il.Length,
        _ => 4,
    };

    /// <summary>A depth-first walk of the student's call graph from one method, remembering the path it is on.</summary>
    private sealed class Walk(MethodInfo start)
    {
        private readonly Assembly _studentAssembly = start.Module.Assembly;
        private readonly HashSet<(Module, int)> _done = [];
        private readonly List<MethodBase> _path = [];

        public (Mistake Kind, IReadOnlyList<MethodBase> Path)? Problem() => Visit(start);

        private (Mistake, IReadOnlyList<MethodBase>)? Visit(MethodBase method)
        {
            _path.Add(method);
            foreach (var callee in Callees(method))
            {
                if (callee.DeclaringType == typeof(Environment) && callee.Name is nameof(Environment.Exit) or nameof(Environment.FailFast))
                {
                    return (Mistake.EndsTheKernel, [.. _path, callee]);
                }

                if (!IsStudentCode(callee))
                {
                    continue;
                }

                var onPath = _path.FindIndex(step => Key(step) == Key(callee));
                if (onPath >= 0)
                {
                    return (Mistake.Recursion, [.. _path.Skip(onPath), callee]);
                }

                if (!_done.Contains(Key(callee)))
                {
                    var found = Visit(callee);
                    if (found is not null)
                    {
                        return found;
                    }
                }
            }

            _done.Add(Key(method));
            _path.RemoveAt(_path.Count - 1);
            return null;
        }

        /// <summary>
        /// The function's own assembly, or one loaded from memory (as a kernel loads each cell) that is not a
        /// library: libraries are strong-named (.NET, MathNet) or ours (Backprop.*). In the browser every assembly
        /// comes from memory, so the test of a name is what keeps the walk out of the libraries there.
        /// </summary>
        private bool IsStudentCode(MethodBase method)
        {
            var assembly = method.Module.Assembly;
            if (assembly == _studentAssembly)
            {
                return true;
            }

            var name = assembly.GetName();
            return !assembly.IsDynamic && string.IsNullOrEmpty(assembly.Location)
                && name.GetPublicKeyToken() is not { Length: > 0 }
                && name.Name?.StartsWith(nameof(Backprop), StringComparison.Ordinal) != true;
        }

        private static (Module, int) Key(MethodBase method) => (method.Module, method.MetadataToken);
    }
}
