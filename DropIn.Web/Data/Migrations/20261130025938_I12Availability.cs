using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class I12Availability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RuleLocks",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Taken = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleLocks", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RuleLocks");
        }
    }
}
