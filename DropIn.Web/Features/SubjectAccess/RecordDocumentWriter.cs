using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Students;

namespace DropIn.Web.Features.SubjectAccess;

/// <summary>
/// The readable form of a student's record: one self-contained, printable HTML page written for the student, with
/// every section of the JSON in the same order. Everything is encoded; the page has no script and loads nothing.
/// </summary>
internal static class RecordDocumentWriter
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Write(SubjectAccessRecord r)
    {
        var html = new Html();
        var s = r.Student;
        html.Raw("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Your record: ").Text(r.Request).Raw("</title><style>")
            .Raw("body{font-family:system-ui,sans-serif;line-height:1.5;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#111}")
            .Raw("h1,h2,h3{line-height:1.2}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}")
            .Raw("dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}.withheld{font-style:italic}.corrected{color:#555}")
            .Raw("@media print{body{margin:0}h2{break-before:auto}section{break-inside:avoid-page}}</style></head><body>\n");
        html.Raw("<h1>The record ").Text(r.Service).Raw(" holds about you</h1>\n<p>This is everything held about you on the service's system, compiled on ")
            .Text(When(r.CompiledAt)).Raw(" in answer to your request ").Text(r.Request).Raw(" received on ").Text(Day(r.ReceivedOn))
            .Raw(". A machine-readable copy (JSON) comes with it. Where something concerns another person it is shown as ")
            .Raw("<span class=\"withheld\">").Text(SubjectAccessRecord.Withheld).Raw("</span>. Documents are listed here; copies come separately.</p>\n");

        html.Raw("<section><h2>Your details</h2><dl>");
        html.Fact("Name", s.Name).Fact("Preferred name", s.PreferredName).Fact("Pronouns", s.Pronouns).Fact("Email", s.Email).Fact("Student number or CRSid", s.StudentNumber)
            .Fact("College", s.College).Fact("Department", s.Department).Fact("Course", s.Course).Fact("Year", s.Year).Fact("Status", Say<StudentStatus>(s.Status, StudentText.Status))
            .Fact("Contact preference", Say<ContactPreference>(s.ContactPreference, StudentText.Contact)).Fact("Phone", s.Phone).Fact("Access needs", s.AccessNeeds).Fact("Eligibility note", s.EligibilityNote)
            .Fact("Registered", When(s.RegisteredAt)).Fact("Last contact with the service", When(s.LastInvolvementAt))
            .Fact("A quality assessor may read your files, your name and contact details hidden", s.SamplingConsent switch { true => "Yes", false => "No", null => "Not asked" });
        html.Raw("</dl></section>\n");

        html.Raw("<section><h2>Cases (").Text(r.Cases.Count.ToString(English)).Raw(")</h2>\n");
        foreach (var c in r.Cases)
        {
            html.Raw("<h3>Case ").Text(c.Reference).Raw(": ").Text(c.Category).Raw("</h3><dl>")
                .Fact("Status", Say<CaseStatus>(c.Status, CaseText.Status)).Fact("Opened", When(c.OpenedAt)).Fact("Closed", c.ClosedAt is { } closed ? When(closed) : null)
                .Fact("Caseworkers", string.Join(", ", c.Caseworkers)).Fact("Summary", c.Summary).Fact("Outcome", Say<CaseOutcome>(c.Outcome, CaseText.Outcome)).Fact("Outcome note", c.OutcomeNote)
                .Fact("What the case achieved", Achieved(c.Achieved)).Fact("Advice or casework", c.Level is null ? null : Say<ServiceLevel>(c.Level, CaseText.Level))
                .Fact("Service information given", Given(c.FirstContact)).Fact("Conflict check", Checked(c.FirstContact))
                .Fact("Follow-up date", c.FollowUpOn is { } followUp ? Day(followUp) : null).Fact("Closing checks", Flags<ClosingCheck>(c.ClosingChecks, CaseText.ClosingChecks)).Raw("</dl>");
            html.Table("Deadlines", ["Deadline", "Due", "Met"], c.Deadlines.Select(d => new[] { d.Title, Day(d.DueOn), d.MetAt is { } m ? When(m) : "" }));
            html.Table("Action plan", ["Who", "What", "By", "Done"], c.ActionPlan.Select(a => new[] { Say<PlanParty>(a.Party, CaseText.Party), a.What, a.By is { } by ? Day(by) : "", a.DoneAt is { } d ? When(d) : "" }));
            html.Table("Timeline", ["When", "What", "Recorded by", "Entry"], c.Timeline.Select(e => new[]
            {
                When(e.OccurredAt), Say<EntryKind>(e.Kind, CaseText.Kind) + (e.Method is null ? "" : $" ({Say<ContactMethod>(e.Method, CaseText.Method)})"), $"{e.RecordedBy}, {When(e.RecordedAt)}",
                string.Join(" — ", new[]
                {
                    e.Text, e.ThirdParty is null ? null : $"With: {e.ThirdParty}", e.MeetingBody is null ? null : $"Meeting or hearing: {e.MeetingBody}",
                    e.Role is null ? null : $"Our role: {Say<MeetingRole>(e.Role, CaseText.Role)}", e.Service is null ? null : $"Service: {e.Service}",
                    e.Corrected ? "(corrected: this entry was replaced by a later correction, kept as it was)" : null, e.Corrects is null ? null : "(a correction of an earlier entry)",
                }.Where(p => !string.IsNullOrEmpty(p))),
            }));
            html.Table("Documents", ["Name", "Type", "Size", "Added"], c.Documents.Select(d => new[] { d.FileName, d.Type, Size(d.SizeBytes), When(d.UploadedAt) }));
        }

        html.Raw("</section>\n");
        html.Section("Drop-in visits", ["Checked in", "About", "Status", "Outcome", "Seen by", "Case"], r.Visits.Select(v => new[] { When(v.CheckedInAt), v.Topic, Say<TicketStatus>(v.Status, Ticket.Describe), Say<VisitOutcome>(v.Outcome, OutcomeText.Of), v.SeenBy ?? "", v.CaseReference ?? "" }));
        html.Section("Appointments", ["When", "How", "About", "Status", "Caseworker", "Case"], r.Appointments.Select(a => new[] { When(a.Start), Say<AppointmentKind>(a.Kind, AppointmentText.Kind), a.Topic, Say<AppointmentStatus>(a.Status, AppointmentText.Status) + (a.CancelReason is null ? "" : $" ({a.CancelReason})"), a.Caseworker ?? "", a.CaseReference ?? "" }));
        html.Section("Enquiries", ["Received", "How", "Summary", "Acknowledged", "Outcome", "Case"], r.Enquiries.Select(e => new[] { When(e.ReceivedAt), Say<EnquiryChannel>(e.Channel, EnquiryText.Channel), e.Summary, e.AcknowledgedAt is { } a ? When(a) : "", Say<EnquiryOutcome>(e.Outcome, EnquiryText.Outcome) + (e.ClosedReason is null ? "" : $" ({e.ClosedReason})"), e.CaseReference ?? "" }));
        html.Section("Complaints", ["Reference", "Received", "What you told us", "Stage", "Answer"], (r.Complaints ?? []).Select(c => new[] { c.Reference, When(c.ReceivedAt), c.Summary, c.Stage.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join("\n\n", new[] { c.StageOneResponse, c.Response }.Where(t => !string.IsNullOrEmpty(t))) }));
        html.Section("Consents to share information", ["Shared with", "Information", "Purpose", "Given", "Renewed", "Expires", "Withdrawn"], r.Consents.Select(c => new[] { c.ThirdParty, c.Information, c.Purpose, $"{Day(c.GivenOn)} ({Say<ConsentGivenBy>(c.GivenBy, CaseText.GivenBy)})", c.RenewedOn is { } renewed ? Day(renewed) : "", c.ExpiresOn is { } expires ? Day(expires) : "", c.WithdrawnAt is { } w ? When(w) : "" }));

        html.Raw("<section><h2>Equality monitoring answers</h2>");
        if (r.Monitoring is { } m)
        {
            html.Raw("<p>Used only for anonymous statistics; never part of your case file.</p><dl>")
                .Fact("Given", When(m.RecordedAt)).Fact("Date of birth", m.DateOfBirth is { } dob ? Day(dob) : "not answered").Fact("Gender", m.Gender ?? "not answered")
                .Fact("Ethnic group", m.Ethnicity ?? "not answered").Fact("Disability", m.Disability ?? "not answered").Fact("Level of study", m.LevelOfStudy ?? "not answered")
                .Fact("Fee status", m.FeeStatus ?? "not answered").Raw("</dl>");
        }
        else
        {
            html.Raw("<p>None recorded.</p>");
        }

        html.Raw("</section>\n");
        html.Section("Disputes you are a party to", ["Reference", "Title", "Your side", "Recorded", "Ended"], r.Disputes.Select(d => new[] { d.Reference, d.Title, d.Side.ToString(English), When(d.OpenedAt), d.EndedAt is { } e ? When(e) : "" }));
        html.Raw("</body></html>\n");
        return html.ToString();
    }

    private static string When(DateTimeOffset instant) => LondonTime.ToLocal(instant).ToString("d MMM yyyy HH:mm", English);

    /// <summary>
    /// The JSON copy keeps each value's stable name (e.g. "InPerson"), as its schema says; the page the student reads
    /// says it in words, from the same place the staff screens take them.
    /// </summary>
    private static string Say<TValue>(string? value, Func<TValue, string> words)
        where TValue : struct, Enum =>
        Enum.TryParse<TValue>(value, out var parsed) && Enum.IsDefined(parsed) ? words(parsed) : value ?? "";

    /// <summary>What a closed case achieved, as the case file says it ("Deposit recovered, £650"); null when nothing is recorded.</summary>
    private static string? Achieved(IReadOnlyList<RecordOutcomeAchieved>? achieved) => achieved is null or { Count: 0 } ? null
        : string.Join("; ", achieved.Select(a => CaseText.Achieved(a.Outcome, a.Pounds)));

    private static string Day(DateOnly date) => date.ToString("d MMM yyyy", English);

    /// <summary>A flags value's names ("A, B") in words; what does not parse is shown as it is.</summary>
    private static string? Flags<TValue>(string? value, Func<TValue, string> words)
        where TValue : struct, Enum =>
        value is null ? null : Enum.TryParse<TValue>(value, out var parsed) ? words(parsed) : value;

    private static string? Given(RecordFirstContact? first) =>
        first?.InformationGiven is not { } given ? null
            : $"{Flags<ServiceInformation>(given, CaseText.Information)} ({Say<InformationChannel>(first.InformationGivenHow, CaseText.Channel)}, last recorded {(first.InformationGivenAt is { } at ? When(at) : "")} by {first.InformationGivenBy})";

    private static string? Checked(RecordFirstContact? first) =>
        first?.ConflictCheckedAt is not { } at ? null
            : $"{(first.ConflictFinding == nameof(ConflictFinding.PartyToDispute) ? "A party to an open dispute" : "No open dispute found")} (checked {When(at)} by {first.ConflictCheckedBy})";

    private static string Size(long bytes) => bytes < 1024 * 1024 ? $"{Math.Max(1, bytes / 1024)} KB" : (bytes / 1024.0 / 1024.0).ToString("0.0", English) + " MB";

    /// <summary>A tiny writer that encodes every text it is given; only our own markup goes in raw.</summary>
    private sealed class Html
    {
        private readonly StringBuilder _out = new();

        public Html Raw(string markup)
        {
            _out.Append(markup);
            return this;
        }

        public Html Text(string? text)
        {
            var encoded = HtmlEncoder.Default.Encode(text ?? "");
            _out.Append(text == SubjectAccessRecord.Withheld ? $"<span class=\"withheld\">{encoded}</span>" : encoded);
            return this;
        }

        public Html Fact(string label, string? value) => string.IsNullOrEmpty(value) ? this : Raw("<dt>").Text(label).Raw("</dt><dd>").Text(value).Raw("</dd>");

        public void Table(string caption, string[] headings, IEnumerable<string[]> rows)
        {
            var list = rows.ToList();
            if (list.Count == 0)
            {
                Raw("<p>").Text(caption).Raw(": none.</p>");
                return;
            }

            Raw("<table><caption>").Text(caption).Raw("</caption><thead><tr>");
            headings.ToList().ForEach(h => Raw("<th scope=\"col\">").Text(h).Raw("</th>"));
            Raw("</tr></thead><tbody>");
            foreach (var row in list)
            {
                Raw("<tr>");
                // A withheld field inside a longer cell still reads as withheld: the marker is its whole value.
                row.ToList().ForEach(cell => Raw("<td>").Text(cell).Raw("</td>"));
                Raw("</tr>");
            }

            Raw("</tbody></table>\n");
        }

        public void Section(string heading, string[] headings, IEnumerable<string[]> rows)
        {
            Raw("<section><h2>").Text(heading).Raw("</h2>");
            Table(heading, headings, rows);
            Raw("</section>\n");
        }

        public override string ToString() => _out.ToString();
    }
}
