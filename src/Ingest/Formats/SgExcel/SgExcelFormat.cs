using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;

namespace CommunityJustice.Analytics.Ingest.Formats.SgExcel;

/// <summary>
/// <c>sg-excel-table</c>: worksheet tables of a Scottish Government Excel publication, each described
/// by one of the manifest's <c>tables</c> (<see cref="ExcelTableMapping"/>).
/// </summary>
public sealed class SgExcelFormat : ISourceFormat
{
    public string Name => ExcelManifestRules.Format;

    public IEnumerable<string> Validate(DatasetManifest manifest) => ExcelManifestRules.Validate(manifest);

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        ExcelWorkbook.InspectAsync(path, cancellationToken);

    public Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        ExcelTableReader.OpenAsync(file, manifest, reference, cancellationToken);

    public string DescribeEncoding(InspectedFile file) => ExcelWorkbook.EncodingName;
}
