using System.Globalization;
using System.Text;
using Saison.Calendars.ICalendar;

namespace Saison.Calendars.Tests.ICalendar;

public class ContentLineWriterTests
{
    private static string WriteLine(string name, string value)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new ContentLineWriter(text).Write(name, value);
        return text.ToString();
    }

    private static void AssertPhysicalLinesFit(string written)
    {
        Assert.EndsWith("\r\n", written, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(written);
        var lines = written.Split("\r\n")[..^1];
        foreach (var line in lines)
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"'{line}' is {Encoding.UTF8.GetByteCount(line)} octets");
        }

        // Decoding strictly proves no UTF-8 sequence was cut by a fold.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var line in lines)
        {
            Assert.Equal(line, strict.GetString(strict.GetBytes(line)));
            Assert.DoesNotContain('\uFFFD', line);
        }

        Assert.Equal(written, strict.GetString(bytes));
    }

    [Fact]
    public void Short_line_is_not_folded()
    {
        Assert.Equal("SUMMARY:Fête\r\n", WriteLine("SUMMARY", "Fête"));
    }

    [Fact]
    public void Line_of_exactly_75_octets_is_not_folded()
    {
        var value = new string('a', 75 - "SUMMARY:".Length);
        Assert.Equal("SUMMARY:" + value + "\r\n", WriteLine("SUMMARY", value));
    }

    [Fact]
    public void Line_of_76_octets_is_folded_with_CRLF_and_a_space()
    {
        var value = new string('a', 76 - "SUMMARY:".Length);
        var written = WriteLine("SUMMARY", value);
        Assert.Equal("SUMMARY:" + value[..^1] + "\r\n a\r\n", written);
    }

    [Theory]
    [InlineData("é", 2)]
    [InlineData("€", 3)]
    [InlineData("🎆", 4)]
    public void Multibyte_character_at_the_boundary_moves_whole_to_the_next_line(string character, int octets)
    {
        // 74 ASCII octets then the character: it would straddle octet 75.
        var prefix = new string('x', 74 - "SUMMARY:".Length);
        var written = WriteLine("SUMMARY", prefix + character + "fin");
        AssertPhysicalLinesFit(written);
        var lines = written.Split("\r\n");
        Assert.Equal("SUMMARY:" + prefix, lines[0]);
        Assert.Equal(" " + character + "fin", lines[1]);
        Assert.True(octets > 1);
    }

    [Fact]
    public void Long_text_of_accents_and_emoji_folds_everywhere_within_limits_and_unfolds_to_the_original()
    {
        var value = string.Concat(Enumerable.Repeat("Été à Saint-Nazaire 🎆🎉 — fête, régates ; ", 12));
        var written = WriteLine("DESCRIPTION", value);
        AssertPhysicalLinesFit(written);
        var unfolded = written.Replace("\r\n ", string.Empty, StringComparison.Ordinal).TrimEnd('\r', '\n');
        Assert.Equal("DESCRIPTION:" + value, unfolded);
    }

    [Fact]
    public void Parameter_values_with_separators_are_quoted()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new ContentLineWriter(text).Write("LOCATION", [("ALTREP", "cid:a;b"), ("LANGUAGE", "fr")], "Plage");
        Assert.Equal("LOCATION;ALTREP=\"cid:a;b\";LANGUAGE=fr:Plage\r\n", text.ToString());
    }
}
