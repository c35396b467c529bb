using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using ExcelDataReader;
using Sylvan.Data.Csv;

namespace CommunityJustice.Analytics.Ingest.Tabular;

/// <summary>One physical row of a CSV file or worksheet: its line (row) number and its cells as text.</summary>
public sealed record TabularRow(long Line, string[] Cells, string? Malformed = null)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);

    public string Cell(int index) => index < Cells.Length ? Cells[index] : "";
}

/// <summary>
/// Reads a CSV file (in the encoding <see cref="InspectedFile"/> detected, LF or CRLF) or a sheet
/// of an .xlsx workbook as rows of text cells, streaming, with physical line numbers (Excel row
/// numbers for a workbook). The format readers decide what each row means.
/// </summary>
public static class TabularFile
{
    private static ReadOnlySpan<byte> ZipSignature => "PK\u0003\u0004"u8;

    /// <summary>True when the file is an Office Open XML (zip) workbook rather than text.</summary>
    public static bool IsWorkbook(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual(ZipSignature);
    }

    /// <summary>Hashes the file: a workbook (a ZIP package) as bytes, where the format takes one, anything else through the text checks of <see cref="InspectedFile"/>.</summary>
    public static async Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, bool workbookAllowed, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && IsWorkbook(path))
        {
            if (!workbookAllowed)
                throw new IngestException($"{path} is an Excel workbook (a ZIP package), but format {manifest.Format} of dataset '{manifest.Code}' is a CSV. Nothing was loaded.");
            await using var stream = File.OpenRead(path);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            return new InspectedFile(path, stream.Length, sha, new UTF8Encoding(false), false);
        }
        return await InspectedFile.InspectAsync(path, cancellationToken);
    }

    public static IAsyncEnumerable<TabularRow> ReadAsync(InspectedFile file, string? sheet, CancellationToken cancellationToken) =>
        IsWorkbook(file.Path) ? ReadWorkbookAsync(file.Path, sheet, cancellationToken) : ReadCsvAsync(file, cancellationToken);

    /// <summary>
    /// The data rows of a table whose first non-blank row (or row <paramref name="headerRow"/>) is its header: blank rows are skipped, the
    /// header row goes to <paramref name="onHeader"/>, and a malformed row is passed on as it is and
    /// ends the table (the reader rejects it). <paramref name="onHeader"/> is not called for a file
    /// with no header row.
    /// </summary>
    public static async IAsyncEnumerable<TabularRow> ReadBodyAsync(InspectedFile file, string? sheet, Action<TabularRow> onHeader,
        [EnumeratorCancellation] CancellationToken cancellationToken, int? headerRow = null)
    {
        var headerSeen = false;
        await foreach (var row in ReadAsync(file, sheet, cancellationToken))
        {
            if (row.Malformed is not null)
            {
                yield return row;
                yield break;
            }
            if (row.IsBlank || row.Line < headerRow) continue;
            if (!headerSeen)
            {
                headerSeen = true;
                onHeader(row);
                continue;
            }
            yield return row;
        }
    }

    private static async IAsyncEnumerable<TabularRow> ReadCsvAsync(InspectedFile file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CsvDataReader csv;
        try
        {
            csv = await CsvDataReader.CreateAsync(file.OpenText(), CsvRecords.Options(hasHeaders: false), cancellationToken);
        }
        catch (Exception e) when (CsvRecords.IsCsvError(e))
        {
            // Sylvan reads the first record while opening; its line is 1.
            CsvRecords.RejectOrRefuse(file, 1, e);
            throw new IngestException($"{file.Path} is not readable as CSV: its only line cannot be read ({e.Message}).", e);
        }

        await using (csv)
        {
            long line = 0;
            while (true)
            {
                string? malformed = null;
                bool more;
                try
                {
                    more = await csv.ReadAsync(cancellationToken);
                }
                catch (Exception e) when (CsvRecords.IsCsvError(e))
                {
                    // Only a broken record on the file's last line is a reject; anywhere else the file is refused.
                    malformed = CsvRecords.RejectOrRefuse(file, line + 1, e);
                    more = false;
                }
                if (malformed is not null)
                {
                    yield return new TabularRow(line + 1, [], malformed);
                    yield break;
                }
                if (!more) yield break;

                var first = ++line;
                var cells = new string[csv.RowFieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i);
                foreach (var cell in cells) line += cell.AsSpan().Count('\n');
                var blank = cells.All(string.IsNullOrWhiteSpace);
                yield return !blank && CsvRecords.CutLastLine(file, line, cells[^1]) is { } cut
                    ? new TabularRow(first, cells, cut)
                    : new TabularRow(first, cells);
            }
        }
    }

    private static async IAsyncEnumerable<TabularRow> ReadWorkbookAsync(string path, string? sheet, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        IExcelDataReader excel;
        try
        {
            excel = ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stream.DisposeAsync();
            throw new IngestException($"{path} is not a readable .xlsx workbook: {e.Message}", e);
        }

        using (excel)
        {
            if (sheet is not null)
            {
                var names = new List<string>();
                while (excel.Name != sheet)
                {
                    names.Add(excel.Name);
                    if (!excel.NextResult())
                        throw new IngestException($"{path} has no worksheet named '{sheet}' (it has {string.Join(", ", names.Select(n => $"'{n}'"))}).");
                }
            }

            long row = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool more;
                try
                {
                    more = excel.Read();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new IngestException($"{path}: worksheet '{excel.Name}' cannot be read after row {row}: {e.Message}", e);
                }
                if (!more) yield break;
                row++;
                var cells = new string[excel.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = Text(excel.GetValue(i));
                yield return new TabularRow(row, cells);
            }
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The spreadsheet column letter of a 0-based column index (0 → A, 26 → AA), for cell addresses in rejects.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26) letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }
}
