namespace DropIn.Domain.Cases;

public enum DocumentType
{
    Pdf,
    Word,
    LegacyWord,
    Jpeg,
    Png,
    Heic,
}

/// <summary>A file on a case. Its bytes live outside the web root under <see cref="StoredName"/>, never under the uploaded name.</summary>
public sealed class CaseDocument
{
    private CaseDocument()
    {
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string FileName { get; private set; } = "";
    public DocumentType Type { get; private set; }
    public long Size { get; private set; }
    public string StoredName { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedBy { get; private set; } = "";

    public string ContentType => DocumentRules.ContentType(Type);

    public static CaseDocument Accept(Guid caseId, string fileName, long size, ReadOnlySpan<byte> head, string by, DateTimeOffset now)
    {
        var type = DocumentRules.Check(fileName, size, head);
        var id = Guid.NewGuid();
        return new CaseDocument
        {
            Id = id, CaseId = caseId, FileName = DocumentRules.SafeName(fileName), Type = type, Size = size,
            StoredName = id.ToString("N"), UploadedAt = now, UploadedBy = by,
        };
    }
}

/// <summary>What may be uploaded: PDFs, Word files and photos, checked by their content, not by the name they arrive with.</summary>
public static class DocumentRules
{
    public const long MaxBytes = 15 * 1024 * 1024;

    /// <summary>Enough of the start of a file to recognise every accepted type (a .docx names its parts near the start).</summary>
    public const int HeadLength = 8192;

    public const string Accept = ".pdf,.doc,.docx,.jpg,.jpeg,.png,.heic,application/pdf,image/*";

    private static readonly Dictionary<string, DocumentType> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = DocumentType.Pdf,
        [".docx"] = DocumentType.Word,
        [".doc"] = DocumentType.LegacyWord,
        [".jpg"] = DocumentType.Jpeg,
        [".jpeg"] = DocumentType.Jpeg,
        [".png"] = DocumentType.Png,
        [".heic"] = DocumentType.Heic,
    };

    public static DocumentType Check(string fileName, long size, ReadOnlySpan<byte> head)
    {
        if (size <= 0)
        {
            throw new RuleException("That file is empty.");
        }

        if (size > MaxBytes)
        {
            throw new RuleException($"That file is {size / 1024.0 / 1024.0:0.0} MB; the limit is {MaxBytes / 1024 / 1024} MB. Scan at a lower resolution or split it.");
        }

        if (!Extensions.TryGetValue(Path.GetExtension(fileName ?? ""), out var claimed))
        {
            throw new RuleException("Only PDF, Word (.doc, .docx) and photo (.jpg, .png, .heic) files can be uploaded.");
        }

        var actual = Detect(head);
        if (actual is null || actual != claimed)
        {
            throw new RuleException($"\"{SafeName(fileName!)}\" is not really a {Path.GetExtension(fileName)!.TrimStart('.').ToUpperInvariant()} file, so it was not uploaded.");
        }

        return claimed;
    }

    /// <summary>The type the bytes say, from their signature; null when it is none of the accepted types.</summary>
    public static DocumentType? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return DocumentType.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return DocumentType.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return DocumentType.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return DocumentType.LegacyWord;
        }

        // A .docx is a zip whose first parts are "[Content_Types].xml", "_rels/" and "word/"; any other zip is refused.
        if (head.StartsWith("PK\u0003\u0004"u8) && (head.IndexOf("[Content_Types].xml"u8) >= 0 || head.IndexOf("word/"u8) >= 0))
        {
            return DocumentType.Word;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && (head[8..12].SequenceEqual("heic"u8) || head[8..12].SequenceEqual("heix"u8) || head[8..12].SequenceEqual("mif1"u8)))
        {
            return DocumentType.Heic;
        }

        return null;
    }

    public static string ContentType(DocumentType type) => type switch
    {
        DocumentType.Pdf => "application/pdf",
        DocumentType.Word => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentType.LegacyWord => "application/msword",
        DocumentType.Jpeg => "image/jpeg",
        DocumentType.Png => "image/png",
        _ => "image/heic",
    };

    /// <summary>The uploaded name, made safe to keep, show and send (<see cref="FileNames.Safe"/>).</summary>
    public static string SafeName(string fileName) => FileNames.Safe(fileName, "document");
}
