using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CheckedInAt",
                table: "Tickets",
                column: "CheckedInAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ClosedAt",
                table: "Cases",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OpenedAt",
                table: "Cases",
                column: "OpenedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_CheckedInAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ClosedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OpenedAt",
                table: "Cases");
        }
    }
}
