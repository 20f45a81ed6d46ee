using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseOpening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ConflictCheckedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConflictCheckedBy",
                table: "Cases",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConflictDisputes",
                table: "Cases",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConflictFinding",
                table: "Cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InformationGiven",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "InformationGivenAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InformationGivenBy",
                table: "Cases",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InformationGivenHow",
                table: "Cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConflictCheckedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ConflictCheckedBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ConflictDisputes",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ConflictFinding",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "InformationGiven",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "InformationGivenAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "InformationGivenBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "InformationGivenHow",
                table: "Cases");
        }
    }
}
