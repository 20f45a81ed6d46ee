using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssessorVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SamplingConsentAt",
                table: "Students",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SamplingConsentBy",
                table: "Students",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SamplingConsentGiven",
                table: "Students",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssessorVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GrantedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SessionsEndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessorVisits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssessorVisitFiles",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessorVisitFiles", x => new { x.VisitId, x.CaseId });
                    table.ForeignKey(
                        name: "FK_AssessorVisitFiles_AssessorVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "AssessorVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessorVisits_AssessorId_EndsAt",
                table: "AssessorVisits",
                columns: new[] { "AssessorId", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AssessorVisits_SessionsEndedAt_EndsAt",
                table: "AssessorVisits",
                columns: new[] { "SessionsEndedAt", "EndsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessorVisitFiles");

            migrationBuilder.DropTable(
                name: "AssessorVisits");

            migrationBuilder.DropColumn(
                name: "SamplingConsentAt",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "SamplingConsentBy",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "SamplingConsentGiven",
                table: "Students");
        }
    }
}
