using DropIn.Domain;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

/// <summary>A reception tablet's life: added with a code, enrolled once within 15 minutes, re-enrolled, revoked.</summary>
public sealed class KioskDeviceTests
{
    private static readonly DateTimeOffset Added = London.At(2026, 11, 24, 9, 0);

    [Fact]
    public void TheCode_WorksOnce_WithinFifteenMinutes_AndTheTabletIsThenKnownByItsToken()
    {
        var kiosk = KioskDevice.Add("Reception tablet", "code-1", "manager-1", Added, []);

        Assert.False(kiosk.Accepts("token-1"));
        kiosk.Enrol("code-1", "token-1", Added.AddMinutes(14).AddSeconds(59));

        Assert.True(kiosk.Accepts("token-1"));
        Assert.False(kiosk.Accepts("token-2"));
        var again = Assert.Throws<RuleException>(() => kiosk.Enrol("code-1", "token-2", Added.AddMinutes(15)));
        Assert.Equal(KioskDevice.WrongCodeText, again.Message);
        Assert.True(kiosk.Accepts("token-1"));
    }

    [Fact]
    public void ACode_TypedFifteenMinutesLate_OrWrong_IsRefusedInTheSameWords()
    {
        var kiosk = KioskDevice.Add("Reception tablet", "code-1", "manager-1", Added, []);

        Assert.Equal(KioskDevice.WrongCodeText, Assert.Throws<RuleException>(() => kiosk.Enrol("code-1", "token-1", Added.AddMinutes(15))).Message);
        Assert.Equal(KioskDevice.WrongCodeText, Assert.Throws<RuleException>(() => kiosk.Enrol("code-2", "token-1", Added)).Message);
        Assert.False(kiosk.Accepts("token-1"));
    }

    [Fact]
    public void ANewCode_ReplacesTheTabletsToken_OnceTyped()
    {
        var kiosk = KioskDevice.Add("Reception tablet", "code-1", "manager-1", Added, []);
        kiosk.Enrol("code-1", "old-token", Added.AddMinutes(1));

        kiosk.NewEnrolmentCode("code-2", Added.AddDays(30));
        Assert.True(kiosk.Accepts("old-token")); // still in use until the new code is typed
        kiosk.Enrol("code-2", "new-token", Added.AddDays(30).AddMinutes(5));

        Assert.False(kiosk.Accepts("old-token"));
        Assert.True(kiosk.Accepts("new-token"));
    }

    [Fact]
    public void Revoking_StopsTheToken_AndAnyWaitingCode_AndCannotBeUndoneByANewCode()
    {
        var kiosk = KioskDevice.Add("Reception tablet", "code-1", "manager-1", Added, []);
        kiosk.Enrol("code-1", "token-1", Added.AddMinutes(1));
        kiosk.NewEnrolmentCode("code-2", Added.AddMinutes(2));

        kiosk.Revoke("manager-2", Added.AddMinutes(3));
        kiosk.Revoke("manager-3", Added.AddMinutes(4));

        Assert.False(kiosk.Accepts("token-1"));
        Assert.False(kiosk.AcceptsEnrolmentCode("code-2", Added.AddMinutes(5)));
        Assert.Equal("manager-2", kiosk.RevokedBy);
        Assert.Equal(Added.AddMinutes(3), kiosk.RevokedAt);
        Assert.Throws<RuleException>(() => kiosk.NewEnrolmentCode("code-3", Added.AddMinutes(6)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A name far too long for a kiosk, more than sixty characters in all")]
    public void AKiosk_NeedsAName_ThatFits(string name) =>
        Assert.Throws<RuleException>(() => KioskDevice.Add(name, "code-1", "manager-1", Added, []));

    [Fact]
    public void TwoKiosksInUse_NeverShareAName_ButARevokedOnesNameIsFree()
    {
        var first = KioskDevice.Add("Reception tablet", "code-1", "manager-1", Added, []);

        var same = Assert.Throws<RuleException>(() => KioskDevice.Add(" reception TABLET ", "code-2", "manager-1", Added, [first]));
        Assert.Contains("already in use", same.Message, StringComparison.Ordinal);
        Assert.Equal("Reception tablet 2", KioskDevice.Add("Reception tablet 2", "code-2", "manager-1", Added, [first]).Name);

        first.Revoke("manager-1", Added.AddMinutes(1));
        Assert.Equal("Reception tablet", KioskDevice.Add("Reception tablet", "code-3", "manager-1", Added.AddMinutes(2), [first]).Name);
    }
}
