using CommunityJustice.Analytics.Ingest;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Api.Tests.Support;

/// <summary>
/// Every bundled dataset, loaded once per test run from the data mirror into a template database
/// that API fixtures copy (see TestDatabase.TemplateKey).
/// </summary>
internal static class BundledTemplate
{
    public const string Key = "bundled";

    public static Task SeedAsync(string connectionString) => BundledData.LoadAllAsync(connectionString, RepositoryPaths.DataMirror);
}
