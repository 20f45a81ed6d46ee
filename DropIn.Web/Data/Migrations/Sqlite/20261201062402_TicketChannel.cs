using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite keeps a boolean as 0 or 1, which are the desk and the phone: a ticket that joined online keeps saying so.
            migrationBuilder.RenameColumn(
                name: "JoinedOnline",
                table: "Tickets",
                newName: "Channel");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"Tickets\" SET \"Channel\" = 1 WHERE \"Channel\" <> 0;");
            migrationBuilder.RenameColumn(
                name: "Channel",
                table: "Tickets",
                newName: "JoinedOnline");
        }
    }
}
