using DropIn.Domain.Reviews;

namespace DropIn.Tests.Domain;

/// <summary>What an assessor reads has the student's names, number and any contact details hidden, and the rest intact.</summary>
public sealed class FileMaskingTests
{
    private static string Mask(string text) => FileMasking.Mask(text, ["Liam O'Brien", "Li"], "LO777");

    [Theory]
    [InlineData("Met Liam O'Brien to discuss the appeal.", "Met [name] to discuss the appeal.")]
    [InlineData("liam says the tutor agreed. O'Brien to send evidence.", "[name] says the tutor agreed. [name] to send evidence.")]
    [InlineData("Li asked for a call on 07700 900123 or +44 (0)1223 456789.", "[name] asked for a call on [phone] or [phone].")]
    [InlineData("Emailed lo777@cam.ac.uk and copied tutor.smith@college.cam.ac.uk.", "Emailed [email] and copied [email].")]
    [InlineData("Student number LO777 confirmed.", "Student number [student number] confirmed.")]
    [InlineData("Now lives at 12 Mill Road, Cambridge CB1 2AD (date of birth 14/03/2004).", "Now lives at [address], Cambridge [postcode] (date of birth [date of birth]).")]
    [InlineData("DOB: 3rd March 2005; born on 2005-03-03.", "DOB: [date of birth]; born on [date of birth].")]
    [InlineData("Messaged @liamob04 on Instagram; his username is liam04.", "Messaged [handle] on Instagram; his username is [name]04.")]
    public void TheStudentsNamesNumberAndContactDetails_AreMasked(string text, string expected) => Assert.Equal(expected, Mask(text));

    [Theory]
    [InlineData("Hearing on 2026-12-08 at 14:00; appeal ref 2026/1234.")]
    [InlineData("Limited options: literature, libraries and Lima were discussed.")]
    [InlineData("")]
    public void DatesReferencesAndWordsThatOnlyContainAName_AreLeftAlone(string text) => Assert.Equal(text, Mask(text));
}
