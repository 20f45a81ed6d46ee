using DropIn.Domain;
using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class DisputeRulesTests
{
    private static readonly DateTimeOffset Monday = London.At(2026, 11, 23, 10, 0);
    private static readonly Guid Aisha = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();

    private static Dispute TwoSides()
    {
        var dispute = Dispute.Open(1, "Complaint between two students", "morgan", Monday);
        dispute.AddParty(Aisha, 1, null);
        dispute.AddParty(Ben, 2, null);
        dispute.Assign("sam", 1, Monday);
        dispute.Assign("priya", 2, Monday);
        return dispute;
    }

    [Fact]
    public void StaffOnASide_AreWalledOffFromTheOtherSide_Only_AndNeutralStaffAreNot()
    {
        var dispute = TwoSides();
        var later = Monday.AddHours(1);

        Assert.True(dispute.Blocks("sam", Ben, later));
        Assert.False(dispute.Blocks("sam", Aisha, later));
        Assert.True(dispute.Blocks("priya", Aisha, later));
        Assert.False(dispute.Blocks("alex", Aisha, later));
        Assert.False(dispute.Blocks("alex", Ben, later));
        Assert.Equal([Ben], InformationBarrier.BlockedStudents([dispute], "sam", later));
    }

    [Fact]
    public void MovingSides_KeepsTheHistory_SoThePastStaysAnswerable()
    {
        var dispute = TwoSides();
        dispute.Assign("sam", 2, Monday.AddDays(1));

        Assert.True(dispute.Blocks("sam", Ben, Monday.AddHours(1)));
        Assert.False(dispute.Blocks("sam", Ben, Monday.AddDays(2)));
        Assert.True(dispute.Blocks("sam", Aisha, Monday.AddDays(2)));
        Assert.Equal(2, dispute.Assignments.Count(a => a.StaffId == "sam"));
    }

    [Fact]
    public void UnassignedStaff_AndAnEndedDispute_BlockNothingFromThenOn()
    {
        var dispute = TwoSides();
        dispute.Unassign("priya", Monday.AddHours(2));
        dispute.End(Monday.AddDays(3));

        Assert.False(dispute.Blocks("priya", Aisha, Monday.AddHours(3)));
        Assert.True(dispute.Blocks("sam", Ben, Monday.AddDays(2)));
        Assert.False(dispute.Blocks("sam", Ben, Monday.AddDays(4)));
        Assert.Throws<RuleException>(() => dispute.Assign("sam", 1, Monday.AddDays(4)));
    }

    [Fact]
    public void AStudentIsOnOneSideOnly_AndSidesAreNumbered()
    {
        var dispute = TwoSides();

        Assert.Throws<RuleException>(() => dispute.AddParty(Aisha, 2, null));
        Assert.Throws<RuleException>(() => dispute.AddParty(Guid.NewGuid(), 0, null));
        Assert.Throws<RuleException>(() => dispute.AddParty(Guid.NewGuid(), Dispute.MaxSides + 1, null));
        Assert.Throws<RuleException>(() => Dispute.Open(2, " ", "morgan", Monday));
    }
}
