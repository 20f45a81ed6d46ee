using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class EnquiryRulesTests
{
    private static readonly DateTimeOffset MondayTen = London.At(2026, 11, 23, 10, 0);
    private static readonly WorkingCalendar Calendar = new([]);

    private static Enquiry Record(DateTimeOffset? received = null) =>
        Enquiry.Record(EnquiryChannel.Email, received ?? MondayTen, MondayTen.AddHours(1), "Ada Lovelace", null, "Appeal question", null, "rita", Calendar);

    [Fact]
    public void StateAt_ReceivedMonday_OnTrackTuesday_DueWednesday_BreachedThursdayEvening()
    {
        var enquiry = Record();

        Assert.Equal(SlaState.OnTrack, enquiry.StateAt(London.At(2026, 11, 24, 12, 0)));
        Assert.Equal(SlaState.DueToday, enquiry.StateAt(London.At(2026, 11, 25, 9, 0)));
        Assert.Equal(SlaState.Overdue, enquiry.StateAt(London.At(2026, 11, 25, 17, 0)));
        Assert.Equal(SlaState.Breached, enquiry.StateAt(London.At(2026, 11, 26, 17, 0)));
    }

    [Fact]
    public void Acknowledge_EarlierThanReceiptOrInTheFuture_IsRefused()
    {
        var enquiry = Record();
        var now = MondayTen.AddHours(2);

        Assert.Throws<RuleException>(() => enquiry.Acknowledge("sam", AcknowledgementMethod.Phone, MondayTen.AddMinutes(-1), now));
        Assert.Throws<RuleException>(() => enquiry.Acknowledge("sam", AcknowledgementMethod.Phone, now.AddMinutes(1), now));
        enquiry.Acknowledge("sam", AcknowledgementMethod.Phone, MondayTen.AddMinutes(30), now);

        Assert.Equal(SlaState.Acknowledged, enquiry.StateAt(now));
        Assert.Throws<RuleException>(() => enquiry.Acknowledge("sam", AcknowledgementMethod.Email, now, now));
    }

    [Fact]
    public void Resolve_Closed_NeedsAReason_AndAcknowledgesIfNotYet()
    {
        var enquiry = Record();

        Assert.Throws<RuleException>(() => enquiry.Resolve(EnquiryOutcome.Closed, " ", "sam", MondayTen.AddHours(2)));
        enquiry.Resolve(EnquiryOutcome.Closed, "Answered by email: not for this service", "sam", MondayTen.AddHours(2));

        Assert.Equal(MondayTen.AddHours(2), enquiry.AcknowledgedAt);
        Assert.False(enquiry.IsOpen);
    }

    [Theory]
    [InlineData("", "Appeal", "who")]
    [InlineData("Ada", "", "summary")]
    public void Record_MissingDetails_SaysWhatIsMissing(string from, string summary, string expected)
    {
        var refused = Assert.Throws<RuleException>(() => Enquiry.Record(EnquiryChannel.Phone, MondayTen, MondayTen, from, null, summary, null, "rita", Calendar));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void Record_ReceivedInTheFuture_IsRefused()
    {
        Assert.Throws<RuleException>(() => Record(MondayTen.AddDays(1)));
    }
}
