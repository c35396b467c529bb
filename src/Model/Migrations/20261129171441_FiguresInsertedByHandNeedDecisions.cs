using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <summary>
    /// A figure inserted by hand has not been through disclosure control either: like an UPDATE, DELETE
    /// or TRUNCATE (migration DisclosureDecisionsAtLoad), an INSERT into observations now makes every
    /// stored decision out of date, so the API serves no figures until they are decided again. The
    /// ingest's own loads, which decide in the same transaction, say so with the transaction-local
    /// setting <c>cja.loading_edition</c> and are not counted as edits.
    /// </summary>
    public partial class FiguresInsertedByHandNeedDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION figures_edited_by_hand() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF coalesce(current_setting('cja.loading_edition', true), '') = '' THEN
                        DELETE FROM disclosure_rule;
                    END IF;
                    RETURN NULL;
                END $$;
                DROP TRIGGER observations_edited ON observations;
                CREATE TRIGGER observations_edited AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON observations
                    FOR EACH STATEMENT EXECUTE FUNCTION figures_edited_by_hand();
                ALTER TABLE observations ENABLE ALWAYS TRIGGER observations_edited;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION figures_edited_by_hand() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM disclosure_rule;
                    RETURN NULL;
                END $$;
                DROP TRIGGER observations_edited ON observations;
                CREATE TRIGGER observations_edited AFTER UPDATE OR DELETE OR TRUNCATE ON observations
                    FOR EACH STATEMENT EXECUTE FUNCTION figures_edited_by_hand();
                ALTER TABLE observations ENABLE ALWAYS TRIGGER observations_edited;
                """);
        }
    }
}
