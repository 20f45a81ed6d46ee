namespace DropIn.Domain.Queue;

/// <summary>A queue action that the rules refuse; the message is written for the member of staff who tried it.</summary>
public sealed class QueueRuleException(string message) : Exception(message);
