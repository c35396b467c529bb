using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <summary>
    /// Two things the API used to learn by reading every row of the latest editions, now told by the database:
    /// <list type="bullet">
    /// <item>Hand edits of observations. A statement trigger on observations (INSERT, UPDATE, DELETE, TRUNCATE;
    /// once per statement, so a COPY of a million rows pays once) notifies <see cref="AnalyticsDatabase.DataChangedChannel"/>
    /// and records the writing transaction in observation_writes, whose row count is part of the API's data
    /// fingerprint (so a hand edit is noticed also where the API cannot LISTEN, e.g. on a standby). Every data-change
    /// trigger now sends an empty payload instead of its table's name: PostgreSQL delivers identical notifications of
    /// one transaction once, so a load (datasets, indicators, dataset_versions and observations written together)
    /// reaches the API as one notification, not four.</item>
    /// <item>Areas and periods per indicator of each edition (edition_indicator_extents), which the ingest writes in the
    /// load's transaction and the API's cost estimate sums over the latest editions; existing editions are counted
    /// here, once.</item>
    /// </list>
    /// </summary>
    public partial class ObservationEditNoticesAndIndicatorExtents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "edition_indicator_extents",
                columns: table => new
                {
                    dataset_version_id = table.Column<int>(type: "integer", nullable: false),
                    indicator_code = table.Column<string>(type: "text", nullable: false),
                    areas = table.Column<int>(type: "integer", nullable: false),
                    periods = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_edition_indicator_extents", x => new { x.dataset_version_id, x.indicator_code });
                    table.ForeignKey(
                        name: "fk_edition_indicator_extents_dataset_versions_dataset_version_",
                        column: x => x.dataset_version_id,
                        principalTable: "dataset_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_edition_indicator_extents_indicators_indicator_code",
                        column: x => x.indicator_code,
                        principalTable: "indicators",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_edition_indicator_extents_indicator_code",
                table: "edition_indicator_extents",
                column: "indicator_code");

            migrationBuilder.Sql("""
                INSERT INTO edition_indicator_extents (dataset_version_id, indicator_code, areas, periods)
                SELECT dataset_version_id, indicator_code, count(DISTINCT area_code), count(DISTINCT (period_start, period_end))
                FROM (SELECT DISTINCT dataset_version_id, indicator_code, area_code, period_start, period_end FROM observations) cells
                GROUP BY dataset_version_id, indicator_code;
                """);

            migrationBuilder.Sql(NotifyFunction("''"));
            // SECURITY DEFINER: whoever may edit observations has their edit recorded without rights on observation_writes.
            migrationBuilder.Sql($"""
                CREATE TABLE observation_writes (
                    transaction_id xid8 PRIMARY KEY,
                    first_written_at timestamptz NOT NULL DEFAULT statement_timestamp(),
                    written_by text NOT NULL DEFAULT session_user
                );
                CREATE FUNCTION note_observations_written() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
                BEGIN
                    INSERT INTO observation_writes (transaction_id) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
                    PERFORM pg_notify('{AnalyticsDatabase.DataChangedChannel}', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER observations_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON observations
                    FOR EACH STATEMENT EXECUTE FUNCTION note_observations_written();
                ALTER TABLE observations ENABLE ALWAYS TRIGGER observations_changed;
                """);
        }

        /// <summary>The data-change notification with the given payload (an SQL expression).</summary>
        private static string NotifyFunction(string payload) => $"""
            CREATE OR REPLACE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{AnalyticsDatabase.DataChangedChannel}', {payload});
                RETURN NULL;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER observations_changed ON observations;
                DROP FUNCTION note_observations_written();
                DROP TABLE observation_writes;
                """);
            migrationBuilder.Sql(NotifyFunction("TG_TABLE_NAME"));
            migrationBuilder.DropTable(
                name: "edition_indicator_extents");
        }
    }
}
