using DropIn.Domain;
using DropIn.Domain.Conduct;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class ConductRulesTests
{
    private static readonly DateTimeOffset Now = London.At(2026, 11, 23, 10, 0);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Guid Ada = Guid.NewGuid();
    private static readonly AlternativeSource CitizensAdvice = new(Guid.NewGuid(), "Citizens Advice", "Independent advice", "0800 144 8848");

    private static WithdrawalDecision Decision(IncidentKind grounds = IncidentKind.AggressiveLanguage, DateOnly? reviewOn = null, string? noWarning = null, Guid? alternative = null, string? noAlternative = null) =>
        new(grounds, "Shouted at reception twice after a warning.", reviewOn ?? Today.AddMonths(6), noWarning, alternative ?? CitizensAdvice.Id, noAlternative, LetterDelivery.Email);

    private static ConductWarning Warned() => ConductWarning.Issue(Ada, IncidentKind.AggressiveLanguage, "Dear Ada", LetterDelivery.Email, "morgan", Now.AddDays(-14));

    [Fact]
    public void Incident_IsOneKind_NotInTheFuture_WithADescription()
    {
        var incident = ConductIncident.Record(Ada, IncidentKind.ExcessiveDemands, Now.AddHours(-1), "  Demanded to be seen first.  ", "rita", Now);

        Assert.Equal("Demanded to be seen first.", incident.Description);
        Assert.Contains("one kind", Assert.Throws<RuleException>(() => ConductIncident.Record(Ada, IncidentKind.AggressiveLanguage | IncidentKind.ViolenceOrThreat, Now, "x", "rita", Now)).Message);
        Assert.Contains("future", Assert.Throws<RuleException>(() => ConductIncident.Record(Ada, IncidentKind.AggressiveLanguage, Now.AddHours(1), "x", "rita", Now)).Message);
        Assert.Contains("Describe", Assert.Throws<RuleException>(() => ConductIncident.Record(Ada, IncidentKind.AggressiveLanguage, Now, " ", "rita", Now)).Message);
        Assert.Throws<RuleException>(() => ConductIncident.Record(Ada, (IncidentKind)512, Now, "x", "rita", Now));
    }

    [Fact]
    public void Warning_NamesAtLeastOneBehaviour_AndKeepsTheLetterAsIssued()
    {
        var warning = ConductWarning.Issue(Ada, IncidentKind.AggressiveLanguage | IncidentKind.ExcessiveDemands, " The letter ", LetterDelivery.Post, "morgan", Now);

        Assert.Equal("The letter", warning.LetterText);
        Assert.Equal(LetterDelivery.Post, warning.Delivery);
        Assert.Throws<RuleException>(() => ConductWarning.Issue(Ada, IncidentKind.None, "x", LetterDelivery.Email, "morgan", Now));
        Assert.Throws<RuleException>(() => ConductWarning.Issue(Ada, IncidentKind.AggressiveLanguage, "", LetterDelivery.Email, "morgan", Now));
    }

    [Fact]
    public void Decision_WithoutAPriorWarning_MustSayWhyOneWasNotPossible()
    {
        var refused = Assert.Throws<RuleException>(() => Withdrawal.Decide(Ada, Decision(IncidentKind.ViolenceOrThreat), null, CitizensAdvice, "Notice", "morgan", Now, Today));
        var decided = Withdrawal.Decide(Ada, Decision(IncidentKind.ViolenceOrThreat, noWarning: "Threatened violence: a warning would put staff at risk"), null, CitizensAdvice, "Notice", "morgan", Now, Today);

        Assert.Contains("warning", refused.Message);
        Assert.Equal("Threatened violence: a warning would put staff at risk", decided.NoWarningReason);
        Assert.Null(decided.WarningId);
        Assert.True(decided.IsActive);
    }

    [Fact]
    public void Decision_AfterAWarning_LinksIt_AndIgnoresAnyNoWarningReason()
    {
        var warning = Warned();

        var decided = Withdrawal.Decide(Ada, Decision(noWarning: "not needed"), warning, CitizensAdvice, "Notice", "morgan", Now, Today);

        Assert.Equal(warning.Id, decided.WarningId);
        Assert.Null(decided.NoWarningReason);
        Assert.Equal("Citizens Advice", decided.AlternativeName);
        Assert.Equal("0800 144 8848", decided.AlternativeContact);
    }

    [Fact]
    public void MissedAppointments_AreAGround_OnlyAfterAWarning()
    {
        var refused = Assert.Throws<RuleException>(() => Withdrawal.Validate(Decision(IncidentKind.MissedAppointmentsAfterWarning, noWarning: "no time"), null, CitizensAdvice, Today));

        Assert.Contains("only after a warning", refused.Message);
        Withdrawal.Validate(Decision(IncidentKind.MissedAppointmentsAfterWarning), Warned(), CitizensAdvice, Today);
    }

    [Theory]
    [InlineData(0, "after today")]
    [InlineData(-3, "after today")]
    [InlineData(366, "12 months")]
    public void ReviewDate_IsInTheFuture_AndWithinAYear(int days, string expected)
    {
        var refused = Assert.Throws<RuleException>(() => Withdrawal.Validate(Decision(reviewOn: Today.AddDays(days)), Warned(), CitizensAdvice, Today));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void AnAlternativeSourceOfAdvice_IsOffered_OrWhyNotIsRecorded()
    {
        var refused = Assert.Throws<RuleException>(() => Withdrawal.Validate(Decision() with { AlternativeId = null }, Warned(), null, Today));
        var retired = Assert.Throws<RuleException>(() => Withdrawal.Validate(Decision(), Warned(), null, Today));
        var none = Withdrawal.Decide(Ada, Decision() with { AlternativeId = null, NoAlternativeReason = "Nobody else advises on this" }, Warned(), null, "Notice", "morgan", Now, Today);

        Assert.Contains("alternative", refused.Message);
        Assert.Contains("no longer in the referral directory", retired.Message);
        Assert.Equal("Nobody else advises on this", none.NoAlternativeReason);
        Assert.Null(none.AlternativeName);
    }

    [Fact]
    public void Lifting_NeedsAReason_AndHappensOnce_AndTheReviewCanMove()
    {
        var withdrawal = Withdrawal.Decide(Ada, Decision(), Warned(), CitizensAdvice, "Notice", "morgan", Now, Today);
        Assert.False(withdrawal.ReviewDue(Today));
        Assert.True(withdrawal.ReviewDue(Today.AddMonths(6)));

        Assert.Throws<RuleException>(() => withdrawal.SetNextReview(Today, Today));
        withdrawal.SetNextReview(Today.AddMonths(2), Today);
        Assert.Contains("reason", Assert.Throws<RuleException>(() => withdrawal.Lift(" ", "morgan", Now)).Message);
        withdrawal.Lift("Apologised and agreed how we work together", "morgan", Now.AddDays(1));

        Assert.False(withdrawal.IsActive);
        Assert.False(withdrawal.ReviewDue(Today.AddYears(1)));
        Assert.Equal(Today.AddMonths(2), withdrawal.ReviewOn);
        Assert.Contains("already been lifted", Assert.Throws<RuleException>(() => withdrawal.Lift("again", "morgan", Now)).Message);
    }

    [Fact]
    public void Letters_NameTheBehaviour_TheConsequence_TheReasons_AndTheAlternative()
    {
        var warning = ConductLetters.Warning("Ada Lovelace", IncidentKind.AggressiveLanguage, Today, "Student Advice Service, Mill Lane");
        var notice = ConductLetters.Notice("Ada Lovelace", Decision(reviewOn: new DateOnly(2027, 5, 23)), CitizensAdvice, Today, "Student Advice Service, Mill Lane");

        Assert.Contains("Dear Ada Lovelace", warning);
        Assert.Contains("aggressive or inappropriate verbal or written language", warning);
        Assert.Contains("written warning", warning);
        Assert.Contains("may withdraw its service", warning);
        Assert.Contains("Shouted at reception twice", notice);
        Assert.Contains("Citizens Advice", notice);
        Assert.Contains("0800 144 8848", notice);
        Assert.Contains("23 May 2027", notice);
        Assert.DoesNotContain("withdraw", ConductLetters.EmailSubject, StringComparison.OrdinalIgnoreCase);
    }
}
