using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class StudentRulesTests
{
    private static readonly DateTimeOffset Now = London.At(2026, 11, 23, 10, 0);

    private static Student Register(string name, string? email = null, string? number = null) =>
        Student.Register(new StudentProfile(name, Email: email, StudentNumber: number), "rita", Now);

    [Theory]
    [InlineData(StudentStatus.Current, null, true)]
    [InlineData(StudentStatus.Intermitting, null, true)]
    [InlineData(StudentStatus.Former, null, false)]
    [InlineData(StudentStatus.Former, "  ", false)]
    [InlineData(StudentStatus.Former, "Appeal about her final-year result", true)]
    [InlineData(StudentStatus.Prospective, null, false)]
    [InlineData(StudentStatus.Prospective, "Offer withdrawn after a disability disclosure", true)]
    public void Eligibility_FormerAndProspective_NeedTheMatterRecorded(StudentStatus status, string? note, bool eligible)
    {
        var register = () => Student.Register(new StudentProfile("Ada Lovelace", Status: status, EligibilityNote: note), "rita", Now);

        if (eligible)
        {
            Assert.Equal(status, register().Status);
        }
        else
        {
            Assert.Contains("time as a student", Assert.Throws<RuleException>(register).Message.Replace("application or admission", "time as a student"));
        }
    }

    [Theory]
    [InlineData("", "Enter the student's name.")]
    [InlineData("Ada", "email address does not look right", "not-an-email")]
    public void Register_BadInput_SaysWhatIsWrong(string name, string expected, string? email = null)
    {
        var ex = Assert.Throws<RuleException>(() => Register(name, email));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Register_NormalisesEmailAndId_AndKeepsSearchKeys()
    {
        var student = Register("  Zoë O'Brien ", " ZO123@Cam.AC.uk ", "zo123");

        Assert.Equal("Zoë O'Brien", student.Name);
        Assert.Equal("zo123@cam.ac.uk", student.Email);
        Assert.Equal("ZO123", student.StudentNumber);
        Assert.Equal("zoe obrien", student.NameKey);
        Assert.Equal(NameKey.Soundex("Obrien"), student.SurnameSound);
    }

    [Theory]
    [InlineData("Smith", "S530")]
    [InlineData("Smyth", "S530")]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    public void Soundex_MatchesTheStandardCodes(string name, string code) => Assert.Equal(code, NameKey.Soundex(name));

    [Fact]
    public void Duplicates_SameEmailOrId_SameOrSoundAlikeName_AreReported_AndStrangersAreNot()
    {
        var existing = Register("Aisha Rahman", "ar123@cam.ac.uk", "AR123");

        Assert.Contains("same email", DuplicateCheck.Reasons(new StudentProfile("A. Rahman", Email: "ar123@cam.ac.uk"), existing));
        Assert.Contains("same student number or CRSid", DuplicateCheck.Reasons(new StudentProfile("Someone", StudentNumber: "AR123"), existing));
        Assert.Contains("same name", DuplicateCheck.Reasons(new StudentProfile("aisha  RAHMAN"), existing));
        Assert.Contains("similar name", DuplicateCheck.Reasons(new StudentProfile("Ayesha Rehman"), existing));
        Assert.Contains("similar name", DuplicateCheck.Reasons(new StudentProfile("Aisha Rahmann"), existing));
        Assert.Empty(DuplicateCheck.Reasons(new StudentProfile("Tom Whitfield", Email: "tw1@cam.ac.uk"), existing));
        Assert.Empty(DuplicateCheck.Reasons(new StudentProfile("Brian Rahman"), existing));
    }

    [Fact]
    public void LastInvolvement_IsTheLatestInvolvement_NeverMovedBack()
    {
        var student = Register("Ada Lovelace");

        student.RecordInvolvement(Now.AddDays(3));
        student.RecordInvolvement(Now.AddDays(1));

        Assert.Equal(Now.AddDays(3), student.LastInvolvementAt);
    }

    [Fact]
    public void Absorb_FillsGapsKeepsTheLatestInvolvement_AndMarksTheDuplicateMerged()
    {
        var keep = Register("Aisha Rahman", "ar123@cam.ac.uk");
        var duplicate = Student.Register(new StudentProfile("Aisha Rahman", StudentNumber: "AR123", College: "Girton"), "sam", Now.AddDays(-30));
        duplicate.RecordInvolvement(Now.AddDays(2));

        keep.Absorb(duplicate);

        Assert.Equal("ar123@cam.ac.uk", keep.Email);
        Assert.Equal("AR123", keep.StudentNumber);
        Assert.Equal("Girton", keep.College);
        Assert.Equal(Now.AddDays(-30), keep.RegisteredAt);
        Assert.Equal(Now.AddDays(2), keep.LastInvolvementAt);
        Assert.Equal(keep.Id, duplicate.MergedIntoId);
        Assert.Throws<RuleException>(() => keep.Absorb(duplicate));
        Assert.Throws<RuleException>(() => keep.Absorb(keep));
    }
}
