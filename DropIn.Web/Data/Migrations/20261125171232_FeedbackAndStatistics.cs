using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackAndStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FeedbackPermissionAt",
                table: "Students",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeedbackPermissionBy",
                table: "Students",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FeedbackPermissionGiven",
                table: "Students",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "StudentStatus",
                table: "StatisticsRemnants",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "StatisticsRemnants",
                type: "TEXT",
                maxLength: 30,
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "LevelOfStudy",
                table: "StatisticsRemnants",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "StatisticsRemnants",
                type: "TEXT",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FeedbackPermissionAt",
                table: "Appointments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FeedbackInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OnceKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Used = table.Column<bool>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    StudentStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LevelOfStudy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackInvitations_Students_StudentId",
                        column: x => x.StudentId,
                        principalTable: "Students",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    StudentStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LevelOfStudy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    WouldRecommend = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    UnderstoodOptions = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Studies = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Wellbeing = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Comments = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackResponses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsRemnants_Closed",
                table: "StatisticsRemnants",
                column: "Closed");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackInvitations_OnceKey",
                table: "FeedbackInvitations",
                column: "OnceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackInvitations_StudentId",
                table: "FeedbackInvitations",
                column: "StudentId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackInvitations_TokenHash",
                table: "FeedbackInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackResponses_Kind_Month",
                table: "FeedbackResponses",
                columns: new[] { "Kind", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackInvitations");

            migrationBuilder.DropTable(
                name: "FeedbackResponses");

            migrationBuilder.DropIndex(
                name: "IX_StatisticsRemnants_Closed",
                table: "StatisticsRemnants");

            migrationBuilder.DropColumn(
                name: "FeedbackPermissionAt",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "FeedbackPermissionBy",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "FeedbackPermissionGiven",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "FeedbackPermissionAt",
                table: "Appointments");

            migrationBuilder.AlterColumn<int>(
                name: "StudentStatus",
                table: "StatisticsRemnants",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20);

            migrationBuilder.AlterColumn<int>(
                name: "Outcome",
                table: "StatisticsRemnants",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 30,
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "LevelOfStudy",
                table: "StatisticsRemnants",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20);

            migrationBuilder.AlterColumn<int>(
                name: "Channel",
                table: "StatisticsRemnants",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldNullable: true);
        }
    }
}
