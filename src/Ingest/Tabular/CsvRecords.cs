using System.Globalization;
using CommunityJustice.Analytics.Ingest.Reading;
using Sylvan.Data.Csv;

namespace CommunityJustice.Analytics.Ingest.Tabular;

/// <summary>
/// What every CSV reader does with a record it cannot read, so that no reader stops early and
/// leaves the rows after a bad line out of an edition: a broken record on the file's last line is
/// that line's reject (a file cut short); anywhere else the whole file is refused, with the
/// 1-based line and a reason the user can act on. Also the check of a last line with no line
/// break after it, which may have been cut inside its last value.
/// </summary>
public static class CsvRecords
{
    /// <summary>The longest record (in characters) a reader takes; statistics files have lines of a few hundred.</summary>
    public const int MaxRecordChars = 1 << 22;

    public static CsvDataReaderOptions Options(bool hasHeaders) => new()
    {
        HasHeaders = hasHeaders,
        Delimiter = ',',
        Comment = '\0', // '#' would otherwise hide a row from the count
        OwnsReader = true,
        MaxBufferSize = MaxRecordChars,
    };

    public static bool IsCsvError(Exception e) => e is CsvFormatException or CsvRecordTooLargeException;

    /// <summary>
    /// The reject reason for a record that cannot be read and starts on <paramref name="line"/> (1-based), when it
    /// starts on the file's last line; otherwise throws <see cref="IngestException"/> refusing the whole file.
    /// </summary>
    public static string RejectOrRefuse(InspectedFile file, long line, Exception error)
    {
        var lineText = line.ToString("N0", CultureInfo.InvariantCulture);
        if (error is CsvRecordTooLargeException)
            throw new IngestException(
                $"{file.Path}: line {lineText} is longer than {MaxRecordChars:N0} characters, the longest line this worker reads " +
                "(lines of a statistics file are a few hundred characters). The file is damaged or is not the CSV the manifest " +
                $"describes; check line {lineText} (for example with a text editor that shows long lines) and get the file again. " +
                "Nothing was loaded.", error);
        if (line >= file.PhysicalLines)
            return "malformed CSV record (truncated or broken quoting): the file ends inside this line's quoted value " +
                   "(a quote \" opened and never closed); the file may be cut short, download it again";
        throw new IngestException(
            $"{file.Path}: line {lineText} cannot be read as CSV (broken quoting: a quote \" opened and not closed where a value " +
            $"should end), so the {(file.PhysicalLines - line).ToString("N0", CultureInfo.InvariantCulture)} line(s) after it cannot be read either. " +
            $"Fix the quoting on line {lineText} or get the file again. Nothing was loaded.", error);
    }

    /// <summary>Whether a record ending on this line may have been cut short (<see cref="CutLastLine"/>), before making its last value a string.</summary>
    public static bool MayBeCut(InspectedFile file, long lastLineOfRecord) => !file.EndsWithLineBreak && lastLineOfRecord >= file.PhysicalLines;

    /// <summary>
    /// For a record that ends on the file's last line when the file has no line break at its end: the reason to reject
    /// it (its last value may have been cut, "114" for "1145"); null for any other record.
    /// </summary>
    public static string? CutLastLine(InspectedFile file, long lastLineOfRecord, string lastValue) =>
        !MayBeCut(file, lastLineOfRecord)
            ? null
            : $"the file ends inside this line, with no line break after it: the file may have been cut short and its last value '{lastValue}' " +
              "may be incomplete; download the file again, or end it with a line break if the line is complete";
}
