using System.Security.Cryptography;
using DropIn.Web.Features.Appointments;

namespace DropIn.Web.Features.Queue.Kiosk;

/// <summary>
/// The short code a manager reads off the Kiosks page and types on the tablet. Eight characters from an alphabet
/// without look-alikes (no 0/O, 1/I/L), about 40 bits: enough for a code that lasts 15 minutes, works once and is
/// typed on a rate-limited page. Shown as two groups of four; typed in any case, with or without the dash or spaces.
/// </summary>
public static class EnrolmentCode
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int Length = 8;

    /// <summary>A new code as shown (e.g. "K7QM-3XHT") and the hash stored (<see cref="Hash"/>).</summary>
    public static (string Code, string Hash) Create()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Length);
        return (code[..4] + "-" + code[4..], Hash(code));
    }

    /// <summary>SHA-256 of the code as typed, after dropping spaces and dashes and upper-casing it.</summary>
    public static string Hash(string typed) =>
        ManageToken.Hash(new string([.. (typed ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]));
}
