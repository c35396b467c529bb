using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <summary>
    /// Every statistical geography a lookup edition defines (data zones to health boards), not only Scotland and its
    /// councils: a wider level column, each area's validity and defining edition, and area_hierarchy (every containing
    /// area of each area, per lookup edition), which announces its changes like the other reference tables
    /// (migration DataChangeNotifications) so the API's in-memory hierarchy stays current.
    /// </summary>
    public partial class AreaLevelsAndHierarchy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "level",
                table: "areas",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AddColumn<int>(
                name: "defined_by_version_id",
                table: "areas",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "valid_from",
                table: "areas",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "valid_to",
                table: "areas",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "area_hierarchy",
                columns: table => new
                {
                    dataset_version_id = table.Column<int>(type: "integer", nullable: false),
                    area_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    ancestor_code = table.Column<string>(type: "character varying(9)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_hierarchy", x => new { x.dataset_version_id, x.area_code, x.ancestor_code });
                    table.ForeignKey(
                        name: "fk_area_hierarchy_areas_ancestor_code",
                        column: x => x.ancestor_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_area_hierarchy_areas_area_code",
                        column: x => x.area_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_area_hierarchy_dataset_versions_dataset_version_id",
                        column: x => x.dataset_version_id,
                        principalTable: "dataset_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000005",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000006",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000008",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000010",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000011",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000013",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000014",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000017",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000018",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000019",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000020",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000021",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000023",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000026",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000027",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000028",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000029",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000030",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000033",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000034",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000035",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000036",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000038",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000039",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000040",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000041",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000042",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000045",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000047",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000048",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000049",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000050",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S92000003",
                columns: new[] { "defined_by_version_id", "valid_from", "valid_to" },
                values: new object[] { null, null, null });

            migrationBuilder.CreateIndex(
                name: "ix_areas_defined_by_version_id",
                table: "areas",
                column: "defined_by_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_areas_level",
                table: "areas",
                column: "level");

            migrationBuilder.CreateIndex(
                name: "ix_area_hierarchy_ancestor_code_dataset_version_id",
                table: "area_hierarchy",
                columns: new[] { "ancestor_code", "dataset_version_id" });

            migrationBuilder.CreateIndex(
                name: "ix_area_hierarchy_area_code",
                table: "area_hierarchy",
                column: "area_code");

            migrationBuilder.AddForeignKey(
                name: "fk_areas_dataset_versions_defined_by_version_id",
                table: "areas",
                column: "defined_by_version_id",
                principalTable: "dataset_versions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql("""
                CREATE TRIGGER area_hierarchy_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON area_hierarchy
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();
                ALTER TABLE area_hierarchy ENABLE ALWAYS TRIGGER area_hierarchy_changed;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER area_hierarchy_changed ON area_hierarchy;");
            migrationBuilder.DropForeignKey(
                name: "fk_areas_dataset_versions_defined_by_version_id",
                table: "areas");

            migrationBuilder.DropTable(
                name: "area_hierarchy");

            migrationBuilder.DropIndex(
                name: "ix_areas_defined_by_version_id",
                table: "areas");

            migrationBuilder.DropIndex(
                name: "ix_areas_level",
                table: "areas");

            migrationBuilder.DropColumn(
                name: "defined_by_version_id",
                table: "areas");

            migrationBuilder.DropColumn(
                name: "valid_from",
                table: "areas");

            migrationBuilder.DropColumn(
                name: "valid_to",
                table: "areas");

            migrationBuilder.AlterColumn<string>(
                name: "level",
                table: "areas",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);
        }
    }
}
