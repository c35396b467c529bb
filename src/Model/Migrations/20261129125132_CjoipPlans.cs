using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// CJOIP plans (docs/plans.md). Changes to plans, action statuses and local KPI figures notify the
    /// data-changed channel like the datasets do (migration DataChangeNotifications), so the API's cached
    /// answers are never older than the last plan load or recorded status.
    /// </summary>
    public partial class CjoipPlans : Migration
    {
        private static readonly string[] NotifyingTables = ["partnerships", "partnership_areas", "plan_editions", "action_statuses", "kpi_figures"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "partnerships",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partnerships", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "partnership_areas",
                columns: table => new
                {
                    partnership_id = table.Column<int>(type: "integer", nullable: false),
                    area_code = table.Column<string>(type: "character varying(9)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partnership_areas", x => new { x.partnership_id, x.area_code });
                    table.ForeignKey(
                        name: "fk_partnership_areas_areas_area_code",
                        column: x => x.area_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_partnership_areas_partnerships_partnership_id",
                        column: x => x.partnership_id,
                        principalTable: "partnerships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    partnership_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_plans_partnerships_partnership_id",
                        column: x => x.partnership_id,
                        principalTable: "partnerships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_editions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    edition_date = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    is_latest = table.Column<bool>(type: "boolean", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    file_sha256 = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    starts = table.Column<DateOnly>(type: "date", nullable: false),
                    ends = table.Column<DateOnly>(type: "date", nullable: false),
                    published = table.Column<DateOnly>(type: "date", nullable: false),
                    source_document = table.Column<string>(type: "text", nullable: false),
                    source_url = table.Column<string>(type: "text", nullable: true),
                    source_reference = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_editions", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_editions_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "action_statuses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    action_number = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    as_published = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    recorded_by = table.Column<string>(type: "text", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    plan_edition_id = table.Column<int>(type: "integer", nullable: true),
                    api_key_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_statuses", x => x.id);
                    table.ForeignKey(
                        name: "fk_action_statuses_api_keys_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_action_statuses_plan_editions_plan_edition_id",
                        column: x => x.plan_edition_id,
                        principalTable: "plan_editions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_action_statuses_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kpi_figures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    kpi_number = table.Column<string>(type: "text", nullable: false),
                    period_label = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    recorded_by = table.Column<string>(type: "text", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    plan_edition_id = table.Column<int>(type: "integer", nullable: true),
                    api_key_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_figures", x => x.id);
                    table.CheckConstraint("ck_kpi_figures_value_only_when_published", "(status = 'Published') = (value IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_kpi_figures_api_keys_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_kpi_figures_plan_editions_plan_edition_id",
                        column: x => x.plan_edition_id,
                        principalTable: "plan_editions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_kpi_figures_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_edition_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    heading = table.Column<string>(type: "text", nullable: false),
                    national_aim_number = table.Column<int>(type: "integer", nullable: true),
                    priority_action_numbers = table.Column<int[]>(type: "integer[]", nullable: false),
                    national_outcome_numbers = table.Column<int[]>(type: "integer[]", nullable: false),
                    local_outcome = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_items_national_aims_national_aim_number",
                        column: x => x.national_aim_number,
                        principalTable: "national_aims",
                        principalColumn: "number");
                    table.ForeignKey(
                        name: "fk_plan_items_plan_editions_plan_edition_id",
                        column: x => x.plan_edition_id,
                        principalTable: "plan_editions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_actions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_item_id = table.Column<int>(type: "integer", nullable: false),
                    plan_edition_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "text", nullable: false),
                    wording = table.Column<string>(type: "text", nullable: false),
                    kpi_number = table.Column<string>(type: "text", nullable: true),
                    leads = table.Column<string[]>(type: "text[]", nullable: false),
                    due = table.Column<DateOnly>(type: "date", nullable: true),
                    due_wording = table.Column<string>(type: "text", nullable: true),
                    target_wording = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_actions_plan_editions_plan_edition_id",
                        column: x => x.plan_edition_id,
                        principalTable: "plan_editions",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_plan_actions_plan_items_plan_item_id",
                        column: x => x.plan_item_id,
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_kpis",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_item_id = table.Column<int>(type: "integer", nullable: false),
                    plan_edition_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "text", nullable: false),
                    wording = table.Column<string>(type: "text", nullable: false),
                    unit = table.Column<string>(type: "text", nullable: true),
                    polarity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    measured_locally = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    link_indicator_code = table.Column<string>(type: "text", nullable: true),
                    link_area_code = table.Column<string>(type: "character varying(9)", nullable: true),
                    link_whole_partnership = table.Column<bool>(type: "boolean", nullable: true),
                    link_sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    link_age_band_code = table.Column<string>(type: "text", nullable: true),
                    baseline_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    baseline_period = table.Column<string>(type: "text", nullable: true),
                    baseline_value = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    baseline_wording = table.Column<string>(type: "text", nullable: true),
                    target_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    target_wording = table.Column<string>(type: "text", nullable: true),
                    target_due = table.Column<DateOnly>(type: "date", nullable: true),
                    target_period = table.Column<string>(type: "text", nullable: true),
                    target_comparison = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    target_value = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    target_difference = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    target_difference_unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    target_scotland_period = table.Column<string>(type: "text", nullable: true),
                    target_direction = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    target_year_on_year = table.Column<bool>(type: "boolean", nullable: true),
                    target_note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_kpis", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_kpis_age_bands_link_age_band_code",
                        column: x => x.link_age_band_code,
                        principalTable: "age_bands",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_kpis_areas_link_area_code",
                        column: x => x.link_area_code,
                        principalTable: "areas",
                        principalColumn: "code");
                    table.ForeignKey(
                        name: "fk_plan_kpis_indicators_link_indicator_code",
                        column: x => x.link_indicator_code,
                        principalTable: "indicators",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_kpis_plan_editions_plan_edition_id",
                        column: x => x.plan_edition_id,
                        principalTable: "plan_editions",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_plan_kpis_plan_items_plan_item_id",
                        column: x => x.plan_item_id,
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_action_statuses_api_key_id",
                table: "action_statuses",
                column: "api_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_action_statuses_plan_edition_id",
                table: "action_statuses",
                column: "plan_edition_id");

            migrationBuilder.CreateIndex(
                name: "ix_action_statuses_plan_id_action_number_date",
                table: "action_statuses",
                columns: new[] { "plan_id", "action_number", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_kpi_figures_api_key_id",
                table: "kpi_figures",
                column: "api_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_kpi_figures_plan_edition_id",
                table: "kpi_figures",
                column: "plan_edition_id");

            migrationBuilder.CreateIndex(
                name: "ix_kpi_figures_plan_id_kpi_number_period_label",
                table: "kpi_figures",
                columns: new[] { "plan_id", "kpi_number", "period_label" });

            migrationBuilder.CreateIndex(
                name: "ix_partnership_areas_area_code",
                table: "partnership_areas",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_partnerships_code",
                table: "partnerships",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_actions_plan_edition_id_number",
                table: "plan_actions",
                columns: new[] { "plan_edition_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_actions_plan_item_id",
                table: "plan_actions",
                column: "plan_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_editions_one_latest",
                table: "plan_editions",
                column: "plan_id",
                unique: true,
                filter: "is_latest");

            migrationBuilder.CreateIndex(
                name: "ix_plan_editions_plan_id_file_sha256",
                table: "plan_editions",
                columns: new[] { "plan_id", "file_sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_items_national_aim_number",
                table: "plan_items",
                column: "national_aim_number");

            migrationBuilder.CreateIndex(
                name: "ix_plan_items_plan_edition_id",
                table: "plan_items",
                column: "plan_edition_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_kpis_link_age_band_code",
                table: "plan_kpis",
                column: "link_age_band_code");

            migrationBuilder.CreateIndex(
                name: "ix_plan_kpis_link_area_code",
                table: "plan_kpis",
                column: "link_area_code");

            migrationBuilder.CreateIndex(
                name: "ix_plan_kpis_link_indicator_code",
                table: "plan_kpis",
                column: "link_indicator_code");

            migrationBuilder.CreateIndex(
                name: "ix_plan_kpis_plan_edition_id_number",
                table: "plan_kpis",
                columns: new[] { "plan_edition_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_kpis_plan_item_id",
                table: "plan_kpis",
                column: "plan_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_plans_partnership_id_period",
                table: "plans",
                columns: new[] { "partnership_id", "period" },
                unique: true);

            foreach (var table in NotifyingTables)
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
            foreach (var table in NotifyingTables) migrationBuilder.Sql($"DROP TRIGGER {table}_changed ON {table};");

            migrationBuilder.DropTable(
                name: "action_statuses");

            migrationBuilder.DropTable(
                name: "kpi_figures");

            migrationBuilder.DropTable(
                name: "partnership_areas");

            migrationBuilder.DropTable(
                name: "plan_actions");

            migrationBuilder.DropTable(
                name: "plan_kpis");

            migrationBuilder.DropTable(
                name: "plan_items");

            migrationBuilder.DropTable(
                name: "plan_editions");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "partnerships");
        }
    }
}
