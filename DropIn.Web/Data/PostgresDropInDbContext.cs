using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (Data/Migrations/Postgres) are kept apart
/// from SQLite's, as EF Core documents for one model on two providers ("Migrations with multiple providers").
/// </summary>
public sealed class PostgresDropInDbContext(DbContextOptions<DropInDbContext> options, FieldProtection fieldProtection)
    : DropInDbContext(options, fieldProtection);
