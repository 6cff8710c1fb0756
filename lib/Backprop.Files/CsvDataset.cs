using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Files;

/// <summary>
/// Reads a data set from a CSV file with a header row: one column is the target <c>y</c>, every other column is
/// a feature of <c>X</c>, in file order.
/// </summary>
/// <remarks>
/// Numbers are read the same way on every machine (a dot as the decimal separator, whatever the culture).
/// The file may start with a UTF-8 byte order mark, use CRLF or LF line endings, quote fields, pad them with
/// spaces and end with blank lines. Anything else that is not a finite number in every cell is rejected with
/// the line and column, before any training starts.
/// </remarks>
public static class CsvDataset
{
    /// <summary>Loads <paramref name="path"/>, taking <paramref name="targetColumn"/> as y.</summary>
    /// <exception cref="InvalidInputException">The file is missing, empty or malformed, or the column does not exist.</exception>
    public static Dataset Load(string path, string targetColumn)
    {
        return ReadFile(path, reader => Read(reader, targetColumn, Path.GetFileName(path)));
    }

    /// <summary>Loads every column of <paramref name="path"/> as a feature (for predictions, where there is no target).</summary>
    /// <exception cref="InvalidInputException">The file is missing, empty or malformed.</exception>
    public static (Matrix<double> Features, IReadOnlyList<string> Names) LoadFeatures(string path)
    {
        var (header, rows) = ReadFile(path, reader => ReadTable(reader, Path.GetFileName(path)));
        return (Matrix<double>.Build.Dense(rows.Count, header.Length, (i, j) => rows[i][j]), header);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>, taking <paramref name="targetColumn"/> as y.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="targetColumn">The header name of the target column.</param>
    /// <param name="sourceName">How to call the source in error messages (a file name).</param>
    public static Dataset Read(TextReader reader, string targetColumn, string sourceName = "the CSV")
    {
        ArgumentNullException.ThrowIfNull(targetColumn);
        var (header, rows) = ReadTable(reader, sourceName);
        var target = Array.IndexOf(header, targetColumn.Trim());
        if (target < 0)
        {
            throw new InvalidInputException(
                $"{sourceName} has no column named '{targetColumn}' (its columns are {string.Join(", ", header)}): " +
                "pass one of these as the target.");
        }

        if (header.Length < 2)
        {
            throw new InvalidInputException($"{sourceName} has only the target column: it needs at least one feature column too.");
        }

        var featureColumns = Enumerable.Range(0, header.Length).Where(column => column != target).ToArray();
        var features = Matrix<double>.Build.Dense(rows.Count, featureColumns.Length, (i, j) => rows[i][featureColumns[j]]);
        var targets = Matrix<double>.Build.Dense(rows.Count, 1, (i, _) => rows[i][target]);
        return new Dataset(features, targets, featureColumns.Select(column => header[column]).ToArray(), [header[target]]);
    }

    /// <summary>The header and every row as numbers, checked cell by cell.</summary>
    private static (string[] Header, List<double[]> Rows) ReadTable(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = null,
        };

        using var csv = new CsvReader(reader, configuration);
        var header = ReadHeader(csv, sourceName);
        var rows = new List<double[]>();
        var previousLine = csv.Parser.RawRow;
        while (ReadRecord(csv, sourceName))
        {
            var record = csv.Parser.Record ?? [];
            var line = csv.Parser.RawRow;
            if (record.Any(cell => cell.Contains('\n', StringComparison.Ordinal) || cell.Contains('\r', StringComparison.Ordinal)))
            {
                throw new InvalidInputException(
                    $"{sourceName} line {previousLine + 1} opens a quoted value that is never closed: add the missing \" or remove the stray one.");
            }

            previousLine = line;
            if (record.Length != header.Length)
            {
                throw new InvalidInputException(
                    $"{sourceName} line {line} has {record.Length} {Plural(record.Length, "value")} but the header has {header.Length} {Plural(header.Length, "column")}: every row needs one value per column.");
            }

            rows.Add(record.Select((cell, column) => ParseCell(cell, line, header[column], sourceName)).ToArray());
        }

        if (rows.Count == 0)
        {
            throw new InvalidInputException($"{sourceName} has a header but no data rows: add at least one row of numbers.");
        }

        return (header, rows);
    }

    /// <summary>Reads a data file the user named, with clear errors for a folder, a missing or an unreadable file.</summary>
    private static T ReadFile<T>(string path, Func<StreamReader, T> read) =>
        InputFile.Read(path, "data file", "a CSV file", "check the path", stream =>
        {
            using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
            reader.Peek(); // reads the first block now, so that an unreadable file fails as one, not as bad CSV
            return read(reader);
        });

    private static string[] ReadHeader(CsvReader csv, string sourceName)
    {
        var empty = new InvalidInputException($"{sourceName} is empty: it needs a header row and at least one row of numbers.");
        if (!ReadRecord(csv, sourceName))
        {
            throw empty;
        }

        var header = csv.Parser.Record ?? [];
        if (header.All(name => name.Length == 0))
        {
            throw empty;
        }

        if (header.Length == 1 && header[0].Contains(';', StringComparison.Ordinal))
        {
            throw new InvalidInputException(
                $"{sourceName} separates its columns with ';': save it with commas between columns and a dot for decimals (0.5, not 0,5).");
        }

        for (var column = 0; column < header.Length; column++)
        {
            if (header[column].Length == 0)
            {
                throw new InvalidInputException($"{sourceName} header column {column + 1} has no name: name every column.");
            }

            var first = Array.IndexOf(header, header[column]);
            if (first != column)
            {
                throw new InvalidInputException(
                    $"{sourceName} header names '{header[column]}' twice (columns {first + 1} and {column + 1}): every column needs its own name.");
            }
        }

        return header;
    }

    private static bool ReadRecord(CsvReader csv, string sourceName)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvHelperException error)
        {
            throw new InvalidInputException(
                $"{sourceName} line {csv.Parser.RawRow} is not valid CSV (for example, an unclosed quote): fix that line.", error);
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private static double ParseCell(string cell, int line, string column, string sourceName)
    {
        if (cell.Length == 0)
        {
            throw new InvalidInputException($"{sourceName} line {line}, column '{column}' is empty: fill in a number or remove the row.");
        }

        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidInputException(
                $"{sourceName} line {line}, column '{column}' holds '{cell}', which is not a number: use digits with a dot for decimals, like 0.5.");
        }

        if (!double.IsFinite(value))
        {
            throw new InvalidInputException(
                $"{sourceName} line {line}, column '{column}' holds '{cell}': every value must be a finite number; replace or remove it.");
        }

        return value;
    }
}
