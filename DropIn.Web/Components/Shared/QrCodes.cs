using QRCoder;

namespace DropIn.Web.Components.Shared;

/// <summary>QR codes as inline SVG (QRCoder), the one way the app draws them: an authenticator key, the join page.</summary>
public static class QrCodes
{
    /// <summary>
    /// <paramref name="text"/> as an SVG QR code, black on white with its quiet zone (ISO/IEC 18004 asks for four
    /// modules of light margin, which phones need to find the code). Sized by a viewBox only, so the page's CSS gives it
    /// any size, from a set-up screen's 12rem to an A4 poster, and it stays sharp.
    /// </summary>
    /// <param name="text">What a phone reads: a URL or an otpauth:// URI. Error correction M (15%): enough for a printed code with a scuff.</param>
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new SvgQRCode(data);
        return code.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
