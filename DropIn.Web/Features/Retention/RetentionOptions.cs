using System.ComponentModel.DataAnnotations;
using DropIn.Domain.Retention;

namespace DropIn.Web.Features.Retention;

/// <summary>Settings under <c>DropIn:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "DropIn:Retention";

    /// <summary>Records are kept this many years from a student's last involvement (the code of practice says seven).</summary>
    [Range(1, RetentionPolicy.MaxYears)]
    public int Years { get; set; } = RetentionPolicy.DefaultYears;

    /// <summary>
    /// File reviews and assessor visits are the service's records, not a student's: each is kept this many years from
    /// when it was drawn or given (7 by default), whatever happens to the student's record.
    /// </summary>
    [Range(1, RetentionPolicy.MaxYears)]
    public int ReviewYears { get; set; } = 7;

    public RetentionPolicy Policy => new(Years);
}
