using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FileReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FileReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseReference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CaseworkerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comments = table.Column<string>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FileReviews_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ReviewCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCriteria", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewPlans",
                columns: table => new
                {
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FilesPerMonth = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewPlans", x => x.StaffId);
                });

            migrationBuilder.CreateTable(
                name: "FileReviewActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileReviewActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FileReviewActions_FileReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "FileReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FileReviewScores",
                columns: table => new
                {
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileReviewScores", x => new { x.ReviewId, x.CriterionId });
                    table.ForeignKey(
                        name: "FK_FileReviewScores_FileReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "FileReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FileReviewScores_ReviewCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "ReviewCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FileReviewActions_DoneAt_DueOn",
                table: "FileReviewActions",
                columns: new[] { "DoneAt", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FileReviewActions_ReviewId",
                table: "FileReviewActions",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_FileReviews_CaseId_Month",
                table: "FileReviews",
                columns: new[] { "CaseId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FileReviews_CaseworkerId_Month_Slot",
                table: "FileReviews",
                columns: new[] { "CaseworkerId", "Month", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FileReviews_ReviewerId",
                table: "FileReviews",
                column: "ReviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_FileReviewScores_CriterionId",
                table: "FileReviewScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCriteria_Name",
                table: "ReviewCriteria",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FileReviewActions");

            migrationBuilder.DropTable(
                name: "FileReviewScores");

            migrationBuilder.DropTable(
                name: "ReviewPlans");

            migrationBuilder.DropTable(
                name: "FileReviews");

            migrationBuilder.DropTable(
                name: "ReviewCriteria");
        }
    }
}
