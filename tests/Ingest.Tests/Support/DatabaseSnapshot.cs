using CommunityJustice.Analytics.Ingest.Loading;
using CommunityJustice.Analytics.TestSupport;

namespace CommunityJustice.Analytics.Ingest.Tests.Support;

/// <summary>A fingerprint of everything a load writes: equal snapshots mean the stored data did not change.</summary>
public sealed record DatabaseSnapshot(long Observations, string ObservationsMd5, long Versions, string VersionsMd5, long Rejects, string RejectsMd5, string DatasetsMd5,
    string DisclosureMd5)
{
    public static async Task<DatabaseSnapshot> TakeAsync(TestDatabase db) => new(
        await db.CountAsync("SELECT count(*) FROM observations"),
        await Md5Async(db, "SELECT md5(coalesce(string_agg(concat_ws('|', id, indicator_code, area_code, period_type, period_label, period_start, period_end, sex, age_band_code, value, status, marker, dataset_version_id), ',' ORDER BY id), '')) FROM observations"),
        await db.CountAsync("SELECT count(*) FROM dataset_versions"),
        await Md5Async(db, "SELECT md5(coalesce(string_agg(concat_ws('|', id, dataset_code, edition_date, file_name, file_sha256, loaded_at, rows_read, rows_loaded, rows_rejected, is_latest), ',' ORDER BY id), '')) FROM dataset_versions"),
        await db.CountAsync("SELECT count(*) FROM ingest_rejects"),
        await Md5Async(db, "SELECT md5(coalesce(string_agg(concat_ws('|', id, dataset_version_id, line_number, reason), ',' ORDER BY id), '')) FROM ingest_rejects"),
        await Md5Async(db, "SELECT md5(coalesce(string_agg(concat_ws('|', code, title, publisher, source_url, licence), ',' ORDER BY code), '')) FROM datasets"),
        await Md5Async(db, """
            SELECT md5(concat(
                (SELECT string_agg(concat_ws('|', observation_id, kind, reason), ',' ORDER BY observation_id) FROM withheld_figures),
                (SELECT string_agg(concat_ws('|', threshold, protection_level, catalogue_sha256, decided_at), ',') FROM disclosure_rule)))
            """));

    /// <summary>
    /// Loads a two-row earlier edition of the reconvictions dataset (so that "unchanged" has something to protect) and
    /// takes the snapshot a load that fails afterwards must leave as it was.
    /// </summary>
    public static async Task<DatabaseSnapshot> AfterAnEarlierEditionAsync(TestDatabase db, TempFiles files)
    {
        var earlier = files.Csv(TempFiles.Rate("S92000003", "2017/2018", "26.1"), TempFiles.Rate("S12000019", "2017/2018", "25.9"));
        await new DatasetLoader(db.ConnectionString).LoadAsync(new LoadRequest(Datasets.Reconvictions, earlier) { EditionDate = new(2019, 5, 28) });
        return await TakeAsync(db);
    }

    private static async Task<string> Md5Async(TestDatabase db, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
