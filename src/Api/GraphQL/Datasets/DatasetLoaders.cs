using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Model.Datasets;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Datasets;

public static class DatasetLoaders
{
    /// <summary>Every loaded edition of each dataset, newest edition first, batched across the request.</summary>
    public static IDataLoaderResult<IReadOnlyList<DatasetVersion>> LoadVersionsOfDataset(this IResolveFieldContext context, string code) =>
        context.Load<string, IReadOnlyList<DatasetVersion>>("versionsByDataset", code, async (db, codes, ct) =>
            (await db.DatasetVersions.Where(v => codes.Contains(v.DatasetCode)).OrderByDescending(v => v.EditionDate).ThenByDescending(v => v.Id).ToListAsync(ct))
                .GroupBy(v => v.DatasetCode).ToDictionary(g => g.Key, g => (IReadOnlyList<DatasetVersion>)g.ToList()))
            .Then(list => list ?? []);

    /// <summary>A dataset by its code, batched across the request (for an edition read without its dataset).</summary>
    public static IDataLoaderResult<Dataset?> LoadDataset(this IResolveFieldContext context, string code) =>
        context.Load<string, Dataset>("datasetByCode", code, async (db, codes, ct) =>
            await db.Datasets.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, ct));
}
