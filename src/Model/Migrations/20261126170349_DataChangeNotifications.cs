using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <summary>
    /// Every committed change to the loaded editions or the reference data sends a notification on
    /// the channel <see cref="AnalyticsDatabase.DataChangedChannel"/> (PostgreSQL delivers NOTIFY only
    /// when the transaction commits, and never for one that rolls back). The API listens on it to
    /// know when its in-memory reference data and disclosure decisions are out of date, instead of
    /// asking the database on every request. The triggers are ENABLE ALWAYS because the ingest loads
    /// with session_replication_role = replica, which silences ordinary triggers.
    /// </summary>
    public partial class DataChangeNotifications : Migration
    {
        private static readonly string[] Tables =
            ["dataset_versions", "datasets", "indicators", "areas", "area_aliases", "area_code_successions", "age_bands"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('{AnalyticsDatabase.DataChangedChannel}', TG_TABLE_NAME);
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
                    ALTER TABLE {table} ENABLE ALWAYS TRIGGER {table}_changed;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables) migrationBuilder.Sql($"DROP TRIGGER {table}_changed ON {table};");
            migrationBuilder.Sql("DROP FUNCTION notify_data_changed();");
        }
    }
}
