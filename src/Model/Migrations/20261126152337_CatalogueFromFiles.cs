using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <summary>
    /// Age bands and indicators move from model seed data to the catalogue files synced by
    /// ReferenceCatalogue.SyncAsync. The rows stay: observations refer to them, and the sync
    /// keeps them up to date, so nothing is deleted here.
    /// </summary>
    public partial class CatalogueFromFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
