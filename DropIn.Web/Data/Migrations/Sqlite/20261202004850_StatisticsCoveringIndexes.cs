using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_CheckedInAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SessionId_Status",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Enquiries_ReceivedAt",
                table: "Enquiries");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ClosedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OpenedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_Start_Status",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CheckedInAt_StudentId",
                table: "Tickets",
                columns: new[] { "CheckedInAt", "StudentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SessionId_Status_CheckedInAt_CalledAt",
                table: "Tickets",
                columns: new[] { "SessionId", "Status", "CheckedInAt", "CalledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Enquiries_ReceivedAt_Statistics",
                table: "Enquiries",
                columns: new[] { "ReceivedAt", "StudentId", "Channel", "AcknowledgedAt", "TargetAt", "BreachAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ClosedAt_Outcome",
                table: "Cases",
                columns: new[] { "ClosedAt", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OpenedAt_CategoryId_StudentId",
                table: "Cases",
                columns: new[] { "OpenedAt", "CategoryId", "StudentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_Start_Status_StudentId",
                table: "Appointments",
                columns: new[] { "Start", "Status", "StudentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_CheckedInAt_StudentId",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SessionId_Status_CheckedInAt_CalledAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Enquiries_ReceivedAt_Statistics",
                table: "Enquiries");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ClosedAt_Outcome",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_OpenedAt_CategoryId_StudentId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_Start_Status_StudentId",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CheckedInAt",
                table: "Tickets",
                column: "CheckedInAt");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SessionId_Status",
                table: "Tickets",
                columns: new[] { "SessionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Enquiries_ReceivedAt",
                table: "Enquiries",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ClosedAt",
                table: "Cases",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_OpenedAt",
                table: "Cases",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_Start_Status",
                table: "Appointments",
                columns: new[] { "Start", "Status" });
        }
    }
}
