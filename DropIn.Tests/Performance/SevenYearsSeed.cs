using DropIn.Tests.Infrastructure;
using Bogus;
using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Tests.Performance;

/// <summary>
/// Seven academic years (August 2019 to July 2026) at a large union's volume, written through the app's own context
/// and domain rules, so encrypted fields are encrypted by the app's converters with the app's keys: about 6,000
/// students a year (three in four answer the monitoring questions), one case each, ~100,000 enquiries, ~150,000
/// drop-in visits and ~60,000 appointments. Names come from Bogus with a fixed seed, so every seed is the same.
/// </summary>
internal static class SevenYearsSeed
{
    public const int FirstYear = 2019;
    public const int Years = 7;
    public const int StudentsPerYear = 6000;
    public const int EnquiriesPerYear = 14_300;
    public const int VisitsPerSession = 82;
    public const int AppointmentsPerDay = 34;

    private const string By = "seed";
    private const int Batch = 5000;

    public static async Task SeedAsync(IDbContextFactory<DropInDbContext> factory)
    {
        var random = new Random(16);
        Randomizer.Seed = new Random(16);
        var faker = new Faker("en_GB");
        var calendar = new WorkingCalendar([]);
        var staff = Enumerable.Range(1, 10).Select(i => $"seed-caseworker-{i}").ToArray();
        var pending = new List<object>();
        var categories = await ReadAsync(factory, db => db.CaseCategories.Select(c => c.Id).ToListAsync());
        var caseNumber = 0;
        for (var year = FirstYear; year < FirstYear + Years; year++)
        {
            var days = Enumerable.Range(0, 365).Select(d => new DateOnly(year, 8, 1).AddDays(d)).Where(calendar.IsWorkingDay).ToList();
            DateTimeOffset WorkingTime(DateOnly day) => LondonTime.ToInstant(day, new TimeOnly(9, 0)).AddMinutes(random.Next(8 * 60));

            // Students, their monitoring answers and one case each.
            var students = new List<Guid>();
            for (var i = 0; i < StudentsPerYear; i++)
            {
                var registered = WorkingTime(days[random.Next(days.Count)]);
                var name = faker.Name.FullName();
                var student = Student.Register(new StudentProfile(name, Email: $"s{year}{i:D5}@example.ac.uk", StudentNumber: $"{year}{i:D5}",
                    College: faker.PickRandom("King's", "Trinity", "Girton", "Homerton", "Clare")), By, registered);
                students.Add(student.Id);
                pending.Add(student);
                if (random.NextDouble() < 0.75)
                {
                    var record = MonitoringRecord.For(student.Id);
                    record.Answer(DateOnly.FromDateTime(registered.UtcDateTime).AddYears(-18 - random.Next(12)), Pick(MonitoringRecord.Genders),
                        Pick(MonitoringRecord.Ethnicities), Pick(MonitoringRecord.Disabilities), Pick(MonitoringRecord.Levels), Pick(MonitoringRecord.FeeStatuses), registered);
                    pending.Add(record);
                }

                var opened = registered.AddDays(random.Next(3));
                var @case = Case.Open(student.Id, categories[random.Next(categories.Count)], ++caseNumber, faker.Lorem.Sentence(12), By, opened);
                if (random.NextDouble() < 0.8)
                {
                    @case.Close(new CaseClosing(Enum.GetValues<CaseOutcome>()[random.Next(6)], null, ClosingCheck.All).Counted(), By, opened.AddDays(7 + random.Next(90)));
                }

                pending.Add(@case);
                await FlushAsync(factory, pending, Batch);
            }

            // Enquiries, mostly from registered students, mostly acknowledged within a few days.
            for (var i = 0; i < EnquiriesPerYear; i++)
            {
                var received = WorkingTime(days[random.Next(days.Count)]);
                var enquiry = Enquiry.Record(Enum.GetValues<EnquiryChannel>()[random.Next(Enum.GetValues<EnquiryChannel>().Length)], received, received,
                    faker.Name.FullName(), null, faker.Lorem.Sentence(10), null, By, calendar);
                if (random.NextDouble() < 0.92)
                {
                    var at = received.AddHours(1 + random.Next(96));
                    enquiry.Acknowledge(By, AcknowledgementMethod.Email, at, at);
                }

                if (random.NextDouble() < 0.8)
                {
                    enquiry.LinkTo(students[random.Next(students.Count)], null);
                }

                pending.Add(enquiry);
                await FlushAsync(factory, pending, Batch);
            }

            // A drop-in every weekday from 10:00 to 16:00 London, with ~82 visits each.
            foreach (var day in days.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
            {
                var window = new SessionWindow(day, LondonTime.ToInstant(day, new TimeOnly(10, 0)), LondonTime.ToInstant(day, new TimeOnly(16, 0)));
                var session = DropInSession.Scheduled(window);
                pending.Add(session);
                for (var n = 0; n < VisitsPerSession; n++)
                {
                    var arrived = window.Start.AddSeconds(n * 250);
                    var ticket = session.CheckIn(new StudentDetails(faker.Name.FullName(), null, null, faker.Lorem.Sentence(6), false, null), arrived);
                    var end = random.NextDouble();
                    var worker = staff[random.Next(staff.Length)];
                    if (end < 0.9)
                    {
                        var called = arrived.AddMinutes(5 + random.Next(60));
                        ticket.Call(worker, "Caseworker", "Room 1", called);
                        if (end < 0.8)
                        {
                            ticket.Finish(worker, VisitOutcome.AdviceGiven, called.AddMinutes(20));
                        }
                        else
                        {
                            ticket.NoAnswer(worker, called.AddMinutes(2));
                        }
                    }
                    else if (end < 0.97)
                    {
                        ticket.MarkLeft(arrived.AddMinutes(30));
                    }

                    if (random.NextDouble() < 0.85)
                    {
                        ticket.LinkTo(students[random.Next(students.Count)], null);
                    }

                    pending.Add(ticket);
                }

                await FlushAsync(factory, pending, Batch);
            }

            // Appointments: ~34 a working day over ten caseworkers' hourly slots.
            foreach (var day in days)
            {
                var slots = Enumerable.Range(0, staff.Length * 8).OrderBy(_ => random.Next()).Take(AppointmentsPerDay);
                foreach (var slot in slots)
                {
                    var at = LondonTime.ToInstant(day, new TimeOnly(9 + slot % 8, 0));
                    var worker = staff[slot / 8];
                    var booked = at.AddDays(-1 - random.Next(10));
                    var appointment = Appointment.BookedByStaff(new Slot(worker, at, at.AddMinutes(45)),
                        new StudentBooking(faker.Name.FullName(), $"a{random.Next(1_000_000)}@example.ac.uk", null, faker.Lorem.Sentence(6), AppointmentKind.InPerson),
                        "Room 2", null, Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()), booked, worker);
                    var end = random.NextDouble();
                    if (end < 0.75)
                    {
                        appointment.MarkAttended(at.AddMinutes(5));
                    }
                    else if (end < 0.87)
                    {
                        appointment.MarkNoShow(at.AddMinutes(15));
                    }
                    else
                    {
                        appointment.Cancel(null, By, at.AddHours(-2));
                    }

                    if (random.NextDouble() < 0.85)
                    {
                        appointment.LinkTo(students[random.Next(students.Count)], null);
                    }

                    pending.Add(appointment);
                }

                await FlushAsync(factory, pending, Batch);
            }
        }

        await FlushAsync(factory, pending, 0);

        // One answer in ten left blank.
        string? Pick(IReadOnlyList<string> choices) => random.NextDouble() < 0.1 ? null : choices[random.Next(choices.Count)];
    }

    private static async Task<T> ReadAsync<T>(IDbContextFactory<DropInDbContext> factory, Func<DropInDbContext, Task<T>> read)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await read(db);
    }

    /// <summary>Writes what is pending once there are at least <paramref name="atLeast"/>, in a fresh context without change detection.</summary>
    private static async Task FlushAsync(IDbContextFactory<DropInDbContext> factory, List<object> pending, int atLeast)
    {
        if (pending.Count < Math.Max(atLeast, 1))
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(pending);
        await db.SaveChangesAsync();
        pending.Clear();
    }
}
