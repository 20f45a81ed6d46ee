using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Conduct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "StudentStandings");

            migrationBuilder.CreateTable(
                name: "ConductIncidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConductIncidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConductIncidents_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConductWarnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Grounds = table.Column<int>(type: "INTEGER", nullable: false),
                    LetterText = table.Column<string>(type: "TEXT", nullable: false),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConductWarnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConductWarnings_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Withdrawals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Grounds = table.Column<int>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WarningId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NoWarningReason = table.Column<string>(type: "TEXT", nullable: true),
                    AlternativeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AlternativeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AlternativeContact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NoAlternativeReason = table.Column<string>(type: "TEXT", nullable: true),
                    NoticeText = table.Column<string>(type: "TEXT", nullable: false),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LiftedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    LiftReason = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Withdrawals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Withdrawals_ConductWarnings_WarningId",
                        column: x => x.WarningId,
                        principalTable: "ConductWarnings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Withdrawals_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConductIncidents_StudentId",
                table: "ConductIncidents",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_ConductWarnings_StudentId",
                table: "ConductWarnings",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_ReviewOn",
                table: "Withdrawals",
                column: "ReviewOn");

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_StudentId_LiftedAt",
                table: "Withdrawals",
                columns: new[] { "StudentId", "LiftedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_WarningId",
                table: "Withdrawals",
                column: "WarningId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConductIncidents");

            migrationBuilder.DropTable(
                name: "Withdrawals");

            migrationBuilder.DropTable(
                name: "ConductWarnings");

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "StudentStandings",
                type: "INTEGER",
                nullable: true);
        }
    }
}
