using System.Text.RegularExpressions;
using Bunit;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Students;
using DropIn.Web.Features.SubjectAccess;

namespace DropIn.Tests.Components;

/// <summary>
/// A stored value never shows as it is stored ("Acknowledged by inperson", "(NoShow)"): each kind of value has its
/// words in one place, and screens, notifications and the student's own record use them.
/// </summary>
public sealed partial class DisplayTextTests : MudTestContext
{
    [Fact]
    public void StudentHistory_SaysChannelsAndStatusesInWords()
    {
        var at = London.At(2026, 11, 3, 10, 0);
        var links = new StudentLinks([],
            [new AppointmentLink(Guid.NewGuid(), at, AppointmentKind.InPerson, "Housing", AppointmentStatus.NoShow, null)],
            [new EnquiryLink(Guid.NewGuid(), at, EnquiryChannel.InPerson, "Came to the office", null, null), new EnquiryLink(Guid.NewGuid(), at, EnquiryChannel.WebForm, "Web form about fees", null, null)]);

        var history = Render<StudentHistory>(p => p.Add(h => h.Links, links));

        Assert.Contains("(no-show)", history.Markup, StringComparison.Ordinal);
        Assert.Contains("Enquiry, in person, 3 Nov 2026", history.Markup, StringComparison.Ordinal);
        Assert.Contains("Enquiry, web form, 3 Nov 2026", history.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("inperson", history.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("noshow", history.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryValueShown_HasWords_NotItsStoredName()
    {
        var shown = new List<(string Value, string Text)>();
        void Each<T>(Func<T, string> words)
            where T : struct, Enum => shown.AddRange(Enum.GetValues<T>().Select(v => ($"{typeof(T).Name}.{v}", words(v))));

        Each<EnquiryChannel>(EnquiryText.Channel);
        Each<AcknowledgementMethod>(EnquiryText.AcknowledgedHow);
        Each<EnquiryOutcome>(EnquiryText.Outcome);
        Each<SlaState>(EnquiryText.State);
        Each<VisitOutcome>(OutcomeText.Of);
        Each<FollowUp>(FollowUpText.Of);
        Each<TicketStatus>(Ticket.Describe);
        Each<EntryKind>(CaseText.Kind);
        Each<ContactMethod>(CaseText.Method);
        Each<MeetingRole>(CaseText.Role);
        Each<CaseOutcome>(CaseText.Outcome);
        Each<CaseStatus>(CaseText.Status);
        Each<ConsentGivenBy>(CaseText.GivenBy);
        Each<PlanParty>(CaseText.Party);
        Each<AppointmentStatus>(AppointmentText.Status);
        Each<AppointmentKind>(AppointmentText.Kind);
        Each<SubjectAccessChannel>(SubjectAccessText.Channel);
        Each<StudentStatus>(StudentText.Status);
        Each<ContactPreference>(StudentText.Contact);

        Assert.All(shown, s => Assert.False(string.IsNullOrWhiteSpace(s.Text) || StoredName().IsMatch(s.Text), $"{s.Value} shows as \"{s.Text}\""));
        // Two values of one kind never read the same.
        Assert.All(shown.GroupBy(s => s.Value.Split('.')[0]), kind => Assert.Equal(kind.Count(), kind.Select(s => s.Text).Distinct().Count()));
    }

    /// <summary>The shape of a stored name: words run together ("InPerson", "NoShow", "PendingConfirmation").</summary>
    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex StoredName();
}
