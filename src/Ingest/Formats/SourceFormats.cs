using CommunityJustice.Analytics.Ingest.Formats.Geography;
using CommunityJustice.Analytics.Ingest.Formats.PivotCsv;
using CommunityJustice.Analytics.Ingest.Formats.SgExcel;
using CommunityJustice.Analytics.Ingest.Formats.Snsa;
using CommunityJustice.Analytics.Ingest.Formats.SparqlCsv;
using CommunityJustice.Analytics.Ingest.Formats.TidyCsv;
using CommunityJustice.Analytics.Ingest.Formats.TidyLong;
using CommunityJustice.Analytics.Ingest.Formats.Transcribed;
using CommunityJustice.Analytics.Ingest.Formats.WideCsv;
using CommunityJustice.Analytics.Ingest.Reading;

namespace CommunityJustice.Analytics.Ingest.Formats;

/// <summary>
/// Every source format this worker reads, each in its own folder beside this file. The loader, the
/// manifest catalogue and the file store find a manifest's format here; a new format is one folder
/// with an <see cref="ISourceFormat"/> and one line in <see cref="All"/>.
/// </summary>
public static class SourceFormats
{
    /// <summary>The formats, in the order messages list them.</summary>
    public static IReadOnlyList<ISourceFormat> All { get; } =
    [
        new TidyCsvFormat(),       // statgov-tidy-csv: statistics.gov.scot tidy CSV download
        new SgExcelFormat(),       // sg-excel-table: tables of a Scottish Government Excel publication
        new SparqlCsvFormat(),     // statgov-sparql-csv: statistics.gov.scot SPARQL result CSV
        new PivotCsvFormat(),      // statgov-pivot-csv: statistics.gov.scot pivot download
        new TidyLongFormat(),      // tidy-long: a long table, CSV or one sheet of an .xlsx
        new WideCsvFormat(),       // plain-wide-csv: one row per area, measures in columns
        new SnsaTemplateFormat(),  // snsa-template: the local SNSA template a partnership fills in
        new TranscribedFormat(),   // transcribed: figures typed from published text, with citations
        new GeographyLookupFormat(), // geography-lookup: areas of every level and which lie in which (data zone lookup)
    ];

    /// <summary>The format with the name, or null when this worker does not read it.</summary>
    public static ISourceFormat? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
