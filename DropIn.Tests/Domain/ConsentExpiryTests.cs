using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

/// <summary>
/// Consent to share lasts a set number of months; after that sharing is refused as if there were none, and the
/// caseworkers are prompted ten working days ahead to renew it.
/// </summary>
public sealed class ConsentExpiryTests
{
    private static readonly Guid StudentId = Guid.NewGuid();
    private static readonly WorkingCalendar Calendar = new([]);
    private static readonly EntryDraft ToTheTutor = new(EntryKind.Contact, "Emailed the Senior Tutor", Method: ContactMethod.Email, ThirdParty: "Senior Tutor, Girton");

    private static Consent Given(DateOnly on, int months = 6) =>
        Consent.Record(StudentId, "Senior Tutor, Girton", "The grounds of the appeal", "A letter of support", on, ConsentGivenBy.InPerson, months, "sam", LondonTime.ToInstant(on, new TimeOnly(10, 0)));

    private static TimelineEntry Share(Consent consent, DateTimeOffset at) => TimelineEntry.Record(Guid.NewGuid(), ToTheTutor, [consent], null, "sam", at);

    [Fact]
    public void ItCoversSharingUntilTheDayBeforeItExpires_ThenSharingIsRefusedSayingItExpired()
    {
        // Six months from 31 August is the end of February: the last day covered is 27 February 2027.
        var consent = Given(new DateOnly(2026, 8, 31));

        Assert.Equal(new DateOnly(2027, 2, 28), consent.ExpiresOn);
        Assert.Equal(consent.Id, Share(consent, London.At(2027, 2, 27, 16, 0)).ConsentId);
        var refused = Assert.Throws<RuleException>(() => Share(consent, London.At(2027, 2, 28, 9, 0)));
        Assert.Equal("The student's consent to share information with Senior Tutor, Girton expired on 28 February 2027. Renew it with the student before sharing.", refused.Message);
    }

    [Fact]
    public void TheDayItExpiresIsLondonsDay_AcrossTheAutumnClockChange()
    {
        // Expires 25 October 2026, the night the clocks go back: 23:30 UTC on the 24th is already the 25th in London (BST).
        var consent = Given(new DateOnly(2026, 4, 25));

        Assert.Equal(new DateOnly(2026, 10, 25), consent.ExpiresOn);
        Assert.Equal(consent.Id, Share(consent, new DateTimeOffset(2026, 10, 24, 22, 59, 0, TimeSpan.Zero)).ConsentId);
        Assert.Throws<RuleException>(() => Share(consent, new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ARenewalLastsTheMonthsFromTheDayTheStudentAgreedAgain_AndSharingWorksAgain()
    {
        var consent = Given(new DateOnly(2026, 1, 10));
        Assert.Throws<RuleException>(() => Share(consent, London.At(2026, 7, 13, 10, 0)));

        consent.Renew(new DateOnly(2026, 7, 13), ConsentGivenBy.Phone, 6, London.At(2026, 7, 13, 10, 5));

        Assert.Equal(new DateOnly(2027, 1, 13), consent.ExpiresOn);
        Assert.Equal(new DateOnly(2026, 7, 13), consent.RenewedOn);
        Assert.Equal(ConsentGivenBy.Phone, consent.RenewedBy);
        Assert.Equal(new DateOnly(2026, 1, 10), consent.GivenOn);
        Assert.Equal(consent.Id, Share(consent, London.At(2026, 7, 13, 11, 0)).ConsentId);
    }

    [Fact]
    public void WithdrawnConsentCannotBeRenewed_NorARenewalDatedAheadOrBeforeItWasGiven()
    {
        var consent = Given(new DateOnly(2026, 11, 2));
        var now = London.At(2026, 11, 30, 10, 0);

        Assert.Throws<RuleException>(() => consent.Renew(new DateOnly(2026, 12, 1), ConsentGivenBy.InPerson, 6, now));
        Assert.Throws<RuleException>(() => consent.Renew(new DateOnly(2026, 11, 1), ConsentGivenBy.InPerson, 6, now));
        consent.Withdraw(now);
        Assert.Contains("withdrawn", Assert.Throws<RuleException>(() => consent.Renew(new DateOnly(2026, 11, 30), ConsentGivenBy.InPerson, 6, now)).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public void ItLastsOneToTwentyFourMonths(int months) =>
        Assert.Throws<RuleException>(() => Given(new DateOnly(2026, 11, 2), months));

    [Fact]
    public void ThePromptToRenewFallsDueTenWorkingDaysAhead_CountingOverChristmasBankHolidays_AndGoesOncePerExpiry()
    {
        // Expires Tuesday 5 January 2027. Back over 4 Jan, 31, 30, 29 Dec (28 Dec is Boxing Day's substitute, 25 Dec
        // Christmas, 1 Jan New Year's Day), 24, 23, 22, 21, 18 and 17 December: due from Thursday 17 December.
        var consent = Given(new DateOnly(2026, 7, 5));
        Assert.Equal(new DateOnly(2027, 1, 5), consent.ExpiresOn);

        Assert.False(consent.RenewalPromptDue(new DateOnly(2026, 12, 16), Calendar));
        Assert.True(consent.RenewalPromptDue(new DateOnly(2026, 12, 17), Calendar));
        consent.MarkRenewalPrompted(London.At(2026, 12, 17, 9, 0));
        Assert.False(consent.RenewalPromptDue(new DateOnly(2026, 12, 18), Calendar));

        // Renewed, it prompts again before the new expiry, and not before.
        consent.Renew(new DateOnly(2026, 12, 18), ConsentGivenBy.Email, 6, London.At(2026, 12, 18, 10, 0));
        Assert.Equal(new DateOnly(2027, 6, 18), consent.ExpiresOn);
        Assert.False(consent.RenewalPromptDue(new DateOnly(2027, 6, 3), Calendar));
        Assert.True(consent.RenewalPromptDue(new DateOnly(2027, 6, 4), Calendar));
    }

    [Fact]
    public void AServiceClosureDayMovesThePromptEarlier_AndAnExpiredOrWithdrawnConsentIsHandledAtOnceOrNever()
    {
        // Expires Monday 1 March 2027; ten working days back is Monday 15 February, or Friday 12 February if the
        // service is closed on one of the days between.
        var consent = Given(new DateOnly(2026, 9, 1));
        var withClosure = new WorkingCalendar([new DateOnly(2027, 2, 22)]);

        Assert.False(consent.RenewalPromptDue(new DateOnly(2027, 2, 12), Calendar));
        Assert.True(consent.RenewalPromptDue(new DateOnly(2027, 2, 12), withClosure));
        Assert.True(consent.RenewalPromptDue(new DateOnly(2027, 4, 1), Calendar));
        consent.Withdraw(London.At(2027, 2, 1, 10, 0));
        Assert.False(consent.RenewalPromptDue(new DateOnly(2027, 2, 20), Calendar));
    }
}
