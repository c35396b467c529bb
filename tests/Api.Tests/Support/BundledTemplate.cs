using CommunityJustice.Analytics.Ingest;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Api.Tests.Support;

/// <summary>
/// Every bundled dataset at council level and above, loaded once per test run from the data mirror into a template
/// database that API fixtures copy (see TestDatabase.TemplateKey). The data-zone datasets (1.4 million rows) are in
/// <see cref="DataZoneTemplate"/>, for the tests about them.
/// </summary>
internal static class BundledTemplate
{
    public const string Key = "bundled";

    public static Task SeedAsync(string connectionString) =>
        BundledData.LoadAllAsync(connectionString, RepositoryPaths.DataMirror, m => !BundledData.IsDataZoneLevel(m));
}

/// <summary>Every bundled dataset, the data-zone ones included: the geography lookup, SIMD 2020v2 and small-area population.</summary>
internal static class DataZoneTemplate
{
    public const string Key = "bundled-with-data-zones";

    public static Task SeedAsync(string connectionString) => BundledData.LoadAllAsync(connectionString, RepositoryPaths.DataMirror);
}
