using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backprop.Cells;

/// <summary>Compiler messages as the .NET Interactive kernel shows them.</summary>
public static class CellDiagnostics
{
    /// <summary>
    /// <paramref name="diagnostic"/> as one line, its position counted from 1 in the cell, in English:
    /// <c>(3,19): error CS0103: The name 'z' does not exist in the current context</c>.
    /// </summary>
    public static string Format(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return CSharpDiagnosticFormatter.Instance.Format(diagnostic, CultureInfo.InvariantCulture);
    }
}
