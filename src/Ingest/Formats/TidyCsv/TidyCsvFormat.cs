using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.TidyCsv;

/// <summary>
/// <c>statgov-tidy-csv</c>: a statistics.gov.scot tidy CSV download (FeatureCode, DateCode,
/// Measurement, Units, Value and dimension columns), its Measurement/Units pairs and dimension
/// values mapped by the manifest's <c>mapping</c>.
/// </summary>
public sealed class TidyCsvFormat : ISourceFormat
{
    public const string Name = "statgov-tidy-csv";

    string ISourceFormat.Name => Name;

    /// <summary>The <c>mapping</c> section is checked by the manifest catalogue for every manifest; a layout may only give keepAreas.</summary>
    public IEnumerable<string> Validate(DatasetManifest manifest) => LayoutRules.OnlyKeepAreas(manifest);

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        InspectedFile.InspectAsync(path, cancellationToken);

    public async Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        await TidyCsvReader.OpenAsync(file, manifest, reference, cancellationToken);
}
