using System.Security.Cryptography;
using System.Text;
using CommunityJustice.Analytics.Ingest.Reading;
using ExcelDataReader;

namespace CommunityJustice.Analytics.Ingest.Formats.SgExcel;

/// <summary>
/// An Excel workbook as a source file: hashed like any other (it is binary, so the text-encoding
/// checks of <see cref="InspectedFile"/> do not apply), and its worksheets read into memory.
/// Publication tables are small (the largest sheet used has about 2,500 rows), and reading them
/// whole before the load's transaction starts means a corrupt or truncated workbook fails
/// before anything is written.
/// </summary>
public static class ExcelWorkbook
{
    public const string EncodingName = "xlsx (Office Open XML)";

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    static ExcelWorkbook() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Hashes the file and checks it at least starts like a workbook (.xlsx is a ZIP package; legacy .xls an OLE file).</summary>
    public static async Task<InspectedFile> InspectAsync(string path, CancellationToken cancellationToken)
    {
        var stream = SourceFileStream.OpenSequential(path);
        await using (stream)
        {
            var head = new byte[8];
            var got = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            if (got == 0) throw new IngestException($"{path} is empty; expected an Excel workbook (.xlsx).");
            if (!head.AsSpan(0, got).StartsWith(ZipSignature) && !head.AsSpan(0, got).StartsWith(OleSignature))
                throw new IngestException($"{path} is not an Excel workbook: an .xlsx file is a ZIP package starting with the bytes 50 4B 03 04, " +
                                          $"but this one starts with {Convert.ToHexString(head, 0, got)}. It may be a CSV, an HTML error page or a damaged download. Nothing was loaded.");
            stream.Position = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0) hash.AppendData(buffer, 0, read);
            return new InspectedFile(path, stream.Length, Convert.ToHexStringLower(hash.GetHashAndReset()), new UTF8Encoding(false), false);
        }
    }

    /// <summary>Reads the named worksheets (names compared trimmed, ignoring case); throws <see cref="IngestException"/> on a corrupt workbook or a missing sheet.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<object?[]>> ReadSheets(string path, IReadOnlyCollection<string> sheets, CancellationToken cancellationToken)
    {
        var wanted = sheets.Select(s => s.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, IReadOnlyList<object?[]>>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var excel = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var name = excel.Name.Trim();
                names.Add(excel.Name);
                if (!wanted.Contains(name) || found.ContainsKey(name)) continue;
                var rows = new List<object?[]>();
                while (excel.Read())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var cells = new object?[excel.FieldCount];
                    for (var i = 0; i < cells.Length; i++) cells[i] = excel.GetValue(i);
                    rows.Add(cells);
                }
                found[name] = rows;
            } while (excel.NextResult());
        }
        catch (Exception e) when (e is not (OperationCanceledException or IngestException or OutOfMemoryException))
        {
            throw new IngestException($"{path} is not a readable Excel workbook (corrupt, truncated or not .xlsx): {e.GetType().Name}: {e.Message} Nothing was loaded.", e);
        }

        var missing = wanted.Where(w => !found.ContainsKey(w)).ToList();
        if (missing.Count > 0)
            throw new IngestException($"{path} has no worksheet named {string.Join(", ", missing.Select(m => $"'{m}'"))}; its sheets are {string.Join(", ", names.Select(n => $"'{n}'"))}. Nothing was loaded.");
        return found;
    }
}
