namespace DropIn.Web.Features.Queue.Kiosk;

/// <summary>The kiosk's addresses.</summary>
public static class KioskPaths
{
    /// <summary>The tablet's page: enrolment until enrolled, then the check-in form.</summary>
    public const string Kiosk = "/kiosk";

    /// <summary>Where the tablet goes once its code is accepted: the check-in form, saying the tablet is set up.</summary>
    public const string SetUp = Kiosk + "?" + SetUpQuery + "=done";

    /// <summary>The query parameter of <see cref="SetUp"/>.</summary>
    public const string SetUpQuery = "set-up";

    /// <summary>Managers' list of kiosks.</summary>
    public const string Kiosks = "/kiosks";
}
