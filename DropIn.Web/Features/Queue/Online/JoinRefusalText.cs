using DropIn.Web.Components.Shared;
using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Queue.Online;

/// <summary>Why a phone cannot join now, in the words the student reads; each says when to come instead.</summary>
public static class JoinRefusalText
{
    /// <param name="session">The session the student tried to join.</param>
    /// <param name="next">The next drop-in after it, if the schedule has one.</param>
    public static string For(JoinRefusal refusal, DropInSession session, DateTimeOffset? next, OnlineQueuePolicy policy)
    {
        var nextText = next is { } n ? $" The next drop-in is {Clock.Day(n)} at {Clock.Local(n)}." : "";
        return refusal switch
        {
            JoinRefusal.NotOpenYet => $"You can join from your phone from {Clock.Local(session.ScheduledStart - policy.JoinOpensBefore)}, {policy.JoinOpensBefore.TotalMinutes:0} minutes before the drop-in opens at {Clock.Local(session.ScheduledStart)} on {Clock.Day(session.ScheduledStart)}.",
            JoinRefusal.Closed => "Today's drop-in has finished." + nextText,
            JoinRefusal.Full => "The queue for this drop-in is full, so we can't add anyone else today." + nextText,
            _ => "The queue is already longer than we can see before this drop-in ends at " + Clock.Local(session.EndedAt) + ", so you may not be seen today." + nextText,
        };
    }
}
