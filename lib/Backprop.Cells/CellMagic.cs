namespace Backprop.Cells;

/// <summary>What a magic line asks the kernel for.</summary>
public enum CellMagicKind
{
    /// <summary><c>#!import setup.dib</c>: the lessons' setup (packages, libraries, formatters).</summary>
    ImportSetup,

    /// <summary><c>#r "nuget: Name, Version"</c>: a NuGet package.</summary>
    NuGetPackage,

    /// <summary><c>#r "path/to/library.dll"</c>: a library file.</summary>
    Reference,

    /// <summary>Any other kernel command (<c>#!time</c>, <c>#!import other.dib</c>, <c>#i</c>, …).</summary>
    Other,
}

/// <summary>One magic line of a cell (see <see cref="CellCode.Magics"/>).</summary>
/// <param name="Line">Its line in the cell, from 0.</param>
/// <param name="Text">The line, trimmed.</param>
/// <param name="Kind">What it asks for.</param>
/// <param name="Package">For a NuGet package, its name; otherwise null.</param>
/// <param name="Version">For a NuGet package, its version as written (null when the line gives none).</param>
public sealed record CellMagic(int Line, string Text, CellMagicKind Kind, string? Package = null, string? Version = null)
{
    /// <summary>The setup file every lesson's first cell imports.</summary>
    public const string SetupFile = "setup.dib";

    private const string NuGetPrefix = "nuget:";

    internal static CellMagic Of(int line, string text)
    {
        if (text == $"#!import {SetupFile}")
        {
            return new(line, text, CellMagicKind.ImportSetup);
        }

        if (text.StartsWith("#r ", StringComparison.Ordinal) && text.Length > 4 && text[3..].Trim() is ['"', .. var quoted, '"'])
        {
            if (!quoted.StartsWith(NuGetPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return new(line, text, CellMagicKind.Reference);
            }

            var parts = quoted[NuGetPrefix.Length..].Split(',', StringSplitOptions.TrimEntries);
            return parts.Length <= 2 && parts[0].Length > 0
                ? new(line, text, CellMagicKind.NuGetPackage, parts[0], parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null)
                : new(line, text, CellMagicKind.Other);
        }

        return new(line, text, CellMagicKind.Other);
    }
}
