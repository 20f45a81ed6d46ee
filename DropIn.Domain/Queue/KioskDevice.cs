namespace DropIn.Domain.Queue;

/// <summary>
/// A tablet at reception on which students check themselves in to the drop-in queue. A manager adds it and is shown a
/// short enrolment code, valid for <see cref="EnrolmentCodeLifetime"/>, which is typed on the tablet; the tablet then
/// holds a device token of its own (a cookie), so no member of staff stays signed in on a public tablet. Only hashes
/// of the code and the token are stored (SHA-256, lower-case hex). Revoking stops the token at once.
/// </summary>
public sealed class KioskDevice
{
    public const int MaxNameLength = 60;

    /// <summary>How long an enrolment code can be typed on the tablet: long enough to walk to reception.</summary>
    public static readonly TimeSpan EnrolmentCodeLifetime = TimeSpan.FromMinutes(15);

    private KioskDevice()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>What staff call it, e.g. "Reception tablet by the door".</summary>
    public string Name { get; private set; } = "";

    public DateTimeOffset AddedAt { get; private set; }
    public string AddedBy { get; private set; } = "";

    /// <summary>SHA-256 of the enrolment code not yet typed, or null once used or never given.</summary>
    public string? EnrolmentCodeHash { get; private set; }

    /// <summary>When the enrolment code stops working (UTC).</summary>
    public DateTimeOffset? EnrolmentCodeExpiresAt { get; private set; }

    /// <summary>SHA-256 of the token the enrolled tablet holds; null until enrolled.</summary>
    public string? TokenHash { get; private set; }

    public DateTimeOffset? EnrolledAt { get; private set; }

    /// <summary>The last check-in made on it (UTC), so a manager can tell a tablet that is in use from a forgotten one.</summary>
    public DateTimeOffset? LastCheckInAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public int Version { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new kiosk, waiting for its enrolment code to be typed on the tablet.</summary>
    /// <param name="codeHash">SHA-256 of the enrolment code shown once to the manager.</param>
    /// <param name="existing">The kiosks there are: one not revoked may not have the same name (in any case), or a
    /// manager could not tell which tablet to revoke or give a new code.</param>
    /// <exception cref="RuleException">The name is missing, longer than <see cref="MaxNameLength"/>, or in use.</exception>
    public static KioskDevice Add(string name, string codeHash, string addedBy, DateTimeOffset now, IEnumerable<KioskDevice> existing)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new RuleException($"Give the tablet a name of 1 to {MaxNameLength} characters, such as \"Reception tablet\".");
        }

        if (existing.Any(k => k.RevokedAt is null && string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RuleException($"A kiosk called \"{name}\" is already in use. Give this one a name that tells them apart, such as \"{name} 2\".");
        }

        var device = new KioskDevice { Id = Guid.NewGuid(), Name = name, AddedAt = now, AddedBy = addedBy };
        device.NewEnrolmentCode(codeHash, now);
        return device;
    }

    /// <summary>
    /// A fresh enrolment code, e.g. when the tablet was reset or its browser data cleared. Typing it replaces the
    /// tablet's token, so an old copy of the token stops working.
    /// </summary>
    /// <exception cref="RuleException">The kiosk has been revoked.</exception>
    public void NewEnrolmentCode(string codeHash, DateTimeOffset now)
    {
        if (IsRevoked)
        {
            throw new RuleException("This kiosk has been revoked. Add the tablet again as a new kiosk.");
        }

        EnrolmentCodeHash = codeHash;
        EnrolmentCodeExpiresAt = now + EnrolmentCodeLifetime;
        Version++;
    }

    /// <summary>Whether the enrolment code with this hash can be used now.</summary>
    public bool AcceptsEnrolmentCode(string codeHash, DateTimeOffset now) =>
        !IsRevoked && EnrolmentCodeHash is not null && EnrolmentCodeHash == codeHash && now < EnrolmentCodeExpiresAt;

    /// <summary>The tablet typed its code: from now on it is known by the token with this hash. The code is used up.</summary>
    /// <exception cref="RuleException">The code is not this kiosk's, has expired, or the kiosk is revoked.</exception>
    public void Enrol(string codeHash, string tokenHash, DateTimeOffset now)
    {
        if (!AcceptsEnrolmentCode(codeHash, now))
        {
            throw new RuleException(WrongCodeText);
        }

        TokenHash = tokenHash;
        EnrolledAt = now;
        EnrolmentCodeHash = null;
        EnrolmentCodeExpiresAt = null;
        Version++;
    }

    /// <summary>The same words whether a code was never given, mistyped, used or expired.</summary>
    public const string WrongCodeText = "That code did not work. Codes last 15 minutes and work once: ask a manager for a new one on the Kiosks page.";

    /// <summary>Whether a tablet holding the token with this hash may check students in.</summary>
    public bool Accepts(string tokenHash) => !IsRevoked && TokenHash is not null && TokenHash == tokenHash;

    public void RecordCheckIn(DateTimeOffset now) => LastCheckInAt = now;

    /// <summary>Stops the tablet at once (lost, stolen, moved out of reception). Revoking again changes nothing.</summary>
    public void Revoke(string by, DateTimeOffset now)
    {
        if (IsRevoked)
        {
            return;
        }

        RevokedAt = now;
        RevokedBy = by;
        EnrolmentCodeHash = null;
        EnrolmentCodeExpiresAt = null;
        Version++;
    }
}
