using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;

namespace DropIn.Tests.Domain;

/// <summary>One student, however their university email was typed: the duplicate check and the barrier's conflict check agree.</summary>
public sealed class StudentIdentityRulesTests
{
    private static readonly DateTimeOffset Now = London.At(2026, 11, 23, 10, 0);

    private static Student Register(string name, string? email) => Student.Register(new StudentProfile(name, Email: email), "rita", Now);

    [Theory]
    [InlineData("ab123@cam.ac.uk", "ab123@cam.ac.uk")]
    [InlineData(" AB123@Cam.AC.uk\t", "ab123@cam.ac.uk")]
    [InlineData("ab123+appeal@cam.ac.uk", "ab123@cam.ac.uk")]
    [InlineData("AB123+a+b@cam.ac.uk", "ab123@cam.ac.uk")]
    [InlineData("+x@cam.ac.uk", "+x@cam.ac.uk")]
    [InlineData("ab123", "ab123")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void UniversityEmail_Key_IgnoresCaseSpacesAndSubaddress(string? typed, string? key) =>
        Assert.Equal(key, UniversityEmail.Key(typed));

    [Fact]
    public void UniversityEmail_Same_NeverMatchesTwoEmptyAddresses() => Assert.False(UniversityEmail.Same(null, " "));

    [Theory]
    [InlineData("ab123+x@cam.ac.uk")]
    [InlineData("AB123@cam.ac.uk")]
    [InlineData(" ab123+appeal@CAM.ac.uk ")]
    public void DuplicateCheck_AnotherSpellingOfTheSameMailbox_IsTheSameEmail(string spelling)
    {
        var existing = Register("Ada Lovelace", "ab123@cam.ac.uk");

        var reasons = DuplicateCheck.Reasons(new StudentProfile("Someone Else", Email: spelling), existing);

        Assert.Equal(["same email"], reasons);
    }

    [Fact]
    public void DuplicateCheck_ADifferentMailbox_IsNotTheSameEmail()
    {
        var existing = Register("Ada Lovelace", "ab123@cam.ac.uk");

        Assert.Empty(DuplicateCheck.Reasons(new StudentProfile("Someone Else", Email: "ab1234@cam.ac.uk"), existing));
    }

    [Fact]
    public void BarrierLens_AnUnlinkedRowWithATaggedEmailOfAWalledParty_IsHidden()
    {
        var party = Register("Ada Lovelace", "ab123@cam.ac.uk");
        var lens = new BarrierLens(new HashSet<Guid> { party.Id }, [party]);

        Assert.True(lens.Hides(null, "A. Student", "AB123+queue@cam.ac.uk"));
        Assert.False(lens.Hides(null, "A. Student", "cd456@cam.ac.uk"));
    }
}
