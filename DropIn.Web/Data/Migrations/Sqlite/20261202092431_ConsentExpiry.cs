using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DropIn.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<long>(
                name: "RenewalPromptedAt",
                table: "Consents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenewedBy",
                table: "Consents",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RenewedOn",
                table: "Consents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Consents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Consent recorded before it expired lasts the default six months from the day it was given (to the month's
            // last day when the month is shorter, as DateOnly.AddMonths does): what is older is expired at once, and
            // prompts to renew go for it where the student has an open case.
            migrationBuilder.Sql("""
                UPDATE Consents SET ExpiresOn = CASE
                    WHEN strftime('%d', date(GivenOn, '+6 months')) = strftime('%d', GivenOn) THEN date(GivenOn, '+6 months')
                    ELSE date(GivenOn, 'start of month', '+7 months', '-1 day') END;
                """);

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
