using DropIn.Domain;

namespace DropIn.Tests.Domain;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("letter\u202Efdp.exe", "letterfdp.exe")] // right-to-left override: would display as "letterexe.pdf"
    [InlineData("a\u202Ab\u202Bc\u202Cd\u202De.pdf", "abcde.pdf")]
    [InlineData("a\u2066b\u2067c\u2068d\u2069e.pdf", "abcde.pdf")] // isolates
    [InlineData("a\u200Eb\u200Fc.pdf", "abc.pdf")] // left-to-right and right-to-left marks
    [InlineData("zero\u200Bwidth\uFEFF.pdf", "zerowidth.pdf")]
    [InlineData("tab\there\u0000\u007F\u0085.pdf", "tabhere.pdf")]
    [InlineData("line\r\nbreak\u2028\u2029.pdf", "linebreak.pdf")]
    [InlineData("..\\..\\Windows\\evil.pdf", "evil.pdf")]
    [InlineData("quote\"d<name>|?*:.pdf", "quotedname.pdf")]
    [InlineData(" .hidden. ", "hidden")]
    [InlineData("Zoë's appeal – draft.pdf", "Zoë's appeal – draft.pdf")]
    [InlineData("\u202E", "fallback")]
    [InlineData(null, "fallback")]
    public void Safe_RemovesFoldersControlAndBidiCharacters_KeepingOrdinaryText(string? name, string expected)
    {
        Assert.Equal(expected, FileNames.Safe(name, "fallback"));
    }

    [Fact]
    public void Safe_LongName_KeepsTheEnd_SoTheExtensionSurvives_WithoutHalfACharacter()
    {
        var name = "😀" + new string('x', FileNames.MaxLength - 5) + ".pdf";

        var safe = FileNames.Safe(name, "fallback");

        Assert.True(safe.Length <= FileNames.MaxLength);
        Assert.EndsWith(".pdf", safe, StringComparison.Ordinal);
        Assert.False(char.IsLowSurrogate(safe[0]));
    }
}
