using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DropIn.Tests.Infrastructure;

/// <summary>A self-signed certificate written as a password-protected PKCS#12 file, as an operator would make one.</summary>
public static class TestCertificate
{
    public const string Password = "key-ring-test";

    /// <summary>Writes a new RSA certificate with its private key to <paramref name="path"/> and returns the path.</summary>
    public static string Create(string path, string subject = "CN=DropIn key ring (test)")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
