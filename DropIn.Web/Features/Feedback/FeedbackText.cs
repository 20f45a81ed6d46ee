using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Feedback;
using DropIn.Domain.Retention;

namespace DropIn.Web.Features.Feedback;

/// <summary>The questions and answer wording, shared by the public forms and the results, so both say the same.</summary>
public static class FeedbackText
{
    public const string PermissionQuestion = "May we email an anonymous feedback form and, later, an impact form?";

    public const string Satisfaction = "Overall, how satisfied are you with the Student Advice Service?";
    public const string WouldRecommend = "Would you recommend the service to a friend?";
    public const string UnderstoodOptions = "Did the advice help you understand your options?";
    public const string WhatHappened = "What happened after we supported you?";
    public const string Studies = "Since then, has your ability to continue your studies changed?";
    public const string Wellbeing = "And your wellbeing?";

    public static readonly IReadOnlyList<string> SatisfactionLabels =
        ["1 – Very dissatisfied", "2 – Dissatisfied", "3 – Neither", "4 – Satisfied", "5 – Very satisfied"];

    public static string Of(Recommend answer) => answer switch
    {
        Recommend.Yes => "Yes",
        Recommend.No => "No",
        _ => "Not sure",
    };

    public static string Of(Understanding answer) => answer switch
    {
        Understanding.Yes => "Yes",
        Understanding.Partly => "Partly",
        _ => "No",
    };

    public static string Of(AfterSupport answer) => answer switch
    {
        AfterSupport.Resolved => "It was resolved as I hoped",
        AfterSupport.PartlyResolved => "It was partly resolved",
        AfterSupport.NotResolved => "It was not resolved",
        AfterSupport.StillGoingOn => "It is still going on",
        AfterSupport.DecidedNotToPursue => "I decided not to take it further",
        _ => "I would rather not say",
    };

    public static string Of(Change answer) => answer switch
    {
        Change.Better => "Better",
        Change.NoChange => "No change",
        Change.Worse => "Worse",
        _ => "Not sure",
    };

    public static string Of(EnquiryChannel? channel) => channel switch
    {
        EnquiryChannel.Email => "Email",
        EnquiryChannel.Phone => "Phone",
        EnquiryChannel.Letter => "Letter",
        EnquiryChannel.WebForm => "Web",
        EnquiryChannel.InPerson => "In person",
        _ => "Not known",
    };

    public static string Of(StudentStatus status) => status switch
    {
        StudentStatus.Current => "Current",
        StudentStatus.Intermitting => "Intermitting",
        StudentStatus.Former => "Former",
        _ => "Prospective",
    };

    public static string Of(LevelOfStudyBand level) => level switch
    {
        LevelOfStudyBand.Undergraduate => "Undergraduate",
        LevelOfStudyBand.Postgraduate => "Postgraduate",
        LevelOfStudyBand.Other => "Other",
        _ => "Not known",
    };
}
