namespace DropIn.Domain;

/// <summary>An action the service's rules refuse; the message is written for the person who tried it.</summary>
public sealed class RuleException(string message) : Exception(message);
