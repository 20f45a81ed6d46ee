using OtpNet;

namespace DropIn.Tests.Infrastructure;

/// <summary>The phone app in these tests: reads the key as the set-up page shows it and makes the code for a moment.</summary>
public static class AuthenticatorApp
{
    /// <summary>The key as typed from the set-up page (lower case, in groups of four).</summary>
    public static byte[] Key(string shown) => Base32Encoding.ToBytes(shown.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>The 6-digit code the app shows at <paramref name="at"/> (30-second steps, RFC 6238).</summary>
    public static string Code(byte[] key, DateTimeOffset at) => new Totp(key).ComputeTotp(at.UtcDateTime);
}
