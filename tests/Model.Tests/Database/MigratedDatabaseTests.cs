using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Model.Tests.Database;

public class MigratedDatabaseTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrations_cover_the_whole_model()
    {
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task Reference_data_is_seeded_by_the_migrations()
    {
        await using var db = database.CreateContext();

        Assert.Equal(33, await db.Areas.CountAsync());
        Assert.Equal(4, await db.NationalAims.CountAsync());
        Assert.Equal(13, await db.PriorityActions.CountAsync());
        Assert.Equal("S12000047", (await db.AreaCodeSuccessions.SingleAsync(s => s.OldCode == "S12000015")).NewCode);
        Assert.Equal("S12000036", (await db.AreaAliases.SingleAsync(a => a.NormalisedName == "edinburgh city of")).AreaCode);
    }

    [Theory]
    [InlineData("Suppressed", "0")]
    [InlineData("NotAvailable", "0")]
    [InlineData("Published", "NULL")]
    public async Task The_database_refuses_a_value_that_contradicts_its_status(string status, string value)
    {
        // A suppressed or missing figure must never be stored as a number (e.g. zero).
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var version = new NpgsqlCommand("""
            INSERT INTO datasets (code, title, publisher, source_url, licence) VALUES ('t', 't', 't', 't', 't');
            INSERT INTO dataset_versions (dataset_code, edition_date, file_name, file_sha256, loaded_at, rows_read, rows_loaded, rows_rejected, is_latest)
            VALUES ('t', '2020-01-01', 'f', 'h', now(), 0, 0, 0, true) RETURNING id
            """, connection, transaction);
        var versionId = (int)(await version.ExecuteScalarAsync())!;
        // observations is partitioned by edition: the edition needs its partition, as a load creates it.
        await using (var partition = new NpgsqlCommand($"CREATE TABLE observations_edition_{versionId} PARTITION OF observations FOR VALUES IN ({versionId})", connection, transaction))
            await partition.ExecuteNonQueryAsync();
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO observations (indicator_code, area_code, period_type, period_label, period_start, period_end, sex, age_band_code, value, status, dataset_version_id)
            VALUES ('reconviction-rate', 'S12000019', 'FinancialYear', '2017-18', '2017-04-01', '2018-03-31', '{Sex.Female}', 'all', {value}, '{status}', {versionId})
            """, connection, transaction);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal("ck_observations_value_only_when_published", error.ConstraintName);
    }
}
