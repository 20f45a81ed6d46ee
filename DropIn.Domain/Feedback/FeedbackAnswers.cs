namespace DropIn.Domain.Feedback;

public enum Recommend
{
    Yes,
    NotSure,
    No,
}

public enum Understanding
{
    Yes,
    Partly,
    No,
}

/// <summary>What happened with the matter after the service's support.</summary>
public enum AfterSupport
{
    Resolved,
    PartlyResolved,
    NotResolved,
    StillGoingOn,
    DecidedNotToPursue,
    PreferNotToSay,
}

/// <summary>How something (wellbeing, being able to continue studying) changed since getting support.</summary>
public enum Change
{
    Better,
    NoChange,
    Worse,
    NotSure,
}

/// <summary>The feedback form: overall satisfaction 1 (very dissatisfied) to 5 (very satisfied), and two questions.</summary>
public sealed record FeedbackAnswers(int Satisfaction, Recommend WouldRecommend, Understanding UnderstoodOptions, string? Comments);

/// <summary>The impact form, a few months after the case closed.</summary>
public sealed record ImpactAnswers(AfterSupport WhatHappened, Change Studies, Change Wellbeing, string? Comments);
