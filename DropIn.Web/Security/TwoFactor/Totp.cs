using System.Globalization;
using System.Security.Cryptography;

namespace DropIn.Web.Security.TwoFactor;

/// <summary>
/// RFC 6238 time-based codes as authenticator apps make them: HMAC-SHA1, 30-second steps, 6 digits. Written out
/// rather than taken from Identity because a code must work only once, so the caller needs to know which time step
/// matched; Identity's provider only says yes or no.
/// </summary>
public static class Totp
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>One step either side: a phone's clock a little out, or a code typed just as it changed.</summary>
    private const int Drift = 1;

    public static long StepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238's HMAC-SHA1 is what every authenticator app computes; HMAC is not weakened by SHA-1 collisions.
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The time step <paramref name="code"/> belongs to near <paramref name="now"/>, or null when it matches none.</summary>
    public static long? MatchingStep(byte[] key, string code, DateTimeOffset now)
    {
        var digits = new string(code.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 6)
        {
            return null;
        }

        var current = StepAt(now);
        for (var step = current - Drift; step <= current + Drift; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(digits)))
            {
                return step;
            }
        }

        return null;
    }
}
