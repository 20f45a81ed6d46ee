using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OnlineQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HereAt",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "JoinedOnline",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "NearlyTurnSentAt",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "QueuedAt",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SteppedBackAt",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notice",
                table: "DropInSessions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OnlineJoinRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", nullable: false),
                    UrgentDeadlineToday = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessNeeds = table.Column<string>(type: "TEXT", nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Declined = table.Column<bool>(type: "INTEGER", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlineJoinRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OnlineJoinRequests_DropInSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DropInSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineJoinRequests_LinkHash",
                table: "OnlineJoinRequests",
                column: "LinkHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnlineJoinRequests_SessionId",
                table: "OnlineJoinRequests",
                column: "SessionId");

            // Tickets from before this migration stand in the queue where they checked in.
            migrationBuilder.Sql("UPDATE \"Tickets\" SET \"QueuedAt\" = \"CheckedInAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OnlineJoinRequests");

            migrationBuilder.DropColumn(
                name: "HereAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "JoinedOnline",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "NearlyTurnSentAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "QueuedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SteppedBackAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "Notice",
                table: "DropInSessions");
        }
    }
}
