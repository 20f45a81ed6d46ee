using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Appointments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "StaffsDropIn",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "TakesAppointments",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Room = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    VideoLink = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StudentName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StudentEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StudentPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BookedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    HoldExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AttendanceRecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderQueuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ManageTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SlotKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaseworkerLeave",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseworkerLeave", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseworkerLeave_AspNetUsers_StaffId",
                        column: x => x.StaffId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseworkerWindows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseworkerWindows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseworkerWindows_AspNetUsers_StaffId",
                        column: x => x.StaffId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClosureDays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosureDays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    Calendar = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StudentStandings",
                columns: table => new
                {
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NoShows = table.Column<int>(type: "INTEGER", nullable: false),
                    WarningDueSince = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudentStandings", x => x.Email);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_ManageTokenHash",
                table: "Appointments",
                column: "ManageTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_SlotKey",
                table: "Appointments",
                column: "SlotKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_Start_Status",
                table: "Appointments",
                columns: new[] { "Start", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_StudentEmail",
                table: "Appointments",
                column: "StudentEmail");

            migrationBuilder.CreateIndex(
                name: "IX_CaseworkerLeave_StaffId",
                table: "CaseworkerLeave",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseworkerWindows_StaffId",
                table: "CaseworkerWindows",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SentAt_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "SentAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Appointments");

            migrationBuilder.DropTable(
                name: "CaseworkerLeave");

            migrationBuilder.DropTable(
                name: "CaseworkerWindows");

            migrationBuilder.DropTable(
                name: "ClosureDays");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "StudentStandings");

            migrationBuilder.DropColumn(
                name: "StaffsDropIn",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "TakesAppointments",
                table: "AspNetUsers");
        }
    }
}
