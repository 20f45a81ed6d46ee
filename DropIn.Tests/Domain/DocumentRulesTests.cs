using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class DocumentRulesTests
{
    private static readonly DateTimeOffset Now = London.At(2026, 11, 24, 12, 0);

    public static TheoryData<string, byte[], DocumentType> AcceptedFiles => new()
    {
        { "appeal letter.pdf", SampleFiles.Pdf(), DocumentType.Pdf },
        { "Statement.DOCX", SampleFiles.Docx(), DocumentType.Word },
        { "old statement.doc", SampleFiles.Doc(), DocumentType.LegacyWord },
        { "letter.jpg", SampleFiles.Jpeg(), DocumentType.Jpeg },
        { "letter.jpeg", SampleFiles.Jpeg(), DocumentType.Jpeg },
        { "screenshot.png", SampleFiles.Png(), DocumentType.Png },
        { "IMG_0042.heic", SampleFiles.Heic(), DocumentType.Heic },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Check_RealFileOfAnAcceptedType_IsAcceptedAsThatType(string name, byte[] bytes, DocumentType expected)
    {
        var type = DocumentRules.Check(name, bytes.Length, bytes);

        Assert.Equal(expected, type);
    }

    [Fact]
    public void Check_WindowsExecutableRenamedPdf_IsRefused()
    {
        var bytes = SampleFiles.WindowsExecutable();

        var refused = Assert.Throws<RuleException>(() => DocumentRules.Check("invoice.pdf", bytes.Length, bytes));

        Assert.Equal("\"invoice.pdf\" is not really a PDF file, so it was not uploaded.", refused.Message);
    }

    [Fact]
    public void Check_PlainZipRenamedDocx_IsRefused()
    {
        var bytes = SampleFiles.PlainZip();

        var refused = Assert.Throws<RuleException>(() => DocumentRules.Check("statement.docx", bytes.Length, bytes));

        Assert.Contains("not really a DOCX file", refused.Message);
    }

    [Fact]
    public void Check_PngRenamedJpg_IsRefused()
    {
        var bytes = SampleFiles.Png();

        var refused = Assert.Throws<RuleException>(() => DocumentRules.Check("photo.jpg", bytes.Length, bytes));

        Assert.Contains("not really a JPG file", refused.Message);
    }

    [Fact]
    public void Check_TypeNotOnTheList_IsRefusedWhateverItContains()
    {
        var bytes = SampleFiles.Pdf();

        var refused = Assert.Throws<RuleException>(() => DocumentRules.Check("setup.exe", bytes.Length, bytes));

        Assert.StartsWith("Only PDF, Word", refused.Message);
    }

    [Fact]
    public void Check_OverTheLimit_IsRefusedWithTheSizeAndTheLimit()
    {
        var refused = Assert.Throws<RuleException>(() => DocumentRules.Check("scan.pdf", DocumentRules.MaxBytes + 1, SampleFiles.Pdf()));

        Assert.Contains("the limit is 15 MB", refused.Message);
    }

    [Fact]
    public void Check_AtTheLimit_IsAccepted()
    {
        Assert.Equal(DocumentType.Pdf, DocumentRules.Check("scan.pdf", DocumentRules.MaxBytes, SampleFiles.Pdf()));
    }

    [Fact]
    public void Check_Empty_IsRefused()
    {
        var refused = Assert.Throws<RuleException>(() => DocumentRules.Check("empty.pdf", 0, []));

        Assert.Equal("That file is empty.", refused.Message);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("..\\..\\Windows\\System32\\evil.pdf", "evil.pdf")]
    [InlineData("/var/lib/dropin/dropin.db.pdf", "dropin.db.pdf")]
    [InlineData("C:\\Users\\sam\\Desktop\\letter.pdf", "letter.pdf")]
    [InlineData("quote\"d<name>|?.pdf", "quotedname.pdf")]
    [InlineData("line\r\nbreak.pdf", "linebreak.pdf")]
    [InlineData("../", "document")]
    public void SafeName_PathOrOddCharacters_LeavesOnlyAPlainName(string uploaded, string expected)
    {
        Assert.Equal(expected, DocumentRules.SafeName(uploaded));
    }

    [Fact]
    public void Accept_PathTraversalName_StoresUnderItsOwnIdAndShowsOnlyTheSafeName()
    {
        var bytes = SampleFiles.Pdf();

        var document = CaseDocument.Accept(Guid.NewGuid(), "../../../wwwroot/index.pdf", bytes.Length, bytes, "sam", Now);

        Assert.Equal("index.pdf", document.FileName);
        Assert.Equal(document.Id.ToString("N"), document.StoredName);
        Assert.Equal("application/pdf", document.ContentType);
    }
}
