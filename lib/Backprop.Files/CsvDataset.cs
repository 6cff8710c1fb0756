using System.Globalization;
using System.Text;
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
/// the line and column, before any training starts: so are files that are not UTF-8 text (UTF-16 without a
/// byte order mark, a Windows code page, gzip or zip archives), other separators (<c>;</c>, tabs) and lines longer
/// than <see cref="MaxLineLength"/> characters. Messages show cells and names escaped and cut (see <c>Shown</c>).
/// </remarks>
public static class CsvDataset
{
    /// <summary>The longest line read, in characters: a line holds one sample, so a longer one is not a data file.</summary>
    public const int MaxLineLength = 4 << 20;

    /// <summary>Loads <paramref name="path"/>, taking <paramref name="targetColumn"/> as y.</summary>
    /// <exception cref="InvalidInputException">The file is missing, empty or malformed, or the column does not exist.</exception>
    public static Dataset Load(string path, string targetColumn) => Load(path, targetColumn, onLine: null);

    /// <summary>Loads every column of <paramref name="path"/> as a feature (for predictions, where there is no target).</summary>
    /// <exception cref="InvalidInputException">The file is missing, empty or malformed.</exception>
    public static (Matrix<double> Features, IReadOnlyList<string> Names) LoadFeatures(string path)
    {
        var (header, rows) = ReadFile(path, (reader, name) => ReadTable(reader, name, onLine: null));
        return (Matrix<double>.Build.Dense(rows.Count, header.Length, (i, j) => rows[i][j]), header);
    }

    /// <summary>
    /// Loads the columns of <paramref name="path"/> that a model was trained on, found by name whatever their order in
    /// the file: X holds <paramref name="columns"/>' features in the model's order, and y, when
    /// <paramref name="targetColumn"/> is given, that column (otherwise null).
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns the model was trained on.</param>
    /// <param name="targetColumn">The column that holds y (it must be the model's target), or null when the file holds features only.</param>
    /// <exception cref="InvalidInputException">
    /// The file is missing, empty or malformed; a feature column is missing; the file has a column that is no feature
    /// and not the target; or the target is not the one the model was trained on.
    /// </exception>
    public static (Matrix<double> Features, Matrix<double>? Targets) LoadMatching(string path, ModelColumns columns, string? targetColumn)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var (features, target, rows) = ReadFile(path, (reader, name) => Match(ReadTable(reader, name, onLine: null), name, columns, targetColumn?.Trim()));
        return (
            Matrix<double>.Build.Dense(rows.Count, features.Length, (i, j) => rows[i][features[j]]),
            target is int y ? Matrix<double>.Build.Dense(rows.Count, 1, (i, _) => rows[i][y]) : null);
    }

    /// <summary>Where each of the model's features, and the target, sit in the file's header.</summary>
    private static (int[] Features, int? Target, List<double[]> Rows) Match(
        (string[] Header, List<double[]> Rows) table, string sourceName, ModelColumns columns, string? targetColumn)
    {
        var (header, rows) = table;
        var features = Shown.List(columns.Features);
        if (targetColumn is not null && targetColumn != columns.Target)
        {
            throw new InvalidInputException(
                $"--target '{Shown.Text(targetColumn)}' is not the column the model was trained to predict, '{Shown.Text(columns.Target)}': use --target {Shown.Text(columns.Target)}, or leave --target out.");
        }

        int? target = null;
        if (targetColumn is not null)
        {
            target = Array.IndexOf(header, targetColumn);
            if (target < 0)
            {
                throw new InvalidInputException(
                    $"{sourceName} has no column named '{Shown.Text(targetColumn)}' (its columns are {Shown.List(header)}): pass one of these as the target.");
            }
        }

        foreach (var name in header.Where(name => name != targetColumn && !columns.Features.Contains(name)))
        {
            throw new InvalidInputException(name == columns.Target
                ? $"{sourceName} has the model's target column '{Shown.Text(name)}': add --target {Shown.Text(name)} (for the MSE), or remove the column."
                : $"{sourceName} has a column '{Shown.Text(name)}' that the model was not trained on (its features are {features}): remove it.");
        }

        var indices = columns.Features.Select(name => Array.IndexOf(header, name)).ToArray();
        var missing = columns.Features.Where((_, i) => indices[i] < 0).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidInputException(
                missing.Length == 1
                    ? $"{sourceName} has no column named '{Shown.Text(missing[0])}', which the model was trained on (its features are {features}): add it."
                    : $"{sourceName} has no columns named {Shown.List(missing)}, which the model was trained on (its features are {features}): add them.");
        }

        return (indices, target, rows);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>, taking <paramref name="targetColumn"/> as y.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="targetColumn">The header name of the target column.</param>
    /// <param name="sourceName">How to call the source in error messages (a file name).</param>
    public static Dataset Read(TextReader reader, string targetColumn, string sourceName = "the CSV") =>
        Read(reader, targetColumn, sourceName, onLine: null);

    /// <summary>As <see cref="Load(string, string)"/>, telling <paramref name="onLine"/> how many lines are read so far, now and then.</summary>
    internal static Dataset Load(string path, string targetColumn, Action<long>? onLine) =>
        ReadFile(path, (reader, name) => Read(reader, targetColumn, name, onLine));

    private static Dataset Read(TextReader reader, string targetColumn, string sourceName, Action<long>? onLine)
    {
        ArgumentNullException.ThrowIfNull(targetColumn);
        var (header, rows) = ReadTable(reader, sourceName, onLine);
        var target = Array.IndexOf(header, targetColumn.Trim());
        if (target < 0)
        {
            throw new InvalidInputException(
                $"{sourceName} has no column named '{Shown.Text(targetColumn)}' (its columns are {Shown.List(header)}): " +
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
    private static (string[] Header, List<double[]> Rows) ReadTable(TextReader reader, string sourceName, Action<long>? onLine)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            WhiteSpaceChars = [' ', '\t'],
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = null,
        };

        using var lines = new LineLimitedReader(reader, MaxLineLength, sourceName, onLine);
        using var csv = new CsvReader(lines, configuration);
        var header = ReadHeader(csv, sourceName);
        var rows = new List<double[]>();
        var previousLine = csv.Parser.RawRow;
        while (ReadRecord(csv, sourceName))
        {
            var record = csv.Parser.Record ?? [];
            var line = csv.Parser.RawRow;
            RequireClosedQuotes(csv, previousLine + 1, sourceName);
            previousLine = line;
            if (record is [{ Length: 0 }])
            {
                continue; // a line of only spaces or tabs is a blank line
            }

            if (record.Length != header.Length)
            {
                throw new InvalidInputException(
                    $"{sourceName} line {line} has {Shown.Count(record.Length, "value")} but the header has {Shown.Count(header.Length, "column")}: every row needs one value per column.");
            }

            var values = new double[record.Length];
            for (var column = 0; column < record.Length; column++)
            {
                values[column] = ParseCell(record[column], line, header[column], sourceName);
            }

            rows.Add(values);
        }

        if (rows.Count == 0)
        {
            throw new InvalidInputException($"{sourceName} has a header but no data rows: add at least one row of numbers.");
        }

        return (header, rows);
    }

    /// <summary>
    /// Reads a data file the user named, with clear errors for a folder, a missing or an unreadable file, and for
    /// content that is not UTF-8 text. Messages call it by its file name, or by its whole path if it is no plain file
    /// (<c>/dev/null</c>, not <c>null</c>).
    /// </summary>
    private static T ReadFile<T>(string path, Func<TextReader, string, T> read) =>
        InputFile.Read(path, "data file", "a CSV file", "check the path", stream =>
        {
            var name = FileStatus.Of(path).Kind == FileKind.Regular ? Shown.Text(Path.GetFileName(path)) : $"'{Shown.Text(path)}'";
            RequireText(stream, name);
            using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            try
            {
                reader.Peek(); // reads the first block now, so that an unreadable file fails as one, not as bad CSV
                return read(reader, name);
            }
            catch (DecoderFallbackException error)
            {
                throw new InvalidInputException(
                    $"{name} is not UTF-8 text (it may be in a Windows code page such as cp1252): save it as CSV in UTF-8.", error);
            }
        });

    /// <summary>Refuses compressed files and UTF-16 without a byte order mark by their first bytes (where the file can be read twice).</summary>
    private static void RequireText(Stream stream, string name)
    {
        if (!stream.CanSeek)
        {
            return;
        }

        var start = new byte[512];
        var count = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (count >= 2 && start[0] == 0x1f && start[1] == 0x8b)
        {
            throw new InvalidInputException($"{name} is compressed with gzip: unpack it first (gunzip), then give the .csv file.");
        }

        if (count >= 4 && start is [0x50, 0x4b, 0x03, 0x04])
        {
            throw new InvalidInputException($"{name} is a zip archive (or an Excel workbook): unpack it or save it as CSV, then give the .csv file.");
        }

        var hasByteOrderMark = count >= 2 && (start is [0xff, 0xfe, ..] or [0xfe, 0xff, ..]);
        if (!hasByteOrderMark && Array.IndexOf(start, (byte)0, 0, count) >= 0)
        {
            throw NotUtf8(name);
        }
    }

    private static InvalidInputException NotUtf8(string name) => new(
        $"{name} holds NUL bytes, so it is not UTF-8 text: it may be UTF-16 without a byte order mark. Save it as CSV in UTF-8.");

    private static string[] ReadHeader(CsvReader csv, string sourceName)
    {
        var empty = new InvalidInputException($"{sourceName} is empty: it needs a header row and at least one row of numbers.");
        if (!ReadRecord(csv, sourceName))
        {
            throw empty;
        }

        RequireClosedQuotes(csv, 1, sourceName);
        var header = csv.Parser.Record ?? [];
        if (header.All(name => name.Length == 0))
        {
            throw empty;
        }

        if (header.Any(name => name.Contains('\0', StringComparison.Ordinal)))
        {
            throw NotUtf8(sourceName);
        }

        if (header.Length == 1)
        {
            var separator = header[0].Contains(';', StringComparison.Ordinal) ? "';'" : header[0].Contains('\t', StringComparison.Ordinal) ? "tabs" : null;
            if (separator is not null)
            {
                throw new InvalidInputException(
                    $"{sourceName} separates its columns with {separator}: save it with commas between columns and a dot for decimals (0.5, not 0,5).");
            }
        }

        var firstColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var column = 0; column < header.Length; column++)
        {
            if (header[column].Length == 0)
            {
                throw new InvalidInputException($"{sourceName} header column {column + 1} has no name: name every column.");
            }

            if (!firstColumn.TryAdd(header[column], column))
            {
                throw new InvalidInputException(
                    $"{sourceName} header names '{Shown.Text(header[column])}' twice (columns {firstColumn[header[column]] + 1} and {column + 1}): every column needs its own name.");
            }
        }

        return header;
    }

    /// <summary>
    /// A record with an odd number of quote characters opened a quoted value and never closed it (the parser then
    /// reads on to the end of the file, or takes the lines that follow into one cell).
    /// </summary>
    private static void RequireClosedQuotes(CsvReader csv, int line, string sourceName)
    {
        if (csv.Parser.RawRecord.Count(c => c == '"') % 2 != 0)
        {
            throw new InvalidInputException(
                $"{sourceName} line {line} opens a quoted value that is never closed: add the missing \" or remove the stray one.");
        }
    }

    private static bool ReadRecord(CsvReader csv, string sourceName)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvHelperException error) when (error.InnerException is InvalidInputException or DecoderFallbackException)
        {
            throw error.InnerException;
        }
        catch (CsvHelperException error)
        {
            throw new InvalidInputException(
                $"{sourceName} line {csv.Parser.RawRow} is not valid CSV (for example, an unclosed quote): fix that line.", error);
        }
    }

    private static double ParseCell(string cell, int line, string column, string sourceName)
    {
        if (cell.Length == 0)
        {
            throw new InvalidInputException($"{sourceName} line {line}, column '{Shown.Text(column)}' is empty: fill in a number or remove the row.");
        }

        var parsed = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        if (!parsed && !IsNonFiniteWord(cell))
        {
            throw new InvalidInputException(
                $"{sourceName} line {line}, column '{Shown.Text(column)}' holds '{Shown.Text(cell)}', which is not a number: use digits with a dot for decimals, like 0.5.");
        }

        if (!parsed || !double.IsFinite(value))
        {
            throw new InvalidInputException(
                $"{sourceName} line {line}, column '{Shown.Text(column)}' holds '{Shown.Text(cell)}': every value must be a finite number; replace or remove it.");
        }

        return value;
    }

    /// <summary>How Python and pandas write infinities and NaN: <c>inf</c>, <c>-inf</c>, <c>nan</c>, in any case.</summary>
    private static bool IsNonFiniteWord(string cell) =>
        cell.TrimStart('+', '-').ToUpperInvariant() is "INF" or "INFINITY" or "NAN";
}
