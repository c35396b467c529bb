using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.Tabular;

namespace CommunityJustice.Analytics.Ingest.Formats.Snsa;

/// <summary>
/// <c>snsa-template</c>: the local SNSA template a partnership fills in, CSV or .xlsx, one figure per
/// row in the columns of <see cref="SnsaTemplate"/> (docs/snsa-template.md; blank and example files
/// in src/Ingest/Templates). Read by <see cref="SnsaTemplateReader"/>.
/// </summary>
public sealed class SnsaTemplateFormat : ISourceFormat
{
    public const string Name = "snsa-template";

    string ISourceFormat.Name => Name;

    public IEnumerable<string> Validate(DatasetManifest manifest)
    {
        foreach (var problem in LayoutRules.NoIndicatorMapping(manifest)) yield return problem;
        if (manifest.Layout?.Partnership is not { Length: > 0 }) yield return "layout.partnership must name the community justice partnership (its council area name or code) whose figures the template holds";
    }

    public Task<InspectedFile> InspectAsync(string path, DatasetManifest manifest, CancellationToken cancellationToken) =>
        TabularFile.InspectAsync(path, manifest, workbookAllowed: true, cancellationToken);

    public Task<IRowSource> OpenAsync(InspectedFile file, DatasetManifest manifest, ReferenceLookup reference, CancellationToken cancellationToken) =>
        Task.FromResult<IRowSource>(new SnsaTemplateReader(file, manifest, reference));
}
