using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <summary>
    /// A load now commits twice (src/Ingest/Loading/DatasetLoader.cs, docs/architecture.md "Storage of observations"):
    /// first the edition's rows, copied into a new partition table that nothing reads yet, then, in a second transaction,
    /// its indexes, its dataset_versions row, ATTACH and its disclosure decisions, which is when readers see it.
    /// stored_editions records an edition between the two: what the second step needs without reading the file again
    /// (the file's identity, its counts, its rejects and the rows its reader skipped on purpose), so a load that dies after storing is finished by the next run.
    /// The ingest's own table: no entity in the EF model reads it.
    /// What a load changes while storing (a manifest's new indicators) is announced when the edition is published, in one
    /// notification with the rest: the data-change notification is skipped while cja.storing_edition is on.
    /// </summary>
    public partial class EditionsStoredBeforePublishing : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE stored_editions (
                    dataset_version_id integer PRIMARY KEY,
                    dataset_code text NOT NULL,
                    edition_date date NOT NULL,
                    file_name text NOT NULL,
                    file_sha256 text NOT NULL,
                    rows_read bigint NOT NULL,
                    rows_loaded bigint NOT NULL,
                    rows_rejected bigint NOT NULL,
                    rejects jsonb NOT NULL,
                    skipped jsonb NOT NULL,
                    stored_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX ix_stored_editions_dataset_code ON stored_editions (dataset_code);
                COMMENT ON TABLE stored_editions IS 'Editions whose rows are stored in observations_edition_<dataset_version_id> (not attached) and not yet published; the ingest publishes or drops them.';
                """);
            migrationBuilder.Sql(NotifyFunction(skipWhileStoring: true));
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                DECLARE t record;
                BEGIN
                    FOR t IN SELECT dataset_version_id FROM stored_editions LOOP
                        EXECUTE format('DROP TABLE IF EXISTS observations_edition_%s', t.dataset_version_id);
                    END LOOP;
                END $$;
                DROP TABLE stored_editions;
                """);
            migrationBuilder.Sql(NotifyFunction(skipWhileStoring: false));
        }

        private static string NotifyFunction(bool skipWhileStoring) => $"""
            CREATE OR REPLACE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {(skipWhileStoring ? "IF current_setting('cja.storing_edition', true) = 'on' THEN RETURN NULL; END IF;" : "")}
                PERFORM pg_notify('{AnalyticsDatabase.DataChangedChannel}', '');
                RETURN NULL;
            END $$;
            """;
    }
}
