using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConsentExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpiresOn",
                table: "Consents",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<long>(
                name: "RenewalPromptedAt",
                table: "Consents",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenewedBy",
                table: "Consents",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RenewedOn",
                table: "Consents",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Consents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Consent recorded before it expired lasts the default six months from the day it was given (PostgreSQL's
            // interval ends on the month's last day when the month is shorter, as DateOnly.AddMonths does).
            migrationBuilder.Sql("""UPDATE "Consents" SET "ExpiresOn" = ("GivenOn" + interval '6 months')::date;""");

            migrationBuilder.CreateIndex(
                name: "IX_Consents_ExpiresOn",
                table: "Consents",
                column: "ExpiresOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Consents_ExpiresOn",
                table: "Consents");

            migrationBuilder.DropColumn(
                name: "ExpiresOn",
                table: "Consents");

            migrationBuilder.DropColumn(
                name: "RenewalPromptedAt",
                table: "Consents");

            migrationBuilder.DropColumn(
                name: "RenewedBy",
                table: "Consents");

            migrationBuilder.DropColumn(
                name: "RenewedOn",
                table: "Consents");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Consents");
        }
    }
}
