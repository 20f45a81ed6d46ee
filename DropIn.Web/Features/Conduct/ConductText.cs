using DropIn.Domain.Conduct;

namespace DropIn.Web.Features.Conduct;

/// <summary>How conduct records read on staff screens.</summary>
public static class ConductText
{
    public static string Grounds(IncidentKind grounds) => string.Join("; ", IncidentKinds.Split(grounds).Select(k => IncidentKinds.Name(k).ToLowerInvariant()));

    public static string Delivery(LetterDelivery delivery) => delivery switch
    {
        LetterDelivery.Email => "emailed",
        LetterDelivery.Post => "posted",
        LetterDelivery.InPerson => "handed over",
        _ => "",
    };
}
