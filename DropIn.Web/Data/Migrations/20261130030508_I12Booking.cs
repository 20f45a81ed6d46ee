using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class I12Booking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appointments_StudentEmail",
                table: "Appointments");

            migrationBuilder.AddColumn<string>(
                name: "EmailKey",
                table: "Students",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StudentEmailKey",
                table: "Appointments",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Students_EmailKey",
                table: "Students",
                column: "EmailKey");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_StudentEmailKey",
                table: "Appointments",
                column: "StudentEmailKey");

            // Rows stored before the key existed get it here, computed as DropIn.Domain.Cases.UniversityEmail.Key does:
            // trimmed, lower-case, without a "+tag". Keep this when migrations are regenerated (it is not in the model).
            migrationBuilder.Sql($"UPDATE Students SET EmailKey = {Key("Email")} WHERE Email IS NOT NULL AND trim(Email) <> '';");
            migrationBuilder.Sql($"UPDATE Appointments SET StudentEmailKey = {Key("StudentEmail")};");
            // No-show counts were kept per typed address; two spellings of one student stay apart only if both exist.
            migrationBuilder.Sql($"UPDATE OR IGNORE StudentStandings SET Email = {Key("Email")};");
        }

        /// <summary>SQL for the email key of <paramref name="column"/> (SQLite).</summary>
        private static string Key(string column)
        {
            var k = $"lower(trim({column}))";
            return $"CASE WHEN instr({k}, '+') > 1 AND instr({k}, '+') < instr({k}, '@') "
                + $"THEN substr({k}, 1, instr({k}, '+') - 1) || substr({k}, instr({k}, '@')) ELSE {k} END";
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Students_EmailKey",
                table: "Students");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_StudentEmailKey",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "EmailKey",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "StudentEmailKey",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_StudentEmail",
                table: "Appointments",
                column: "StudentEmail");
        }
    }
}
