using System.Security.Cryptography;
using System.Text;

namespace DropIn.Web.Features.Appointments;

/// <summary>The private link a student gets by email. Only its SHA-256 is stored, so a copy of the database holds no working link.</summary>
public static class ManageToken
{
    public static (string Token, string Hash) Create()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
