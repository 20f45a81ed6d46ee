using System.IO.Compression;
using System.Text;

namespace DropIn.Tests.Infrastructure;

/// <summary>Small files that begin the way real ones do, for testing uploads that are checked by content.</summary>
public static class SampleFiles
{
    /// <summary>A complete one-page PDF, as a scanner or "print to PDF" would start one.</summary>
    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A .docx as Word writes it: a zip whose first part is [Content_Types].xml, then the document.</summary>
    public static byte[] Docx() => Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>"),
        ("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"));

    /// <summary>An ordinary zip archive: the same container as a .docx, but not a Word document.</summary>
    public static byte[] PlainZip() => Zip(("notes.txt", "not a Word document"), ("photos/readme.txt", "nothing here"));

    /// <summary>The OLE2 compound-file header that begins a Word 97–2003 .doc.</summary>
    public static byte[] Doc() => Padded([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3E, 0x00, 0x03, 0x00, 0xFE, 0xFF]);

    /// <summary>A JPEG/JFIF header (start of image, APP0 "JFIF") and the end-of-image marker.</summary>
    public static byte[] Jpeg() => [.. Padded([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00]), 0xFF, 0xD9];

    /// <summary>A complete 1×1 PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>The ISO base media header an iPhone writes at the start of a .heic photo.</summary>
    public static byte[] Heic() => Padded([0x00, 0x00, 0x00, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0x00, 0x00, 0x00, 0x00, (byte)'m', (byte)'i', (byte)'f', (byte)'1', (byte)'h', (byte)'e', (byte)'i', (byte)'c']);

    /// <summary>The start of a Windows executable: "MZ", then the DOS stub's message.</summary>
    public static byte[] WindowsExecutable()
    {
        var bytes = Padded([(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00]);
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(bytes, 0x4E);
        return bytes;
    }

    private static byte[] Padded(byte[] start)
    {
        var bytes = new byte[512];
        start.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }
}
