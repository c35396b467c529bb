using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <inheritdoc />
    public partial class ObservationCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "denominator",
                table: "observations",
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "numerator",
                table: "observations",
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "denominator",
                table: "observations");

            migrationBuilder.DropColumn(
                name: "numerator",
                table: "observations");
        }
    }
}
