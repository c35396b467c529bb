using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <summary>
    /// Disclosure decisions are stored where an edition is loaded (Disclosure/DisclosureDecisions): the
    /// figures withheld, and the one rule they were decided with. Every decision run rewrites the rule's
    /// row, which announces the change like an edition does (migration DataChangeNotifications). A
    /// database migrated with figures already loaded has no decisions yet: the API serves no figures
    /// until `ingest run` or `ingest disclosure decide` has taken them. Loads only insert figures; a
    /// figure changed or removed by hand (UPDATE, DELETE, TRUNCATE of observations) makes every
    /// decision out of date (the rule's row is removed), so the API stops serving figures until they
    /// are decided again, rather than serve a small count that no decision has seen.
    /// </summary>
    public partial class DisclosureDecisionsAtLoad : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "disclosure_rule",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    protection_level = table.Column<int>(type: "integer", nullable: false),
                    catalogue_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disclosure_rule", x => x.id);
                    table.CheckConstraint("ck_disclosure_rule_single_row", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "withheld_figures",
                columns: table => new
                {
                    observation_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_withheld_figures", x => x.observation_id);
                    table.ForeignKey(
                        name: "fk_withheld_figures_observations_observation_id",
                        column: x => x.observation_id,
                        principalTable: "observations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""
                CREATE TRIGGER disclosure_rule_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON disclosure_rule
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
                ALTER TABLE disclosure_rule ENABLE ALWAYS TRIGGER disclosure_rule_changed;

                CREATE FUNCTION figures_edited_by_hand() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM disclosure_rule;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER observations_edited AFTER UPDATE OR DELETE OR TRUNCATE ON observations
                    FOR EACH STATEMENT EXECUTE FUNCTION figures_edited_by_hand();
                ALTER TABLE observations ENABLE ALWAYS TRIGGER observations_edited;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER observations_edited ON observations; DROP FUNCTION figures_edited_by_hand();");
            migrationBuilder.Sql("DROP TRIGGER disclosure_rule_changed ON disclosure_rule;");
            migrationBuilder.DropTable(
                name: "disclosure_rule");

            migrationBuilder.DropTable(
                name: "withheld_figures");
        }
    }
}
