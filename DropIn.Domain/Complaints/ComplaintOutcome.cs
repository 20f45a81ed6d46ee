namespace DropIn.Domain.Complaints;

/// <summary>What the handler found, given in the response to a stage.</summary>
public enum ComplaintOutcome
{
    Upheld,
    PartlyUpheld,
    NotUpheld,
}

/// <summary>Where a complaint stands at a moment, against the deadlines of its current stage.</summary>
public enum ComplaintState
{
    /// <summary>Not yet acknowledged, and the acknowledgement is not yet late.</summary>
    ToAcknowledge,

    /// <summary>Acknowledged, response not yet late.</summary>
    InHand,

    /// <summary>Its acknowledgement or its response is past its deadline.</summary>
    Overdue,

    /// <summary>The current stage has been answered.</summary>
    Answered,
}
