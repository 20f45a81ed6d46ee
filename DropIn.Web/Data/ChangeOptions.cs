namespace DropIn.Web.Data;

/// <summary>What a change does when the database refuses its save because someone else wrote the same rows first.</summary>
public enum OnConflict
{
    /// <summary>Tell the person who acted, in <see cref="ChangeOptions.ConflictMessage"/>; nothing of the change is kept.</summary>
    Report,

    /// <summary>
    /// Read again and run the rule on what is there now (the queue: Call next takes the next student still waiting),
    /// up to <see cref="ChangeOptions.MaxAttempts"/> times; after that, report it as <see cref="Report"/> does.
    /// </summary>
    Reapply,

    /// <summary>
    /// Give way: nothing of the change is kept and <see cref="DataChanges.RunAsync{T}"/> returns default, so the caller
    /// can try elsewhere (a time someone else took a moment ago counts as taken, and the next caseworker's is tried).
    /// </summary>
    GiveWay,
}

/// <summary>How one change is run by <see cref="DataChanges"/>: the differences between features that are real, named.</summary>
/// <param name="ConflictMessage">What the person is told when the change loses a race and is not (or no longer) re-applied: plain words, what happened and what to do.</param>
public sealed record ChangeOptions(string ConflictMessage)
{
    /// <summary>Report (the default) or re-apply a change that lost a race.</summary>
    public OnConflict OnConflict { get; init; } = OnConflict.Report;

    /// <summary>Attempts in all, the first included, when re-applying. Five keeps ten caseworkers pressing Call next at once from ever running out.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// A named lock (<see cref="RuleLocks"/>) taken before the change reads anything, for a rule that spans rows; it
    /// implies <see cref="Serialised"/>.
    /// </summary>
    public string? Lock { get; init; }

    /// <summary>
    /// Read and write in one transaction begun before the first read (<see cref="DataChanges.BeginSerialisedAsync"/>),
    /// as every write of an appointment's time is.
    /// </summary>
    public bool Serialised { get; init; }

    /// <summary>A conflict is told to the person in <paramref name="message"/>.</summary>
    public static ChangeOptions Report(string message) => new(message);

    /// <summary>A conflict gives way (<see cref="OnConflict.GiveWay"/>); the change reads and writes in one transaction.</summary>
    public static ChangeOptions GiveWay() => new("") { OnConflict = OnConflict.GiveWay, Serialised = true };

    /// <summary>A conflict is re-applied; <paramref name="message"/> is said only if it still conflicts after <see cref="MaxAttempts"/>.</summary>
    public static ChangeOptions Reapply(string message) => new(message) { OnConflict = OnConflict.Reapply };

    /// <summary>
    /// A scheduled job's run: when another run saved the same rows first (the job on another app server, or fired twice),
    /// the rule is re-applied to what is there now, which finds that work done and sends nothing again. Nobody acted, so
    /// nobody is told; the message is only for the log, should it still conflict after <see cref="MaxAttempts"/>.
    /// </summary>
    public static ChangeOptions JobRun() => Reapply("Another run of this job kept saving the same rows at the same moment.");
}
