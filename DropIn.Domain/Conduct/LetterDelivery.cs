namespace DropIn.Domain.Conduct;

/// <summary>How a letter reached the student. Email is queued to the address on their record; the others are printed.</summary>
public enum LetterDelivery
{
    Email,
    Post,
    InPerson,
}
