using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TicketChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Where each ticket was taken: a ticket that joined online keeps saying so (1, the phone).
            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "Tickets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql("UPDATE \"Tickets\" SET \"Channel\" = 1 WHERE \"JoinedOnline\";");

            migrationBuilder.DropColumn(
                name: "JoinedOnline",
                table: "Tickets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "JoinedOnline",
                table: "Tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("UPDATE \"Tickets\" SET \"JoinedOnline\" = \"Channel\" <> 0;");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Tickets");
        }
    }
}
