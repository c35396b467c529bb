using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <summary>
    /// The four council codes that replaced retired ones are valid from the day their succession took effect
    /// (ReferenceAreas.Successions: Fife and Perth and Kinross 2018-02-02, SSI 2017/430; Glasgow City and North
    /// Lanarkshire 2019-02-02). No reference data states when the other councils' codes came into use, so theirs stay null.
    /// </summary>
    public partial class CouncilCodeValidFrom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000047",
                column: "valid_from",
                value: new DateOnly(2018, 2, 2));

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000048",
                column: "valid_from",
                value: new DateOnly(2018, 2, 2));

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000049",
                column: "valid_from",
                value: new DateOnly(2019, 2, 2));

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000050",
                column: "valid_from",
                value: new DateOnly(2019, 2, 2));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000047",
                column: "valid_from",
                value: null);

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000048",
                column: "valid_from",
                value: null);

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000049",
                column: "valid_from",
                value: null);

            migrationBuilder.UpdateData(
                table: "areas",
                keyColumn: "code",
                keyValue: "S12000050",
                column: "valid_from",
                value: null);
        }
    }
}
